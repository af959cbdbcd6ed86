"""The tiers end to end: urgent (fixed reply, nothing quoted), the safety net (a fixed
text before the answer, in every interface), SOS, and who the reply is written for."""

from __future__ import annotations

import json

import pytest

from chatbot.bot import Chatbot
from chatbot.export import conversation_markdown
from chatbot.plain_chat import PlainChat
from chatbot.render_text import SAFETY_NET_LABEL, render_answer

NET = ("I had suicidal thoughts a few years ago but I'm in a good place now. "
       "Can acupuncture help mood?")


def test_the_safety_net_is_null_in_json_when_nothing_is_raised(bot: Chatbot) -> None:
    data = json.loads(bot.ask("can acupuncture help with ms fatigue").model_dump_json())
    assert data["safety_net"] is None


def test_a_safety_net_keeps_the_answer_and_comes_first_everywhere(bot: Chatbot) -> None:
    answer = bot.ask(NET)
    assert answer.status == "answered" and answer.passages
    data = json.loads(answer.model_dump_json())
    assert data["safety_net"]["flag"] == "suicide"
    assert "crisis line" in data["safety_net"]["message"]
    text = render_answer(answer)
    assert text.startswith(f"{SAFETY_NET_LABEL}: {answer.safety_net.message}")
    markdown = conversation_markdown([(NET, answer)])
    body = markdown.split("## Question 1", 1)[1]
    assert body.index(SAFETY_NET_LABEL) < body.index(answer.passages[0].quote.split()[0])
    assert body.count(SAFETY_NET_LABEL) == 1


@pytest.mark.parametrize("message", ["help now", "help!!", "HELP ME", "sos", "SOS!", "999", "911",
                                     "112", "emergency", "Emergency!"])
def test_sos_gets_the_emergency_and_crisis_contacts(bot: Chatbot, message: str) -> None:
    answer = bot.ask(message)
    assert answer.status == "urgent" and answer.passages == []
    assert "emergency number" in answer.message and "crisis line" in answer.message


@pytest.mark.parametrize("message", ["help with my legs", "is 999 free to call", "sos acupuncture"])
def test_sos_is_only_a_bare_call_for_help(bot: Chatbot, message: str) -> None:
    assert bot.ask(message).message != bot.safety.sos_message


def test_plain_chat_keeps_help_as_a_command_but_help_with_bangs_is_sos(bot: Chatbot) -> None:
    chat = PlainChat(bot)
    assert "crisis line" not in chat.reply("help").splitlines()[0]
    assert chat.reply("help!!").startswith("URGENT")
    assert chat.reply("sos").startswith("URGENT")


def test_a_carer_gets_words_for_helping_the_person(bot: Chatbot) -> None:
    carer = bot.ask("she keeps saying she doesnt want to be here anymore")
    own = bot.ask("i dont want to be here anymore")
    assert carer.status == own.status == "urgent"
    assert "You matter" in own.message and "You matter" not in carer.message
    assert "stay with them" in carer.message


def test_probably_just_my_ms_never_calms_a_sudden_sign(bot: Chatbot) -> None:
    sudden = bot.ask("probably just my MS but my face suddenly drooped on one side")
    assert sudden.status == "urgent"
    slow = bot.ask("my left leg has been getting weaker and numb over the last few days")
    assert slow.status != "urgent" and slow.safety_net and slow.safety_net.flag == "stroke"


def test_a_sign_seen_only_through_a_spelling_guess_gets_at_most_the_net(bot: Chatbot) -> None:
    """"tripped" is one letter from "tripled": a guess must not send the urgent reply."""
    answer = bot.ask("my mum tripped on the stairs yesterday, can acupuncture help her balance")
    assert answer.status != "urgent"


@pytest.mark.parametrize(("message", "flag"), [
    ("my dad took extra this morning and is very sleepy", "overdose"),
    ("my son keeps cutting, doing it right now", "self_harm"),
])
def test_a_flag_one_concept_short_said_now_gets_its_safety_net(
    bot: Chatbot, message: str, flag: str
) -> None:
    """A missed emergency should at worst get the safety net, never bare quotes (and the
    learned backstop may raise a near miss to urgent)."""
    verdict = bot.safety.concepts(message)
    assert (verdict.tier, verdict.flag, verdict.decided_by) == ("safety_net", flag, "near_miss")
    assert bot.safety.check(message).tier in ("safety_net", "urgent")


@pytest.mark.parametrize("message", [
    "a little redness and soreness where the needle went in yesterday, no temperature",
    "my back pain is bad today",
])
def test_no_near_miss_when_the_missing_concept_is_said_absent_or_one_word_alone(
    bot: Chatbot, message: str
) -> None:
    """(The learned backstop may still give its own net: this is the near-miss rule.)"""
    assert bot.safety.concepts(message).tier is None


def test_two_chats_asking_at_once_get_the_same_verdicts() -> None:
    """The lexicon indexes a word on first use; threads must never see half of it."""
    from concurrent.futures import ThreadPoolExecutor

    from chatbot.safety import SafetyCheck

    messages = ["i want to end my life", "crushing pain in my chest going down my left arm",
                "my face is drooping on one side", "can acupuncture help fatigue"] * 25
    expected = [SafetyCheck().check(m).flag for m in messages]
    fresh = SafetyCheck()
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda m: fresh.check(m).flag, messages))
    assert got == expected


def _question_sets() -> list[dict]:
    from pathlib import Path

    data = Path(__file__).parent / "data"
    return [json.loads(line) for name in ("dev_questions.jsonl", "heldout_questions.jsonl",
                                          "blind_questions.jsonl")
            for line in (data / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("case", _question_sets(), ids=lambda c: c["id"])
def test_question_sets_keep_their_urgent_status(bot: Chatbot, case: dict) -> None:
    """All three question sets, not only the one CI evaluates: "woke up and i cant see
    anything out of my right eye, it was fine last night" is urgent."""
    assert (bot.ask(case["question"]).status == "urgent") == (case["status"] == "urgent")


@pytest.mark.parametrize("message", ["hi", "hello", "thanks", "thank you", "ok", "bye",
                                     "ok thanks, bye"])
def test_small_talk_gets_no_safety_net_from_the_backstop(bot: Chatbot, message: str) -> None:
    answer = bot.ask(message)
    assert answer.status == "reply"
    assert answer.safety_net is None


@pytest.mark.parametrize("message", ["hi, my chest is crushing and i cant breathe",
                                     "thanks. i took all my pills an hour ago"])
def test_small_talk_with_a_sign_is_still_urgent(bot: Chatbot, message: str) -> None:
    assert bot.ask(message).status == "urgent"


def test_a_short_misspelt_sign_still_gets_the_safety_net(bot) -> None:
    """"breth" (five letters) is corrected to the lexicon's word: read only by a
    correction, the sign gets the net, never nothing."""
    answer = bot.ask("i  cnat get my breth")
    assert answer.status == "urgent" or answer.safety_net is not None
