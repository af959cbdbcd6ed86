"""How a message is read after earlier turns: alone, carried on, or pointing back."""

from __future__ import annotations

import pytest

from chatbot import Chatbot
from chatbot.conversation.reading import Reading


def _after(bot: Chatbot, *earlier: str):
    conversation = bot.conversation()
    for message in earlier:
        conversation.ask(message)
    return conversation


def _reading(bot: Chatbot, message: str, *earlier: str) -> Reading:
    return bot.follow_ups.read(message, _after(bot, *earlier).history)


def test_first_message_is_read_alone(bot: Chatbot) -> None:
    reading = bot.follow_ups.read("what about sleep?", [])
    assert reading.scopes[0].text == "what about sleep?"
    assert reading.scopes[0].follows is None


def test_what_about_x_carries_the_earlier_question_to_x(bot: Chatbot) -> None:
    reading = _reading(bot, "what about sleep?", "can acupuncture help my tiredness")
    text = reading.scopes[0].text
    assert "sleep" in text and "acupuncture" in text and "tiredness" not in text
    assert reading.scopes[0].follows == "can acupuncture help my tiredness"


def test_what_about_x_leaves_out_what_the_asker_said_around_the_question(bot) -> None:
    """Words the corpus never uses that are no subject ("sending", "stuff") describe
    the asking; carried on, they would count against every passage about X."""
    earlier = "my son keeps sending me stuff saying acupuncture boosts the immune system"
    reading = _reading(bot, "what about inflammation?", earlier)
    words = reading.scopes[0].text.split()
    assert {"inflammation", "acupuncture"} <= set(words)
    assert not {"sending", "stuff", "immune"} & set(words)
    answer = bot.conversation(_after(bot, earlier).history).ask("what about inflammation?")
    assert answer.status == "answered" and "inflamm" in answer.passages[0].quote.lower()


def test_a_texting_spelling_does_not_hide_what_about(bot: Chatbot) -> None:
    reading = _reading(bot, "wat about sleep?", "can acupuncture help my tiredness")
    assert reading.scopes[0].name == "carried"
    assert "sleep" in reading.scopes[0].text and "tiredness" not in reading.scopes[0].text


def test_a_lead_in_word_does_not_hide_what_about(bot: Chatbot) -> None:
    # "what about" counts only at the start, but "ok" or "so" may come first.
    for message in ("ok what about sleep?", "so, what about sleep?"):
        reading = _reading(bot, message, "can acupuncture help my tiredness")
        assert reading.scopes[0].name == "carried"
        assert "sleep" in reading.scopes[0].text and "tiredness" not in reading.scopes[0].text
    # Not anywhere in the message: "can it help with sleep and what about pain" is
    # a question of its own.
    reading = _reading(bot, "is it safe? and what about pain", "can acupuncture help my tiredness")
    assert reading.scopes[0].name != "carried"


def test_and_before_a_question_of_its_own_does_not_carry_the_earlier_one_on(bot) -> None:
    # "and did their quality of life change?" joins a new question on: it points at
    # the study just read; "and sleep?" carries the earlier question on to sleep.
    earlier = ("did anyone in the bladder study get a urine infection?",)
    joined = _reading(bot, "and did their quality of life change?", *earlier)
    assert joined.scopes[0].name != "carried"
    assert _reading(bot, "and sleep?", *earlier).scopes[0].name == "carried"


def test_a_misspelt_subject_is_replaced_as_it_was_read(bot: Chatbot) -> None:
    # "fatige" was read as "fatigue": the new subject takes its place, not a place
    # beside it ("... fatige pain" found the fatigue passage again).
    reading = _reading(bot, "and for pain?", "does electroacupunture help ms fatige")
    text = reading.scopes[0].text
    assert "pain" in text and "fatig" not in text and "electroacupuncture" in text


def test_and_a_treatment_replaces_the_treatment(bot: Chatbot) -> None:
    reading = _reading(bot, "and electroacupuncture?", "can acupuncture help my tiredness")
    text = reading.scopes[0].text
    assert "tiredness" in text and "electroacupuncture" in text


def test_pointing_back_looks_in_the_passage_then_the_documents_last_quoted(bot) -> None:
    earlier = _after(bot, "can acupuncture help with bladder problems in ms?")
    shown = earlier.history[0].passages
    reading = bot.follow_ups.read("was that in people or in rats?", earlier.history)
    study = bot.follow_ups.study(shown[0].chunk_id, shown[0].quote_start, shown[0].quote_end)
    # The passage first, with every passage about its study (the factsheet's summary
    # of the bladder study beside its note), then the documents.
    assert shown[0].chunk_id in reading.scopes[0].within
    assert [s.within for s in reading.scopes[:2]] == [
        frozenset(c for c, _, _ in study), frozenset(p.doc_id for p in shown)]
    assert reading.scopes[0].text == "was that in people or in rats?"
    assert reading.scopes[0].context == "can acupuncture help with bladder problems in ms?"


def test_a_number_asked_of_the_passage_comes_from_it_or_not_at_all(bot) -> None:
    earlier = _after(bot, "can acupuncture help with bladder problems in ms?")
    reading = bot.follow_ups.read("how many mice did they use?", earlier.history)
    first = earlier.history[0].passages[0]
    study = bot.follow_ups.study(first.chunk_id, first.quote_start, first.quote_end)
    # Only the passages about the study just quoted: never another study's number.
    assert [s.within for s in reading.scopes] == [frozenset(c for c, _, _ in study)]
    assert reading.scopes[0].quoted == study
    # The only search: its bar weighs answering against no_match, fitted apart (a
    # number is a pattern: the bar of such details).
    assert reading.scopes[0].name == "pattern"
    # A length of time is words, not a pattern: the bar of the other details.
    how_long = bot.follow_ups.read("how long did it last?", earlier.history)
    assert [s.name for s in how_long.scopes] == ["detail"]


def test_after_a_turn_that_found_nothing_it_points_at_what_was_last_quoted(bot) -> None:
    earlier = _after(bot, "can acupuncture help with bladder problems in ms?",
                     "what colour are the needles?")
    assert earlier.history[1].status == "no_match"
    reading = bot.follow_ups.read("were there side effects in that study?", earlier.history)
    first = earlier.history[0].passages[0]
    assert first.chunk_id in reading.scopes[0].within
    assert reading.scopes[0].follows == earlier.history[0].question
    answer = earlier.ask("were there side effects in that study?")
    assert answer.status == "answered" and "no side effects" in answer.passages[0].quote


def test_a_new_subject_without_a_pointer_is_a_new_topic(bot: Chatbot) -> None:
    reading = _reading(bot, "does acupuncture help spasticity", "can acupuncture help my bladder")
    assert [s.follows for s in reading.scopes] == [None]


def test_small_talk_carries_no_topic_but_does_not_break_the_thread(bot: Chatbot) -> None:
    reading = _reading(bot, "what about sleep?", "can acupuncture help my tiredness", "thanks")
    assert reading.scopes[0].follows == "can acupuncture help my tiredness"


def test_a_topic_older_than_turns_back_is_not_carried(bot: Chatbot) -> None:
    back = bot.follow_ups.cues.turns_back
    reading = _reading(bot, "what about sleep?", "can acupuncture help my tiredness",
                       *["hello"] * back)
    assert reading.scopes[0].follows is None


def test_evidence_asked_of_a_new_claim_sets_the_topic_after_it(bot: Chatbot) -> None:
    # "Is there evidence for that?" with a claim of its own: the claim is what the
    # turns after it are read with, not the question before.
    claim = "someone said acupuncture loosens stiff muscles by improving microcirculation. " \
            "is there evidence for that?"
    assert _reading(bot, claim, "does acupuncture help paralysis").topic == claim
    bare = _reading(bot, "is there evidence for that?", "does acupuncture help paralysis")
    assert bare.topic == "does acupuncture help paralysis"


def test_a_chain_of_follow_ups_keeps_the_topic_that_started_it(bot: Chatbot) -> None:
    reading = _reading(bot, "did anyone drop out?", "can acupuncture help with bladder problems",
                       "how many people were in it?")
    assert reading.topic == "can acupuncture help with bladder problems"
    assert reading.scopes[0].context == "can acupuncture help with bladder problems"


@pytest.mark.parametrize("message", ["how good is the evidence for that?", "is that proven?"])
def test_evidence_follow_ups_are_asked_of_the_topic_everywhere(bot: Chatbot, message) -> None:
    reading = _reading(bot, message, "can acupuncture help my mood")
    assert reading.scopes[0].within is None
    assert reading.scopes[0].follows == "can acupuncture help my mood"


def test_urgent_is_checked_on_the_raw_message_in_a_conversation(bot: Chatbot) -> None:
    conversation = _after(bot, "can acupuncture help with bladder problems")
    answer = conversation.ask("and now i cant breathe and my chest is crushing")
    assert answer.status == "urgent"
    assert answer.follows is None


def test_that_joining_a_clause_points_at_nothing_said_before(bot: Chatbot) -> None:
    """"A study that counted leaks" is a new question; "was that in rats?" points back."""
    history = _after(bot, "what about vitamin d?").history
    new = bot.follow_ups.read("is there an acupuncture study that counted urine leaks?", history)
    assert [s.follows for s in new.scopes] == [None]
    earlier = _after(bot, "does acupuncture help pain").history
    back = bot.follow_ups.read("was that in rats?", earlier)
    assert back.scopes[0].follows == "does acupuncture help pain"


@pytest.mark.parametrize("message", ["who wrote that study", "who did that research?",
                                     "when was that trial done"])
def test_that_naming_what_was_quoted_points_back_after_any_word(bot: Chatbot, message) -> None:
    """"That study" is "the study": after a verb ("wrote that study") it still points
    back; only a bare "that" after a word joins a clause to it."""
    earlier = "did everyone finish the bladder electroacupuncture study?"
    reading = _reading(bot, message, earlier)
    assert reading.scopes[0].follows == earlier
    # "study" is the pointer's, not a subject of its own: a detail of that study only.
    assert [s.name for s in reading.scopes] == ["pattern"]  # a citation, a year


@pytest.mark.parametrize("message", ["who wrote that?", "what caused that", "why is that?"])
def test_that_ending_the_message_points_back_after_any_word(bot: Chatbot, message) -> None:
    """"That" joins a clause only when one follows it: "who wrote that?" points back."""
    earlier = "did everyone finish the bladder electroacupuncture study?"
    assert _reading(bot, message, earlier).scopes[0].follows == earlier


def test_the_same_comparing_two_things_points_at_nothing_said_before(bot: Chatbot) -> None:
    history = _after(bot, "can acupuncture help my bladder").history
    new = bot.follow_ups.read("is electroacupuncture the same thing as normal acupuncture",
                              history)
    assert [s.follows for s in new.scopes] == [None]
    back = bot.follow_ups.read("was it the same in the other study?", history)
    assert back.scopes[0].follows == "can acupuncture help my bladder"


def test_a_follow_up_and_a_new_topic_carry_the_passage_last_read(bot: Chatbot) -> None:
    earlier = _after(bot, "can acupuncture help with bladder problems in ms?")
    first = earlier.history[0].passages[0].chunk_id
    pointing = bot.follow_ups.read("how many people were in it?", earlier.history)
    new = bot.follow_ups.read("does acupuncture help spasticity", earlier.history)
    assert {s.after for s in pointing.scopes} == {(first,)}
    assert new.scopes[0].after == (first,) and new.scopes[0].follows is None


def test_a_message_without_pointer_asked_alone_before_is_read_alone(bot: Chatbot) -> None:
    # "Is there a cure for ms?" names no subject the corpus lacks, but people asked it
    # alone, not as a follow-up: the memory says so.
    earlier = _after(bot, "can acupuncture help with bladder problems in ms?")
    after = (earlier.history[0].passages[0].chunk_id,)
    alone, follow = bot.memory.closest("is there a cure for ms", after)
    assert alone > follow
    reading = bot.follow_ups.read("is there a cure for ms", earlier.history)
    assert [s.follows for s in reading.scopes] == [None]


def test_without_a_memory_a_message_without_subject_is_a_follow_up(lexical_bot) -> None:
    earlier = _after(lexical_bot, "can acupuncture help with bladder problems in ms?")
    reading = lexical_bot.follow_ups.read("is there a cure for ms", earlier.history)
    assert reading.scopes[0].follows is not None


def test_an_it_standing_for_the_clause_after_it_points_at_nothing(bot: Chatbot) -> None:
    # "is it safe to have acupuncture..." asks whether having acupuncture is safe: a
    # new topic, read alone, not a follow-up of the bladder study just quoted.
    earlier = "were there any side effects in the bladder study?"
    reading = _reading(bot, "is it safe to have acupuncture if you have ms", earlier)
    assert [s.name for s in reading.scopes] == ["alone"]
    assert reading.scopes[0].follows is None
    # "is it safe for her?" has no clause of its own: "it" is what was just read.
    pointing = _reading(bot, "is it safe for her to have it?", earlier)
    assert pointing.scopes[0].follows == earlier


def test_what_about_x_names_the_question_whose_topic_it_carries_on(bot: Chatbot) -> None:
    # Two turns on, "what about sleep?" still carries on the tiredness question, and
    # says so: not the count question just before it.
    first = "can acupuncture help my tiredness"
    reading = _reading(bot, "what about sleep?", first, "how many people were in that study?")
    assert reading.scopes[0].name == "carried"
    assert "sleep" in reading.scopes[0].text and "tiredness" not in reading.scopes[0].text
    assert reading.scopes[0].follows == first
