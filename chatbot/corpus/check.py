"""`chatbot corpus check`: what makes a corpus unusable, and what it should still say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.corpus.load import Corpus, default_corpus_dir, scan
from chatbot.corpus.manifest import DOCUMENTS, MANIFEST
from chatbot.tokenizer import SYNONYM

if TYPE_CHECKING:
    from chatbot.bot import Chatbot


def chunk_counts(corpus: Corpus) -> dict[str, int]:
    """How many passages each document gives once its never-quote spans are cut."""
    from chatbot.chunking import chunk_document  # chunking imports the corpus package

    return {doc.meta.id: len(chunk_document(doc)) for doc in corpus.documents}


def check_corpus(root: Path | None = None) -> list[str]:
    """Every problem that makes a corpus unusable or a document unreachable.

    Beyond what `load_corpus` checks, a document must leave at least one passage
    with a word in it once its never-quote spans are cut out: otherwise it could
    never be quoted, and a corpus of such documents would build an empty index.
    """
    from chatbot.chunking import chunk_document
    from chatbot.tokenizer import words

    root = Path(root) if root is not None else default_corpus_dir()
    documents, _, problems = scan(root)
    for doc in documents:
        if not any(words(c.text) for c in chunk_document(doc)):
            problems.append(
                f"{root / DOCUMENTS / doc.meta.file}: nothing left to index once the "
                f"never_quote spans of document {doc.meta.id!r} are cut out"
            )
    return problems


_WHY = {
    "url": "where a reader can find the source",
    "publisher": "who stands behind it",
    "reviewed": "when it was last reviewed, as the source says",
    "review_due": "when its next review is due, as the source says",
}


def corpus_warnings(corpus: Corpus, today: dt.date | None = None) -> list[str]:
    """What a usable corpus should still say, one line each, naming the field: each
    source's publisher, address and review dates (patient-information standards ask
    for them), a review that is due, and the texts the bot shows about the corpus."""
    today = today or dt.date.today()
    path = corpus.root / MANIFEST
    lines = []
    texts = corpus.texts
    for field, why in (("name", 'the chat is titled "What the sources say"'),
                       ("topic", "the welcome does not say what the sources are about"),
                       ("examples", "the welcome offers no example questions")):
        if not getattr(texts, field):
            lines.append(f"{path}: field {field}: missing ({why})")
    for i, doc in enumerate(corpus.documents):
        where = f"{path}: field documents[{i}] (id {doc.meta.id!r})"
        for field, why in _WHY.items():
            if getattr(doc.meta, field) is None:
                lines.append(f"{where}.{field}: missing ({why})")
        due = doc.meta.review_due
        if due is not None and due <= today:
            lines.append(f"{where}.review_due: the review was due on {due.isoformat()} "
                         f"({(today - due).days} days ago): review the document, then "
                         "update reviewed and review_due")
    return lines


def example_warnings(corpus: Corpus, bot: Chatbot) -> list[str]:
    """Each example question the corpus's own documents do not answer: the welcome
    offers it, so a person who picks it must get an answer."""
    path = corpus.root / MANIFEST
    return [
        f"{path}: field examples[{i}]: {question!r} gets no answer from these documents "
        f"({answer.status})"
        for i, question in enumerate(corpus.texts.examples)
        if (answer := bot.ask(question)).status != "answered"
    ]


def vocabulary_warnings(corpus: Corpus, bot: Chatbot) -> list[str]:
    """A corpus's own vocabulary must point at its documents' words: an entry whose
    `means` words no document has (or `with_a_medicine` words) adds nothing."""
    path = corpus.root / MANIFEST
    index, analyzer = bot.retriever.index, bot.retriever.analyzer

    def unknown(text: str) -> bool:
        own = [t for t in analyzer.terms(text) if not t.startswith(SYNONYM)]
        return not any(index.df(t) for t in own)

    lines = [f"{path}: field vocabulary[{i}].means: no document has any of {entry.means!r}, "
             "so its lay words find nothing"
             for i, entry in enumerate(corpus.texts.vocabulary) if unknown(entry.means)]
    treatment = corpus.texts.treatment
    if treatment and treatment.with_a_medicine and unknown(treatment.with_a_medicine):
        lines.append(f"{path}: field treatment.with_a_medicine: no document has any of "
                     f"{treatment.with_a_medicine!r}")
    return lines
