"""Each kind of follow-up search has its own bar to answer (data/follow_up_bars.toml)."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from chatbot import Chatbot
from chatbot.conversation.bars import KIND_FEATURES, SCOPE_NAMES, Bars, FollowUpModel, load_bars
from chatbot.data import read_data_file
from chatbot.retrieval.features import ANSWERABLE_FEATURES

BLADDER = "can electroacupuncture help an overactive bladder in ms"
FOLLOW_UPS = ["how many people were in it?", "was that in humans or animals?",
              "what about sleep?", "is that proven?", "does it help pain?",
              "did they measure anything else", "and spasms"]


def test_the_bundled_bars_are_fitted_and_name_known_searches() -> None:
    bars = load_bars()
    assert bars.fitted_on != ["none yet"]
    for fitted in (bars.with_memory, bars.without_memory):
        assert set(fitted.bars) <= set(SCOPE_NAMES)
        assert "alone" not in fitted.bars  # a question alone keeps the model's threshold
        assert fitted.cross_validated


def test_the_file_is_read_as_written() -> None:
    raw = read_data_file("follow_up_bars.toml")
    assert load_bars().with_memory.bars == raw["with_memory"]["bars"]


@pytest.mark.parametrize("bars", [{"nowhere": 0.5}, {"passage": -0.1}, {"passage": 1.5}])
def test_an_unknown_search_or_a_bar_out_of_range_is_refused(bars: dict) -> None:
    with pytest.raises(ValidationError):
        Bars(bars=bars)


def test_every_search_a_reading_makes_has_a_known_name(bot: Chatbot) -> None:
    conversation = bot.conversation()
    conversation.ask(BLADDER)
    names = {scope.name for message in FOLLOW_UPS
             for scope in bot.follow_ups.read(message, conversation.history).scopes}
    assert names <= set(SCOPE_NAMES)
    assert {"passage", "documents", "anywhere", "carried"} <= names


def test_the_bot_uses_the_bar_of_the_search_that_answers() -> None:
    bot = Chatbot()
    conversation = bot.conversation()
    conversation.ask(BLADDER)
    follow = "how many people were in it?"
    assert bot.ask(follow, conversation.history).status == "answered"
    bot.bars = {name: 1.01 for name in SCOPE_NAMES if name != "alone"}  # never answer
    assert bot.ask(follow, conversation.history).status == "no_match"
    assert bot.ask(BLADDER).status == "answered"  # a question alone keeps its threshold


def test_search_answers_at_and_above_its_threshold_only(bot: Chatbot) -> None:
    found = bot.retriever.scored_search(BLADDER)
    assert found.hits and 0 < found.chance <= 1
    _, at = bot.retriever.search(BLADDER, threshold=found.chance)
    _, above = bot.retriever.search(BLADDER, threshold=min(found.chance + 1e-9, 1.01))
    assert [h.chunk.chunk_id for h in at] == [h.chunk.chunk_id for h in found.hits]
    assert above == []


def _model(bias: float, **weights: float) -> FollowUpModel:
    names = {*ANSWERABLE_FEATURES, *KIND_FEATURES}
    return FollowUpModel(bias=bias, weights={n: weights.get(n, 0.0) for n in names})


def test_the_bundled_follow_up_model_weighs_the_features_the_code_computes() -> None:
    model = load_bars().model_for(with_memory=True)
    assert model is not None
    assert set(model.weights) == {*ANSWERABLE_FEATURES, *KIND_FEATURES}
    assert {f"search_{n}" for n in SCOPE_NAMES if n != "alone"} == set(KIND_FEATURES)


def test_a_follow_up_model_must_name_every_feature_and_no_other() -> None:
    weights = dict(_model(0.0).weights)
    with pytest.raises(ValidationError):
        FollowUpModel(bias=0.0, weights={**weights, "unknown_feature": 1.0})
    del weights["top_score"]
    with pytest.raises(ValidationError):
        FollowUpModel(bias=0.0, weights=weights)


def test_the_follow_up_chance_is_logistic_in_its_features_and_kind_of_search() -> None:
    model = _model(-1.0, top_coverage=2.0, search_passage=0.5)
    features = tuple(1.0 if n == "top_coverage" else 0.0 for n in ANSWERABLE_FEATURES)
    assert model.chance(features, "passage") == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.chance(features, "documents") == pytest.approx(1 / (1 + math.exp(-1.0)))


def test_follow_up_searches_are_judged_by_the_follow_up_model_alone_ones_not() -> None:
    bot = Chatbot()
    conversation = bot.conversation()
    conversation.ask(BLADDER)
    follow = "how many people were in it?"
    bot.bars = {name: 0.5 for name in SCOPE_NAMES if name != "alone"}
    bot.follow_model = _model(-50.0)  # a follow-up search never answers
    assert bot.ask(follow, conversation.history).status == "no_match"
    assert bot.ask(BLADDER).status == "answered"  # read alone: the answerable model
    bot.follow_model = _model(50.0)  # every follow-up search answers
    answer = bot.ask(follow, conversation.history)
    assert answer.status == "answered" and answer.follows == BLADDER
