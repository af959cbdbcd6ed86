"""Questions about the sources themselves ("who wrote these?", "is any of it from the
NHS?"): a fixed text that lists the sources from the manifest."""

from __future__ import annotations

from collections.abc import Callable

from chatbot.conversation.texts import SourcesQuestion, phrase_key
from chatbot.models import DocumentMeta
from chatbot.retrieval.question import QuestionParts


def asks_about_sources(
    message: str, cues: SourcesQuestion, parts: Callable[[str], QuestionParts]
) -> bool:
    """A cue about the sources, no subject of the question's own beyond it (nor a word
    the sources never use: "does the NHS pay for it?" asks about paying), and no kind
    of question but one about a work: "who wrote the bladder study?" asks about a
    study, "what do the sources say it does in the brain?" how it works."""
    key = phrase_key(message)
    spans = cues.spans(key)
    if not spans:
        return False
    cue_words = {key[i] for s, e in spans for i in range(s, e)}
    found = parts(message)
    if found.kind is not None and found.kind not in cues.kinds:
        return False
    return all(w in cue_words for w in (*found.subject, *found.unknown))


def asks_a_sources_date(message: str, parts: Callable[[str], QuestionParts]) -> bool:
    """"When was the clinic's post last updated?": a date asked of a source it names is
    searched for, since a source may give its date in its own words ("Updated: Apr 18,
    2024"); when it does not, the list of sources answers."""
    found = parts(message)
    return found.kind == "source_date"


def describe(doc: DocumentMeta) -> str:
    """One source in a line: its title, kind, author and date, as the manifest gives."""
    parts = [doc.kind.label]
    if doc.author:
        parts.append(f"by {doc.author}")
    if doc.date_label:
        parts.append(doc.date_label)
    return f"- {doc.title} ({'; '.join(parts)})"


def sources_reply(intro: str, documents: list[DocumentMeta], outro: str) -> str:
    return "\n".join([intro, *map(describe, documents), outro])
