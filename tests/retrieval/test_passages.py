"""The passages shown: the first, then later ones each judged by its own fitted
chance, none saying the same thing as one already shown."""

from __future__ import annotations

import pytest

from chatbot import Chatbot
from chatbot.retrieval.features import LATER_FEATURES, later_features
from chatbot.retrieval.ranking import later_passages, same_thing


def test_two_quotes_say_the_same_thing_by_their_share_of_all_terms() -> None:
    summary = frozenset(["uncontrol", "open", "studi", "electroacupunctur", "bladder", "ms"])
    note = summary | {"nine", "patient", "complet", "urg", "frequenc", "decreas", "diari"}
    assert not same_thing(summary, note, 0.5)  # the note adds the details asked about
    assert same_thing(note, note | {"also"}, 0.5)
    assert not same_thing(frozenset(), frozenset(), 0.5)


@pytest.fixture(scope="module")
def pool(bot: Chatbot):
    r = bot.retriever
    question, found = r.pool("can acupuncture help my fatigue")
    return r, question, r.rank(question, found)


def test_later_passages_need_their_own_chance(pool) -> None:
    r, _, scored = pool
    assert len(scored) >= 3
    first, rest = scored[0][1], [c for _, c in scored[1:]]
    settings = r.settings
    assert later_passages(first, [(0.9, c) for c in rest], 0.5, settings) == rest[
        : settings.max_passages - 1]
    assert later_passages(first, [(0.1, c) for c in rest], 0.5, settings) == []
    chances = [0.1, 0.9] + [0.0] * (len(rest) - 2)
    assert later_passages(first, list(zip(chances, rest, strict=True)), 0.5, settings) == [rest[1]]


def test_a_later_passage_saying_the_same_as_the_first_is_dropped(pool) -> None:
    r, _, scored = pool
    first = scored[0][1]
    twin = scored[1][1]._replace(quote_terms=first.quote_terms)
    assert later_passages(first, [(1.0, twin)], 0.0, r.settings) == []


def test_later_features_are_bounded(pool) -> None:
    _, _, scored = pool
    top_score, first = scored[0]
    for place, (score, c) in enumerate(scored[1:]):
        values = later_features(c, first, (score, top_score), place, 0.7, first.bm25)
        assert len(values) == len(LATER_FEATURES)
        assert all(-1.0 <= v <= 2.0 for v in values), dict(zip(LATER_FEATURES, values, strict=True))


def test_a_later_passage_need_not_cover_what_a_first_one_must(lexical_bot: Chatbot) -> None:
    """Candidates that meet the no-match rule's conditions but cover less than a first
    passage needs may still be shown after it, when the later model says so."""
    bot = lexical_bot
    r = bot.retriever
    _, pool = r.pool("does acupuncture help with fatigue and sleep and stiff legs")
    assert any(not c.passes for c in pool)
    assert any(c.passes for c in pool)
    _, found = r.candidates("does acupuncture help with fatigue and sleep and stiff legs")
    assert all(c.passes for c in found)


def test_the_summary_and_the_note_of_one_study_can_both_be_shown(bot: Chatbot) -> None:
    """The factsheet's summary of the bladder study and its note on it share most of
    the summary's words; the note says it was uncontrolled."""
    answer = bot.ask("was the bladder electroacupuncture study controlled")
    assert answer.status == "answered"
    assert any("uncontrolled" in p.quote for p in answer.passages)
