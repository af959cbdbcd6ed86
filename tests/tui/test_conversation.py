"""Pilot tests of the chat as a conversation: follow-ups, notes once, typed commands."""

from __future__ import annotations

import re

import pytest

from chatbot.tui.app import ChatApp
from chatbot.tui.widgets.answer import AnswerView
from tests.tui.conftest import TIRED, ask, flat, screen_text, text_of


async def test_follow_up_is_read_with_the_earlier_question_and_says_so(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "can acupuncture help with bladder problems")
        await ask(pilot, "how many people were in it?")
        views = list(app.screen.query(AnswerView))
        assert views[-1].answer.follows == "can acupuncture help with bladder problems"
        hints = [flat(text_of(w)) for w in views[-1].query(".hint")]
        assert any("Read with your earlier question" in h for h in hints)
        assert "Nine patients" in views[-1].answer.passages[0].quote
        # No "Here is what my sources say" this time: its first line says who speaks.
        assert hints[0].startswith("Chatbot: (Read with")


async def _after_tiredness(bot, message: str, check) -> None:
    """Asks TIRED, then `message`, and runs `check` on the second answer's view."""
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, TIRED)
        await ask(pilot, message)
        check(list(app.screen.query(AnswerView))[-1])


async def test_a_later_answer_read_alone_still_says_who_speaks(bot) -> None:
    def check(later: AnswerView) -> None:
        assert later.answer.follows is None and later.answer.status == "answered"
        assert flat(text_of(later.query(".label").first())).startswith("Chatbot: Quote")

    await _after_tiredness(bot, "is electroacupuncture used for bladder problems", check)


async def test_a_follow_up_with_no_answer_says_who_speaks_once(bot) -> None:
    def check(later: AnswerView) -> None:
        assert later.answer.status == "no_match" and later.answer.follows is not None
        lines = [flat(text_of(w)) for w in later.query(".hint, .message")]
        assert sum(line.startswith("Chatbot:") for line in lines) == 1

    await _after_tiredness(bot, "who paid for that study?", check)


async def test_general_notes_once_per_conversation_then_on_notes(bot) -> None:
    general = bot.caveats.texts.answer.questions_for_team[0]
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, TIRED)
        await ask(pilot, "does acupuncture help with pain")
        first, second = list(app.screen.query(AnswerView))[:2]
        def team(view):
            return [flat(text_of(w)) for w in view.query(".team_questions .item-text")]
        assert general in team(first)
        assert team(second) == []
        await ask(pilot, "notes")
        notes = app.screen.query(".answer").last()
        assert general in [flat(text_of(w)) for w in notes.query(".item-text")]


async def test_typed_commands_work_like_their_keys(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "sources")
        assert type(app.screen).__name__ == "SourcesScreen"
        await pilot.press("escape")
        await ask(pilot, "can acupuncture help with bladder problems")
        await ask(pilot, "new")
        await ask(pilot, "how many people were in it?")
        assert app.screen.query(AnswerView).last().answer.follows is None
        await ask(pilot, "q")
        assert app.return_code is not None or not app.is_running


FIRST_SCREEN = [
    ("can acupuncture help with bladder problems", "does acupuncture help with pain"),
    ("im so tired all the time, can acupunture help with fatige",
     "my wife has ms and her legs are so stiff at night, wud acupunture help her"),
    ("does acupuncture work for depression? ms + depression here, already on sertraline",
     "is acupuncture safe for someone with ms"),
]


def _visible(app) -> str:
    """The screen's words, without the bars and scrollbar drawn between them."""
    return flat(re.sub("[\u2580-\u259f│]", " ", screen_text(app)))


@pytest.mark.parametrize("questions", FIRST_SCREEN)
async def test_answer_quote_source_and_evidence_fit_the_first_screen(bot, questions) -> None:
    """At 80x24, each answer's quote, source and the passage's own evidence notes are
    on the screen as it arrives, the first of a conversation (with its "Here is what
    my sources say") and a later one alike."""
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        for question in questions:
            await ask(pilot, question)
            answer = app.screen.query(AnswerView).last().answer
            assert answer.status == "answered", question
            shown, passage = _visible(app), answer.passages[0]
            assert "Source:" in shown and "About this evidence" in shown
            assert flat(passage.quote)[:40] in shown and flat(passage.quote)[-30:] in shown
            for note in passage.caveats:
                assert flat(note) in shown, (question, note)
