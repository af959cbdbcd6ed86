"""Shown instead of everything else while the terminal is too small to read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 16
MESSAGE = (
    f"Please enlarge the window (at least {MIN_WIDTH} wide and {MIN_HEIGHT} tall) "
    "to use the chatbot. Ctrl+Q quits. In a small window, 'chatbot --plain' works "
    "line by line."
)


class TooSmallScreen(Screen[None]):
    """One clear message rather than a garbled, squashed chat."""

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(Content(MESSAGE), id="too-small-message")
