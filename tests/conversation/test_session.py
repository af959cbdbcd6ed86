"""The conversation as every interface uses it: answers, `follows`, fixed replies."""

from __future__ import annotations

import json
import subprocess
import sys

from chatbot import Chatbot
from chatbot.conversation.sources import asks_about_sources


def test_follow_up_answer_names_the_question_it_was_read_with(bot: Chatbot) -> None:
    conversation = bot.conversation()
    first = conversation.ask("can acupuncture help with bladder problems in ms?")
    second = conversation.ask("how many people were in that study?")
    assert first.follows is None
    assert second.follows == "can acupuncture help with bladder problems in ms?"
    assert second.status == "answered"
    assert "Nine patients" in second.passages[0].quote


def test_history_rebuilds_the_same_conversation(bot: Chatbot) -> None:
    conversation = bot.conversation()
    conversation.ask("can acupuncture help my tiredness")
    live = conversation.ask("what about sleep?")
    rebuilt = bot.conversation(history=conversation.history[:1]).ask("what about sleep?")
    assert rebuilt == live


def test_reset_starts_a_new_conversation(bot: Chatbot) -> None:
    conversation = bot.conversation()
    conversation.ask("can acupuncture help my tiredness")
    conversation.reset()
    assert conversation.ask("what about sleep?").follows is None


def test_small_talk_gets_a_fixed_reply_and_quotes_nothing(bot: Chatbot) -> None:
    for message, reply_id in [("hi", "greeting"), ("thanks!", "thanks"), ("ok", "acknowledge"),
                              ("bye", "goodbye")]:
        answer = bot.ask(message)
        expected = next(r for r in bot.conversation_texts.small_talk.replies if r.id == reply_id)
        assert answer.status == "reply"
        assert answer.message == expected.reply
        assert answer.passages == []


def test_a_question_after_a_greeting_is_answered(bot: Chatbot) -> None:
    assert bot.ask("hi, can acupuncture help with tiredness?").status == "answered"


def test_questions_about_the_sources_list_them_from_the_manifest(bot: Chatbot) -> None:
    for message in ["who wrote these?", "is any of it from the NHS?", "what are your sources"]:
        answer = bot.ask(message)
        assert answer.status == "reply", message
        for doc in bot.documents:
            assert doc.title in answer.message


def test_a_date_asked_of_a_source_is_its_own_date_line_or_the_list(bot: Chatbot) -> None:
    """The clinic's post gives its date in its own words, so that is quoted; the
    overview gives none, so the list of sources (or "I can't find that") answers."""
    answer = bot.ask("when was the wellington clinic's acupuncture post last updated?")
    assert answer.status == "answered"
    assert answer.passages[0].quote == "Updated: Apr 18, 2024"
    assert answer.passages[0].doc_id == "clinic-blog"
    undated = bot.ask("when was the overview article about bee venom written?")
    assert undated.status in ("reply", "no_match") and not undated.passages


def test_a_question_about_one_study_is_not_a_sources_question(bot: Chatbot) -> None:
    assert bot.ask("who wrote the bladder study?").status != "reply"


def test_the_sources_question_examples_read_both_ways(bot: Chatbot) -> None:
    cues = bot.conversation_texts.sources_question
    for message in cues.match:
        assert asks_about_sources(message, cues, bot.retriever.parts), message
    for message in cues.no_match:
        assert not asks_about_sources(message, cues, bot.retriever.parts), message


def test_the_kinds_a_sources_question_may_have_exist(bot: Chatbot) -> None:
    known = {kind.id for kind in bot.retriever.reader.kinds.kinds}
    assert set(bot.conversation_texts.sources_question.kinds) <= known


def test_who_did_it_after_a_study_note_is_never_another_study(bot: Chatbot) -> None:
    """Asked right after the trial's summary, "who did it?" asks whose study that is:
    its citation, or no answer; never the bladder study beside it."""
    conversation = bot.conversation()
    conversation.ask("what did the acupuncture trial in secondary progressive ms find")
    answer = conversation.ask("who did it?")
    assert answer.status in ("answered", "no_match")
    assert all("Tjon" not in p.quote for p in answer.passages)
    if answer.passages:
        assert "(Donnellan 2008)" in answer.passages[0].quote


def test_a_quote_naming_a_study_answers_whose_it_is(bot: Chatbot) -> None:
    answer = bot.ask("who ran the randomised trial of two types of acupuncture in ms?")
    assert answer.status == "answered"
    assert "(Donnellan 2008)" in answer.passages[0].quote


def test_dialogue_cli_reads_lines_as_one_conversation_and_blank_resets() -> None:
    lines = "can acupuncture help with bladder problems\nhow many people were in it?\n\n" \
            "how many people were in it?\n"
    out = subprocess.run(
        [sys.executable, "-m", "chatbot", "ask", "--json", "--dialogue", "-"],
        input=lines, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    answers = [json.loads(line) for line in out]
    assert len(answers) == 3
    assert answers[1]["follows"] == "can acupuncture help with bladder problems"
    assert answers[2]["follows"] is None


def test_without_dialogue_every_line_is_read_alone() -> None:
    lines = "can acupuncture help with bladder problems\nhow many people were in it?\n"
    out = subprocess.run(
        [sys.executable, "-m", "chatbot", "ask", "--json", "-"],
        input=lines, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    assert json.loads(out[1])["follows"] is None


def test_a_follow_up_that_could_stand_alone_offers_to_be_asked_alone(bot: Chatbot) -> None:
    conversation = bot.conversation()
    conversation.ask("can acupuncture help with bladder problems")
    answer = conversation.ask("does it help with pain?")
    if answer.follows is not None:
        assert answer.choices == ["alone"]
    again = conversation.ask_alone("does it help with pain?")
    assert again.follows is None and again.choices == []
    assert conversation.history[-1] is again


def test_a_pure_follow_up_offers_no_other_reading(bot: Chatbot) -> None:
    conversation = bot.conversation()
    conversation.ask("can acupuncture help with bladder problems")
    assert conversation.ask("how many people were in it?").choices == []


def test_who_ran_it_never_names_another_study(bot: Chatbot) -> None:
    """After the bladder study, "who ran it?" is answered from the passages about that
    study or not at all: the factsheet's other trial, "(Donnellan 2008)", is wrong."""
    conversation = bot.conversation()
    first = conversation.ask("tell me about the bladder study")
    assert first.passages[0].chunk_id == "factsheet#9"
    answer = conversation.ask("who ran it?")
    assert all("Donnellan" not in p.quote for p in answer.passages)
    assert answer.status == "no_match" or "(Tjon Eng Soe 2009)" in answer.passages[0].quote
