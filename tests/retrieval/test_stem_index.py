"""The stem index: the cosine of idf-weighted stems, and the few best, ties by id."""

from __future__ import annotations

import math

import pytest

from chatbot.retrieval.memory import Labelled
from chatbot.retrieval.stem_index import StemIndex


def labelled(qid: str, stems: str) -> Labelled:
    return Labelled(qid, "g", stems, True, [("doc#1", 0)], [])


QUESTIONS = [labelled("b", "acupunctur fatigu"), labelled("a", "acupunctur fatigu"),
             labelled("c", "acupunctur bladder"), labelled("d", "pain")]
INDEX = StemIndex(QUESTIONS)


def plain_cosine(stems: list[str], other: str) -> float:
    """The closeness written out the slow way, to check the vector against."""
    n = len(QUESTIONS)
    df = {s: sum(s in q.stems.split() for q in QUESTIONS) for s in stems + other.split()}
    idf = {s: math.log((n + 1) / (d + 0.5)) for s, d in df.items() if d}
    shared = sum(idf[s] ** 2 for s in stems if s in other.split())
    norm = math.sqrt(sum(idf.get(s, math.log(n + 1)) ** 2 for s in stems))
    return shared / (norm * math.sqrt(sum(idf[s] ** 2 for s in other.split())))


def test_closeness_is_the_cosine_of_idf_weighted_stems() -> None:
    sims = INDEX.closeness(["acupunctur", "fatigu", "unknownword"])
    for q, sim in zip(QUESTIONS, sims, strict=True):
        assert sim == pytest.approx(plain_cosine(["acupunctur", "fatigu", "unknownword"], q.stems))
    assert sims[3] == 0.0


def test_the_best_are_closest_first_and_a_tie_goes_to_the_first_id() -> None:
    best = INDEX.best(INDEX.closeness(["acupunctur", "fatigu"]), 2)
    assert [q.id for _, q in best] == ["a", "b"]
    assert best[0][0] == best[1][0] == pytest.approx(1.0)


def test_the_best_never_include_a_question_sharing_no_stem() -> None:
    best = INDEX.best(INDEX.closeness(["pain"]), 3)
    assert [q.id for _, q in best] == ["d"]
    assert INDEX.best(INDEX.closeness(["weather"]), 3) == []
