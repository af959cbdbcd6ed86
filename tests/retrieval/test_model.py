"""The fitted ranking model: its file must match the features the code computes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chatbot import Chatbot
from chatbot.retrieval.features import ANSWERABLE_FEATURES, RANKING_FEATURES
from chatbot.retrieval.model import RankingModel, load_model


def test_the_reviewed_model_loads_and_names_every_feature() -> None:
    model = load_model()
    assert set(model.ranking.weights) == set(RANKING_FEATURES)
    assert set(model.answerable.weights) == set(ANSWERABLE_FEATURES)
    assert {"hit1", "hit3", "no_match"} <= set(model.cross_validated)


def test_a_model_file_missing_or_adding_a_feature_is_refused() -> None:
    raw = load_model().model_dump()
    missing = {**raw, "ranking": {**raw["ranking"], "weights": {"formula": 1.0}}}
    with pytest.raises(ValidationError, match="missing"):
        RankingModel.model_validate(missing)
    extra = dict(raw["answerable"]["weights"], made_up=1.0)
    with pytest.raises(ValidationError, match="unknown"):
        RankingModel.model_validate({**raw, "answerable": {**raw["answerable"], "weights": extra}})


def test_chance_is_a_probability_that_rises_with_the_top_score() -> None:
    model = load_model()
    weak = tuple(0.0 for _ in ANSWERABLE_FEATURES)
    strong = tuple(5.0 if n == "top_score" else 0.0 for n in ANSWERABLE_FEATURES)
    assert 0.0 <= model.chance(weak) <= 1.0
    if model.answerable.weights["top_score"] > 0:
        assert model.chance(strong) > model.chance(weak)


def test_features_are_bounded(bot: Chatbot) -> None:
    """Each feature stays near [0, 1] (the formula term aside), so weights read as
    importances and no single feature swamps the rest."""
    from chatbot.retrieval.features import ranking_features

    r = bot.retriever
    for question in ["can acupuncture help my tiredness", "how many people took part",
                     "is acupuncture safe for ms", "what is electroacupuncture"]:
        q, found = r.candidates(question)
        best = max(c.bm25 for c in found)
        for c in found:
            values = dict(zip(RANKING_FEATURES, ranking_features(c, q, best), strict=True))
            for name, value in values.items():
                if name not in ("formula", "bm25_log"):
                    assert -0.01 <= value <= 1.5, (name, value)


def test_context_frames_a_follow_up_but_its_own_words_must_be_covered() -> None:
    from chatbot import Chatbot

    retriever = Chatbot().retriever
    question = retriever.reader.read("and the leaking?", "can acupuncture help my bladder")
    assert [c.word for c in question.concepts if not c.frame] == ["leaking"]
    assert any(c.frame and c.word == "bladder" for c in question.concepts)
    assert question.anchored  # the earlier question named the treatment
    _, hits = retriever.search("what country was it done in",
                               context="can acupuncture help my bladder")
    assert hits == []
