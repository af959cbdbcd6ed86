"""Naming a source: the reviewed names read as declared, frame the question, and
choose the passage's document."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chatbot import Chatbot
from chatbot.models import SourceKind
from chatbot.retrieval.sources import SourceNamesFile, SourceReader, load_source_names

NAMES = load_source_names()


def named(bot: Chatbot, text: str) -> frozenset[SourceKind]:
    return bot.retriever.reader.read(text).sources


@pytest.mark.parametrize(("question", "kinds"), NAMES.examples.items())
def test_examples_name_the_declared_kinds(bot: Chatbot, question: str, kinds: list) -> None:
    assert named(bot, question) == frozenset(kinds or SourceKind)


@pytest.mark.parametrize("question", NAMES.not_examples)
def test_not_examples_name_no_source(bot: Chatbot, question: str) -> None:
    assert named(bot, question) == frozenset()


def test_a_name_read_twice_or_of_three_words_is_refused() -> None:
    raw = NAMES.model_dump()
    twice = {**raw, "names": [*raw["names"], {"words": ["factsheet"], "kinds": []}]}
    with pytest.raises(ValidationError, match="named once"):
        SourceNamesFile.model_validate(twice)
    long = {**raw, "names": [*raw["names"], {"words": ["a b c"], "kinds": []}]}
    with pytest.raises(ValidationError, match="one or two words"):
        SourceNamesFile.model_validate(long)


def test_names_in_one_phrase_narrow_the_kind(bot: Chatbot) -> None:
    reader = SourceReader(bot.retriever.analyzer.stop_words)
    [mention] = reader.read(["does", "the", "clinic", "s", "blog", "post", "say"])
    assert mention.kinds == {SourceKind.clinic_marketing_blog}
    assert {"clinic", "blog", "post"} <= mention.phrase


def test_the_name_frames_the_question(bot: Chatbot) -> None:
    """The name selects a document, so the passage need not say "clinic" or "post",
    nor "wellington", a word of the name the corpus never contains; a word of the
    name the corpus does contain still asks about something."""
    question = bot.retriever.reader.read("does the wellington clinic's post admit any limits")
    frame = {c.word: c.frame for c in question.concepts}
    assert frame["clinic"] and frame["post"] and frame["wellington"]
    assert not frame["admit"]
    question = bot.retriever.reader.read("what does the fatigue factsheet say")
    assert not {c.word: c.frame for c in question.concepts}["fatigue"]


def test_a_word_the_corpus_describes_a_source_with_names_it(bot: Chatbot) -> None:
    """"uk" is in the corpus ("100,000 people in the UK"), but the manifest describes the
    factsheet as "for a UK audience": in "the uk factsheet" it names the document, and
    the question asks what the factsheet says about acupuncture. A word the named
    source is not described with still asks ("the fatigue factsheet")."""
    question = bot.retriever.reader.read("what does the uk factsheet say about bladder")
    frame = {c.word: c.frame for c in question.concepts}
    assert frame["uk"] and not frame["bladder"]
    question = bot.retriever.reader.read("how many people in the uk have ms")
    assert not {c.word: c.frame for c in question.concepts}["uk"]
    reader = SourceReader(bot.retriever.analyzer.stop_words,
                          described={SourceKind.evidence_factsheet: frozenset({"uk"})})
    [mention] = reader.read(["the", "uk", "factsheet"])
    assert mention.described == {"uk"}
    [mention] = reader.read(["the", "uk", "blog"])
    assert "uk" not in mention.described


def test_a_named_source_answers_from_that_source(bot: Chatbot) -> None:
    """Every candidate comes from the named kind of source when it has one; when it has
    none, the others answer."""
    r = bot.retriever
    _, pool = r.pool("does the wellington acupuncture clinic admit any limits to the research?")
    assert pool and {r.source_kinds[c.chunk.doc_id] for c in pool} == {
        SourceKind.clinic_marketing_blog}
    _, everyone = r.pool("does acupuncture research have any limits")
    assert len({r.source_kinds[c.chunk.doc_id] for c in everyone}) > 1
    answer = bot.ask("what does the factsheet say about acupuncture and bladder problems")
    assert answer.passages and answer.passages[0].source_kind == SourceKind.evidence_factsheet
