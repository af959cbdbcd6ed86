"""Pilot tests of the chat screen with the real bot: what a person types and sees."""

from __future__ import annotations

import threading

from textual.widgets import Input

from chatbot.render_text import caveats_for, render_answer, source_line
from chatbot.tui.app import ChatApp
from chatbot.tui.screens.chat import ChatScreen
from chatbot.tui.screens.help import HelpScreen
from chatbot.tui.widgets.answer import AnswerView
from chatbot.tui.widgets.question_picker import QuestionPicker
from tests.tui.conftest import (
    BUNDLED,
    OFF_TOPIC,
    TIRED,
    URGENT,
    ask,
    flat,
    screen_text,
    settle,
    text_of,
)


async def test_first_screen_welcomes_and_offers_examples(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        welcome = flat(text_of(app.screen.query_one(".welcome-text")))
        assert welcome == flat(BUNDLED.welcome)
        picker = app.screen.query_one("#examples", QuestionPicker)
        assert picker.questions == BUNDLED.examples
        assert isinstance(app.focused, Input)
        shown = screen_text(app)
        assert "Nothing you type here is stored" in shown
        assert f"1. {BUNDLED.examples[0]}" in shown


async def test_question_shows_quote_source_and_caveats(bot) -> None:
    expected = bot.ask(TIRED)
    assert expected.status == "answered"
    first = expected.passages[0]
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, TIRED)
        view = app.screen.query_one(AnswerView)
        assert flat(text_of(view.query_one(".quote"))) == flat(first.quote)
        assert flat(text_of(view.query_one(".source"))) == flat(f"Source: {source_line(first)}")
        caveats = [flat(text_of(w)) for w in view.query(".caveats .item-text")]
        assert caveats == [flat(c) for c in caveats_for(expected, first)]
        team = [flat(text_of(w)) for w in view.query(".team_questions .item-text")]
        assert team == expected.questions_for_team
        # On screen: the question, the start of the answer and the quote label...
        shown = screen_text(app)
        assert f"You: {TIRED}" in shown
        assert "Quote, passage 1 of 3" in shown
        assert first.quote.split()[0] in shown
        # ...and the caveats a page further down, in plain view (no key to reveal).
        await pilot.press("pagedown")
        await pilot.pause()
        assert "About this evidence:" in screen_text(app)


async def test_up_and_down_recall_earlier_questions(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "is acupuncture safe")
        await ask(pilot, "does it help stiff legs")
        box = app.screen.query_one("#question", Input)
        await pilot.press("h", "i")
        await pilot.press("up")
        assert box.value == "does it help stiff legs"
        await pilot.press("up")
        assert box.value == "is acupuncture safe"
        await pilot.press("up")
        assert box.value == "is acupuncture safe"
        await pilot.press("down")
        assert box.value == "does it help stiff legs"
        await pilot.press("down")
        assert box.value == "hi"  # the unfinished line comes back


async def test_more_shows_next_passages_then_says_no_more(bot) -> None:
    expected = bot.ask(TIRED)
    assert len(expected.passages) == 3
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, TIRED)
        await pilot.press("f2")
        await settle(pilot)
        await ask(pilot, "more")  # typing "more" does the same as F2
        views = list(app.screen.query(AnswerView))
        assert [v.passage_index for v in views] == [0, 1, 2]
        for view, passage in zip(views, expected.passages, strict=True):
            assert flat(text_of(view.query_one(".quote"))) == flat(passage.quote)
        assert "Quote, passage 3 of 3" in screen_text(app)
        await pilot.press("f2")
        await settle(pilot)
        note = app.screen.query(".no-more").last()
        assert BUNDLED.no_more in text_of(note)
        assert BUNDLED.no_more in flat(screen_text(app))


async def test_urgent_answer_is_labelled_in_words(bot) -> None:
    expected = bot.ask(URGENT)
    assert expected.status == "urgent"
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, URGENT)
        view = app.screen.query_one(AnswerView)
        assert view.has_class("-urgent")
        message = text_of(view.query_one(".urgent-message"))
        assert message.startswith("Chatbot:  URGENT")
        assert flat(expected.message.removeprefix("URGENT.")) in flat(message)
        assert "URGENT" in screen_text(app)


async def test_no_match_shows_message_and_pickable_suggestions(bot) -> None:
    expected = bot.ask(OFF_TOPIC)
    assert expected.status == "no_match"
    assert len(expected.suggestions) >= 2
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, OFF_TOPIC)
        view = app.screen.query_one(AnswerView)
        assert flat(expected.message) in flat(text_of(view.query_one(".message")))
        picker = view.query_one(QuestionPicker)
        assert picker.questions == expected.suggestions
        await pilot.press("tab")  # Tab goes to the newest list, not the welcome one
        assert app.focused is picker
        await pilot.press("2")
        await settle(pilot)
        asked = [text_of(w) for w in app.screen.query(".user-message")]
        assert asked[-1] == f"You: {expected.suggestions[1]}"
        assert app.screen.query(AnswerView).last().answer.question == expected.suggestions[1]
        assert isinstance(app.focused, Input)  # back to typing
        await pilot.press("up")  # a picked question is in the history too
        assert app.focused.value == expected.suggestions[1]


async def test_example_question_is_asked_with_tab_and_enter(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#examples")
        await pilot.press("down", "enter")
        await settle(pilot)
        view = app.screen.query_one(AnswerView)
        assert view.answer is not None
        assert view.answer.question == BUNDLED.examples[1]


async def test_question_mark_types_while_typing_and_f1_opens_help(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", "s", " ", "i", "t", " ", "s", "a", "f", "e", "?")
        assert app.screen.query_one("#question", Input).value == "is it safe?"
        assert isinstance(app.screen, ChatScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert flat(BUNDLED.help) in flat(text_of(app.screen.query_one(".help-text")))
        await pilot.press("escape")
        assert isinstance(app.screen, ChatScreen)
        await pilot.press("tab", "question_mark")  # not typing: ? is help too
        assert isinstance(app.screen, HelpScreen)


async def test_copy_puts_the_last_answer_on_the_clipboard_as_plain_text(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        assert app.clipboard == ""
        await ask(pilot, TIRED)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        answer = app.screen.query(AnswerView).last().answer
        assert app.clipboard == render_answer(answer, 1)
        assert "About this evidence:" in app.clipboard
        assert "[" not in app.clipboard.replace(answer.passages[1].quote, "")


async def test_lookup_runs_off_the_ui_thread_and_the_screen_stays_live(bot) -> None:
    from tests.tui.conftest import StubBot

    expected = bot.ask(TIRED)
    stub = StubBot(lambda q: expected, bot.documents)
    stub.gate = threading.Event()
    app = ChatApp(stub)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"hello", "enter")
        await pilot.pause()
        # The lookup is blocked, yet the screen answers keys and shows it is busy.
        assert "Looking this up" in screen_text(app)
        await pilot.press("a", "b")
        assert app.screen.query_one("#question", Input).value == "ab"
        stub.gate.set()
        await settle(pilot)
        assert stub.threads and threading.get_ident() not in stub.threads
        assert app.screen.query_one(AnswerView).answer == expected


async def test_new_answer_scrolls_into_view_only_for_a_reader_at_the_bottom(bot) -> None:
    from tests.tui.conftest import StubBot

    expected = bot.ask(TIRED)
    stub = StubBot(lambda q: expected, bot.documents)
    app = ChatApp(stub)
    async with app.run_test(size=(80, 24)) as pilot:
        scroller = app.screen.query_one("#conversation")
        await ask(pilot, "first")
        assert scroller.scroll_y > 0  # followed: the welcome scrolled away
        first_y = scroller.scroll_y
        # A reader who scrolls up while an answer is on its way stays where they are.
        stub.gate = threading.Event()
        await pilot.press(*"second", "enter")
        await pilot.pause()
        await pilot.pause()
        scroller.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        stub.gate.set()
        await settle(pilot)
        assert len(app.screen.query(AnswerView)) == 2
        assert scroller.scroll_y == 0
        assert first_y < scroller.max_scroll_y


async def test_lookup_failure_is_reported_and_the_chat_goes_on(bot) -> None:
    from tests.tui.conftest import StubBot

    def boom(question: str):
        raise RuntimeError("index gone")

    app = ChatApp(StubBot(boom, bot.documents))
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "anything")
        assert "something went wrong" in screen_text(app)
        assert app.is_running
