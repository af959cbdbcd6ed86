"""Modal asking where to save the Markdown export; nothing is written until Enter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

PROMPT = "Save this conversation, with its sources and caveats, as a Markdown file."
KEYS = "Type or edit the file name, then press Enter to save."
EXISTS = (
    "A file with that name already exists. Press Enter again to replace it, or change the name."
)


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the path written, or None if the person cancelled.

    Errors (no such folder, no permission) are shown here so the name can be fixed
    without starting over.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel")
    ]

    def __init__(self, default: Path, save: Callable[[Path], Path]) -> None:
        super().__init__()
        self.default = default
        self.save = save
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog") as dialog:
            dialog.border_title = "Export (Escape cancels)"
            yield Static(Content(PROMPT))
            yield Static(Content(KEYS), classes="hint")
            yield Input(str(self.default), id="export-path")
            status = Static("", id="export-status")
            status.display = False
            yield status

    def _status(self, text: str) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(text))
        status.display = bool(text)

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._status("Please type a file name.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self._status("That is a folder. Please add a file name, e.g. chat.md")
            return
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self._status(EXISTS)
            return
        try:
            written = self.save(path)
        except OSError as error:
            self._confirmed = None
            self._status(f"Could not save there: {error.strerror or error}")
            return
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
