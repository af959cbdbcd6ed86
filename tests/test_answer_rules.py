"""Answers to particular kinds of question, and calm readings of red-flag words."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot import Chatbot
from chatbot.evaluation import load_cases

DATA = Path(__file__).parent / "data"
ALL_CASES = [c for f in ("dev_questions.jsonl", "heldout_questions.jsonl")
             for c in load_cases(DATA / f)]


def test_bee_venom_is_never_answered_by_acupuncture_in_general(bot: Chatbot) -> None:
    """"Is bee venom safer?" must not get "acupuncture is generally considered safe":
    a worried reader would take it to mean bee venom is safe."""
    for question in ["what about bee venom therapy, is that safer", "is bee sting therapy safe"]:
        for passage in bot.ask(question).passages:
            assert "venom" in passage.quote.lower() or "bee" in passage.quote.lower(), (
                passage.quote[:80]
            )


@pytest.mark.parametrize("question", [
    "how good is the evidence for acupuncture in ms", "what even is acupuncture",
    "can acupuncture help my tiredness", "does acupuncture help stiff legs",
    "is acupuncture safe", "how does acupuncture work",
])
def test_the_order_adds_the_evidence_prior_to_the_fitted_score(
    bot: Chatbot, question: str
) -> None:
    """A tired reader mostly reads quote 1: each candidate's place is the fitted
    model's score plus the evidence prior times its source's strength, so of two
    candidates the model finds equally good, the stronger source comes first."""
    from chatbot.retrieval.features import ranking_features

    r = bot.retriever
    q, found = r.candidates(question)
    ranked = r.rank(q, found)
    assert ranked and r.settings.evidence_prior > 0
    best = max(c.bm25 for c in found)
    for score, c in ranked:
        expected = r.model.score(ranking_features(c, q, best))
        assert score == pytest.approx(expected + r.settings.evidence_prior * c.strength)
    assert [s for s, _ in ranked] == sorted((s for s, _ in ranked), reverse=True)


def test_what_acupuncture_is_comes_from_a_source_that_does_not_sell_it(bot: Chatbot) -> None:
    first = bot.ask("what even is acupuncture").passages[0]
    assert first.source_kind != "clinic_marketing_blog", first.quote[:60]


@pytest.mark.parametrize(
    ("message", "urgent"),
    [("i read that some people had a collapsed lung from needles", False),
     ("bee venom can cause anaphylaxis, is that true?", False),
     ("some people say im overreacting but my chest really hurts", True),
     ("some people get anaphylaxis and my throat is swelling", True),
     ("my husband says he cant breathe", True)],
)
def test_people_in_general_are_calm_but_never_hide_the_asker(
    bot: Chatbot, message: str, urgent: bool
) -> None:
    """"Some people had..." just before a sign speaks of people in general; a "my"
    or "I" there, or anywhere in what is reported now, keeps it urgent."""
    assert (bot.ask(message).status == "urgent") is urgent


def test_one_quote_covers_one_study(bot: Chatbot) -> None:
    """The factsheet lists a review, a 14-person trial and a 9-person bladder study in
    one paragraph: a quote never runs from one into the next, so "14 people took
    part" is never shown under the bladder study."""
    answer = bot.ask(
        "i keep needing to pee urgently and sometimes leak, can acupuncture help my bladder"
    )
    first = answer.passages[0]
    assert any("nine people" in caveat for caveat in first.caveats), "the bladder study's note"
    assert "randomised controlled trial" not in first.quote.lower()
    assert not any("14 people" in caveat for caveat in first.caveats)


@pytest.mark.parametrize(
    ("message", "urgent"),
    [("I sometimes get a tight band feeling around my ribs - the MS hug. Could acupuncture "
      "ease it?", False),
     ("my chest is really tight and painful and im struggling to breathe, is this the ms hug?",
      True),
     ("i sometimes get chest pain but right now its crushing", True)],
)
def test_a_known_recurring_symptom_is_calm_unless_it_is_happening_now(
    bot: Chatbot, message: str, urgent: bool
) -> None:
    assert (bot.ask(message).status == "urgent") is urgent


def test_how_many_of_something_no_source_counts_is_not_answered(bot: Chatbot) -> None:
    """The rat study's note gives no number of rats: no quote, rather than the note."""
    assert bot.ask("how many rats were used in the kim 2012 acupuncture study").status == "no_match"
    answer = bot.ask("how many meridians are there")
    assert answer.status == "answered" and "14 meridians" in answer.passages[0].quote
