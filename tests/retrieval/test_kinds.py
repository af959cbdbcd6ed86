"""Question kinds: every declared kind has examples, reads them as declared, and its
answer rule decides what is quoted."""

from __future__ import annotations

import pytest

from chatbot import Chatbot
from chatbot.retrieval.kinds import KindReader, KindRule, KindsFile, load_kinds

KINDS = load_kinds().kinds


def read(bot: Chatbot, text: str) -> str | None:
    question = bot.retriever.reader.read(text)
    return question.kind.id if question.kind else None


def test_every_kind_has_examples_both_ways() -> None:
    for kind in KINDS:
        assert kind.examples and kind.not_examples, kind.id


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.id)
def test_examples_read_as_declared(bot: Chatbot, kind: KindRule) -> None:
    for example in kind.examples:
        assert read(bot, example) == kind.id, example
    for example in kind.not_examples:
        assert read(bot, example) != kind.id, example


def test_a_kind_that_needs_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="needs nothing"):
        KindRule(id="x", about="x", cues=["x"], examples=["x"], not_examples=["y"])


def test_duplicate_kind_ids_are_refused() -> None:
    rule = KINDS[0]
    with pytest.raises(ValueError, match="unique"):
        KindsFile(kinds=[rule, rule])


def test_a_year_is_not_a_count(bot: Chatbot) -> None:
    kinds = {k.id: k for k in KindReader(bot.retriever.analyzer).kinds}
    count = kinds["count"]
    assert count.satisfied("Nine patients completed the study", frozenset(), frozenset())
    assert count.satisfied("from 3.89 to 1.68 times a day", frozenset(), frozenset())
    assert not count.satisfied("A review (Lee 2007) found no firm conclusion",
                               frozenset(), frozenset())


def test_cue_words_are_matched_as_written_not_as_stems(bot: Chatbot) -> None:
    # "whats" and "what" share a stem; only "what is"/"whats" ask for a definition.
    assert read(bot, "what did the rat study find") != "definition"
    assert read(bot, "whats electroacupuncture") == "definition"


def test_how_many_people_is_answered_with_how_many(bot: Chatbot) -> None:
    answer = bot.ask("How many people were in the randomised controlled trial?")
    assert answer.status == "answered"
    assert "14" in answer.passages[0].quote


def test_side_effects_of_a_study_quote_the_sentence_about_them(bot: Chatbot) -> None:
    answer = bot.ask("were there any side effects in the bladder study?")
    assert answer.status == "answered"
    assert "no side effects" in answer.passages[0].quote


def test_does_it_work_is_not_answered_by_work_with(bot: Chatbot) -> None:
    answer = bot.ask("so does it work or not")
    assert all("work with" not in p.quote for p in answer.passages)


def test_a_definition_names_what_was_asked(bot: Chatbot) -> None:
    answer = bot.ask("what is moxibustion")
    assert answer.status == "no_match"
    answer = bot.ask("scalp acupuncture what is it")
    assert all("scalp" in p.quote.lower() for p in answer.passages)


def test_a_risk_question_needs_a_passage_on_risk(bot: Chatbot) -> None:
    answer = bot.ask("can acupuncture make my ms worse")
    for p in answer.passages:
        words = p.quote.lower()
        assert any(w in words for w in ("safe", "side effect", "adverse", "relapse",
                                        "risk", "reverse", "serious")), p.quote
