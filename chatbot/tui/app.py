"""The Textual app: themes, app-wide keys, the command palette and the size guard.

Kept small on purpose; the conversation lives in `screens/chat.py` and the answers
come from the same `Chatbot` the CLI uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from chatbot.messages import messages_for
from chatbot.tui.screens.chat import ChatScreen
from chatbot.tui.screens.help import HelpScreen
from chatbot.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

if TYPE_CHECKING:
    from chatbot import Chatbot

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#FFFFFF",
    accent="#00FFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    warning="#FFFF00",
    error="#FF8080",
    success="#00FF00",
    dark=True,
    variables={
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "border": "#FFFFFF",
        "border-blurred": "#FFFFFF",
        "text-muted": "#FFFFFF",
    },
)
DEFAULT_THEME = "textual-dark"


class ChatApp(App[None]):
    """`ChatApp(bot).run()` opens the chat at once; the bot is built before we start."""

    CSS_PATH = "chat.tcss"
    TITLE = "Information chatbot"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", key_display="F1", id="app.help"),
        Binding("f9", "toggle_contrast", "Contrast", show=False, id="app.contrast"),
        Binding("ctrl+q", "quit", "Quit", key_display="Ctrl+Q", priority=True, id="app.quit"),
    ]

    def __init__(self, bot: Chatbot) -> None:
        super().__init__()
        self.bot = bot
        self.title = messages_for(bot).title  # the corpus's name, for the terminal's title
        self.register_theme(HIGH_CONTRAST)
        self.theme = DEFAULT_THEME

    def get_default_screen(self) -> Screen:
        return ChatScreen(self.bot)

    def on_mount(self) -> None:
        self._guard_size(self.size.width, self.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._guard_size(event.size.width, event.size.height)

    def _guard_size(self, width: int, height: int) -> None:
        """Cover everything with one "please enlarge" message while too small."""
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()

    def action_help(self) -> None:
        if not isinstance(self.screen, (HelpScreen, TooSmallScreen)):
            self.push_screen(HelpScreen(messages_for(self.bot)))

    def action_toggle_contrast(self) -> None:
        self.theme = DEFAULT_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The chat's actions in the command palette (Ctrl+P), in plain words."""
        if isinstance(screen, ChatScreen):
            yield SystemCommand(
                "SOS", "Emergency and crisis phone numbers, at once", screen.action_sos
            )
            yield SystemCommand(
                "More", "Show another passage for the last question", screen.action_more
            )
            yield SystemCommand(
                "Notes",
                "The general notes about the evidence, and questions for your MS team",
                screen.action_notes,
            )
            yield SystemCommand(
                "Sources",
                "List the sources and read one in full",
                screen.action_sources,
            )
            yield SystemCommand(
                "Copy answer",
                "Copy the last answer as plain text",
                screen.action_copy_answer,
            )
            yield SystemCommand(
                "Export",
                "Save the conversation to a Markdown file",
                screen.action_export,
            )
            yield SystemCommand(
                "New conversation",
                "Read the next question on its own, not with the ones before",
                screen.action_new_conversation,
            )
        yield SystemCommand("Help", "What this is and which keys do what", self.action_help)
        yield SystemCommand(
            "High contrast",
            "Turn high-contrast colours on or off",
            self.action_toggle_contrast,
        )
        # Only the app's own commands: none of the framework's (themes, screenshots,
        # key maps), which would mean nothing to the people this is for.
        yield SystemCommand("Quit", "Leave the chat", self.exit)
