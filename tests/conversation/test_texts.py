"""The conversation file: every cue finds its examples, and finds none of its
counter-examples; the lists do not contradict each other."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chatbot.conversation.smalltalk import small_talk
from chatbot.conversation.texts import (
    CueList,
    FollowUp,
    SmallTalk,
    find_phrases,
    load_conversation_texts,
    phrase_key,
)

TEXTS = load_conversation_texts()
CUES = [*TEXTS.follow_up.cues]
REPLIES = TEXTS.small_talk.replies


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c.id)
def test_follow_up_cue_examples(cue: CueList) -> None:
    for message in cue.match:
        assert cue.spans(message), f"{cue.id} should find a cue in {message!r}"
    for message in cue.no_match:
        assert not cue.spans(message), f"{cue.id} should find no cue in {message!r}"


@pytest.mark.parametrize("reply", REPLIES, ids=lambda r: r.id)
def test_small_talk_examples(reply) -> None:
    for message in reply.match:
        found = small_talk(message, TEXTS.small_talk)
        assert found is not None and found.id == reply.id, message
    for message in reply.no_match:
        assert small_talk(message, TEXTS.small_talk) is None, message


def test_every_cue_and_reply_has_examples_both_ways() -> None:
    for item in [*CUES, *REPLIES, TEXTS.sources_question]:
        assert item.match and item.no_match, item.id


def test_phrases_match_whole_words_only() -> None:
    key = phrase_key("this thistle")
    assert find_phrases(key, frozenset({("this",)})) == [(0, 1)]
    assert find_phrases(phrase_key("what about it"), frozenset({("what", "about")})) == [(0, 2)]


def test_longest_phrase_wins_at_a_position() -> None:
    keys = frozenset({("and",), ("and", "what", "about")})
    assert find_phrases(phrase_key("and what about sleep"), keys) == [(0, 3)]


def test_a_phrase_in_two_small_talk_replies_is_refused() -> None:
    raw = TEXTS.small_talk.model_dump()
    raw["replies"][1]["phrases"].append(raw["replies"][0]["phrases"][0])
    with pytest.raises(ValidationError, match="small talk of both"):
        SmallTalk.model_validate(raw)


def test_a_filler_word_that_is_small_talk_is_refused() -> None:
    raw = TEXTS.small_talk.model_dump()
    raw["filler"].append("hi")
    with pytest.raises(ValidationError, match="filler"):
        SmallTalk.model_validate(raw)


def test_a_repeated_phrase_is_refused() -> None:
    with pytest.raises(ValidationError, match="repeated"):
        CueList(id="x", phrases=["that", "That"], match=["that"], no_match=["no"])


def test_long_messages_are_never_small_talk() -> None:
    assert small_talk("thanks " * 9, TEXTS.small_talk) is None
    assert small_talk("", TEXTS.small_talk) is None
    assert small_talk("!!!", TEXTS.small_talk) is None


def test_topic_kinds_are_question_kinds() -> None:
    from chatbot.retrieval.kinds import load_kinds

    ids = {k.id for k in load_kinds().kinds}
    assert set(TEXTS.follow_up.topic_kinds) <= ids
    assert set(TEXTS.follow_up.passage_kinds) <= ids


def test_a_question_opener_is_one_word_and_never_a_lead_in() -> None:
    data = TEXTS.follow_up.model_dump()
    for bad in (["what about"], ["ok"]):
        with pytest.raises(ValidationError):
            FollowUp(**{**data, "question_openers": bad})


def test_a_phrase_pointing_at_nothing_must_hold_a_weak_pointer() -> None:
    data = TEXTS.follow_up.model_dump()
    cues = [dict(c, phrases=["is acupuncture safe"]) if c["id"] == "points_at_nothing" else c
            for c in data["cues"]]
    with pytest.raises(ValidationError, match="no weak pointer"):
        FollowUp(**{**data, "cues": cues})
