"""The key footer, made compact on narrow screens so every key still shows."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 80
"""Below this width the footer drops its padding and the command-palette hint: at 60
columns the full footer would cut off "F1 Help"."""


class KeyFooter(Footer):
    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        if self.compact != narrow or self.show_command_palette == narrow:
            self.compact = narrow
            self.show_command_palette = not narrow
            self.call_after_refresh(self.recompose)  # the palette hint is composed
