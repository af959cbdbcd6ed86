"""Each kind of follow-up search has its own bar to answer (data/follow_up_bars.toml)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chatbot import Chatbot
from chatbot.conversation.bars import SCOPE_NAMES, Bars, load_bars
from chatbot.data import read_data_file

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
