"""Pilot tests of the app around the chat: size guard, palette, contrast, keys, SOS."""

from __future__ import annotations

import time

from chatbot.tui.app import ChatApp
from chatbot.tui.screens.chat import ChatScreen
from chatbot.tui.screens.too_small import TooSmallScreen
from chatbot.tui.widgets.answer import AnswerView
from tests.tui.conftest import URGENT, ask, flat, screen_text, settle, text_of


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
