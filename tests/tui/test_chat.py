"""Pilot tests of the chat screen with the real bot: what a person types and sees."""

from __future__ import annotations

import threading
import time

from textual.widgets import Input

from chatbot.corpus import load_corpus
from chatbot.messages import load_messages
from chatbot.render_text import caveats_for, render_answer, source_line
from chatbot.tui.app import ChatApp
from chatbot.tui.screens.chat import ChatScreen
from chatbot.tui.screens.help import HelpScreen
from chatbot.tui.screens.too_small import TooSmallScreen
from chatbot.tui.widgets.answer import AnswerView
from chatbot.tui.widgets.question_picker import QuestionPicker
from tests.tui.conftest import ask, flat, screen_text, settle, text_of

BUNDLED = load_messages(5, load_corpus().texts)
"""The texts of the bundled corpus, as its bot shows them."""

TIRED = "can acupunture help my tiredness"  # the typo is on purpose
URGENT = "I suddenly cant see out of one eye"
OFF_TOPIC = "how do I bake bread"


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


async def test_small_window_shows_one_enlarge_message(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(59, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "Please enlarge the window" in flat(screen_text(app))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        await pilot.resize_terminal(80, 15)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)


async def test_command_palette_offers_the_chat_actions(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("SOS", "More", "Notes", "Sources", "Copy answer", "Export",
                      "New conversation", "Help", "High contrast", "Quit"):
            assert title in titles
        # Only the app's own commands: none of the framework's.
        for title in ("Theme", "Screenshot", "Keys", "Maximize", "Minimize"):
            assert not any(t.startswith(title) for t in titles), title
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"High contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "high-contrast"


async def test_f9_toggles_high_contrast(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        assert app.theme == "high-contrast"
        await pilot.press("f9")
        assert app.theme != "high-contrast"


async def test_no_color_environment_is_honoured(bot, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, URGENT)
        assert app.no_color
        assert any(type(f).__name__ == "Monochrome" for f in app._filters)
        assert "URGENT" in screen_text(app)  # the word carries the meaning


async def test_first_screen_is_ready_in_under_a_second(bot) -> None:
    start = time.perf_counter()
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#examples")
        elapsed = time.perf_counter() - start
    assert elapsed < 1.0


def test_every_binding_has_an_id() -> None:
    from textual.binding import Binding

    from chatbot.tui.screens import chat, document, export, help, sources
    from chatbot.tui.widgets import history_input, question_picker

    classes = [
        ChatApp,
        chat.ChatScreen,
        document.DocumentScreen,
        export.ExportScreen,
        help.HelpScreen,
        sources.SourcesScreen,
        history_input.HistoryInput,
        question_picker.QuestionPicker,
    ]
    for cls in classes:
        bindings = [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
        assert bindings, cls
        for binding in bindings:
            assert binding.id, (cls.__name__, binding.key)


async def test_f6_shows_the_emergency_and_crisis_contacts_at_once(bot) -> None:
    """SOS needs no detection: one key, and the urgent reply with both numbers."""
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "F6 SOS" in screen_text(app).splitlines()[-1]
        await pilot.press("f6")
        await settle(pilot)
        view = app.screen.query(AnswerView).last()
        assert view.has_class("-urgent")
        message = text_of(view.query_one(".urgent-message"))
        assert "emergency" in message and "crisis line" in message


async def test_a_safety_net_is_shown_before_the_quotes(bot) -> None:
    question = "had suicidal thoughts years ago, im fine now. can acupuncture help low mood?"
    expected = bot.ask(question)
    assert expected.safety_net is not None and expected.status != "urgent"
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await ask(pilot, question)
        view = app.screen.query(AnswerView).last()
        parts = list(view.children)
        assert parts and parts[0].has_class("safety-net")
        assert expected.safety_net.message in text_of(parts[0])


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


async def test_answer_quote_source_and_evidence_fit_the_first_screen(bot) -> None:
    app = ChatApp(bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "can acupuncture help with bladder problems")
        await ask(pilot, "does acupuncture help with pain")
        shown = screen_text(app)
        answer = app.screen.query(AnswerView).last().answer
        assert "Source:" in shown
        assert "About this evidence" in shown
        assert answer.passages[0].quote.split()[0] in shown
