"""One reply from the bot: quote set apart, source, caveats in plain view.

The parts and their order come from `render_text.sections`, the same list the plain
mode and the export print, so no view can drop the caveats. Every string goes in as
`Content` (never markup), and urgency is said in words ("URGENT") as well as drawn.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from chatbot.models import Answer
from chatbot.render_text import URGENT_LABEL, Section, general_notes, sections
from chatbot.tui.widgets.question_picker import QuestionPicker

SPEAKER = ("Chatbot: ", "bold")
PENDING_TEXT = "Looking this up..."
ERROR_TEXT = "Sorry, something went wrong while looking that up. Please try again."
PICK_HINT = "Tab to choose one, Enter to ask it"


def _label(text: str, tight: bool = False, speaker: bool = False) -> Static:
    label = (f"{text}:", "bold")
    content = Content.assemble(SPEAKER, label) if speaker else Content.assemble(label)
    return Static(content, classes="label tight" if tight else "label")


def _quote_lines(quote: str) -> str:
    """The quote's words as they are, its lines set flush and without blank ones: a
    list's items line up ("• improving...", "• reducing..."), and a long quote keeps
    its source and evidence notes on the first screen."""
    return "\n".join(line.strip() for line in quote.splitlines() if line.strip())


def _bullet(text: str, kind: str) -> Horizontal:
    """A list item with a hanging indent: wrapped lines align with the text, not "-"."""
    return Horizontal(
        Static("-", classes="bullet"),
        Static(Content(text), classes="item-text"),
        classes=f"item {kind}",
    )


def _urgent(text: str) -> Content:
    """A reverse-video URGENT badge (seen without colour), then the message in bold.

    The core's urgent messages already begin with the word; it becomes the badge
    rather than being said twice.
    """
    badge, rest = URGENT_LABEL, text
    if text.startswith(URGENT_LABEL):
        end = len(URGENT_LABEL)
        if text[end : end + 1] in (".", ":", "!"):
            end += 1
        badge, rest = text[:end], text[end:].lstrip()
    return Content.assemble(SPEAKER, (f" {badge} ", "bold reverse"), " ", (rest, "bold"))


class AnswerView(Vertical):
    """A bot reply; `answer=None` is the short "looking this up" state."""

    def __init__(
        self, answer: Answer | None = None, passage_index: int = 0, general: bool = True
    ) -> None:
        super().__init__(classes="answer")
        self.answer = answer
        self.passage_index = passage_index
        self.general = general
        self.failed = False
        self._sync_classes()

    def _sync_classes(self) -> None:
        urgent = self.answer is not None and self.answer.status == "urgent"
        self.set_class(urgent and self.passage_index == 0, "-urgent")
        self.set_class(self.answer is None and not self.failed, "-pending")

    async def show(self, answer: Answer, general: bool = True) -> None:
        """Fill in the reply once the worker has it (`general`: with the general notes,
        shown once per conversation)."""
        self.answer = answer
        self.general = general
        self._sync_classes()
        await self.recompose()

    async def show_error(self) -> None:
        self.failed = True
        self._sync_classes()
        await self.recompose()

    def essentials_bottom(self) -> int:
        """How far down this reply its first screen must reach: the end of the
        passage's quote, source and own evidence notes (the general notes may follow
        below the fold); the whole reply when it quotes nothing."""
        passage = None
        if self.answer is not None and self.passage_index < len(self.answer.passages):
            passage = self.answer.passages[self.passage_index]
        if passage is None:
            return self.virtual_region.height
        notes = list(self.query(".item.caveats"))
        own = len(dict.fromkeys(passage.caveats))
        ends = notes[own - 1 : own] if own else list(self.query(".source"))
        return ends[0].virtual_region.bottom if ends else self.virtual_region.height

    @property
    def more_left(self) -> int:
        """How many passages "More" can still show after this one."""
        if self.answer is None:
            return 0
        return max(0, len(self.answer.passages) - self.passage_index - 1)

    def compose(self) -> ComposeResult:
        if self.failed:
            yield Static(Content.assemble(SPEAKER, ERROR_TEXT), classes="message")
            return
        if self.answer is None:
            yield Static(Content.assemble(SPEAKER, PENDING_TEXT), classes="message pending")
            return
        after = None
        parts = sections(self.answer, self.passage_index, general=self.general)
        # A later answer may come without a message ("Here is what my sources say"
        # is shown once): then its first line says who is speaking, as "You:" does.
        unsaid = all(part.kind != "message" for part in parts)
        for part in parts:
            tight = after is None or after in TIGHT_AFTER.get(part.kind, ())
            yield from compose_section(part, tight=tight,
                                       speaker=unsaid and after is None
                                       and part.kind in SPOKEN_FIRST)
            after = part.kind
        if self.more_left:
            more = f"F2 (or typing more) shows another passage: {self.more_left} more."
            yield Static(Content(more), classes="hint")


class NotesView(Vertical):
    """The general notes about the evidence and the questions for the MS team, asked
    for with "notes" (they are shown with the first answer of a conversation only)."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(classes="answer")
        self.answer = answer

    def compose(self) -> ComposeResult:
        for part in general_notes(self.answer):
            yield from compose_section(part)


TIGHT_AFTER = {"quote": ("follows", "message", "notices"), "caveats": ("source",)}
"""Sections set right under the one before (no blank line), like the first section of
a reply, so that a passage's quote, source and evidence notes fit the first screen
at 80x24."""

SPOKEN_FIRST = ("follows", "quote")
"""Sections that may open an answer without its message, and then carry SPEAKER."""


def compose_section(part: Section, tight: bool = False, speaker: bool = False) -> ComposeResult:
    """The widgets of one section; `tight`: no space above its label; `speaker`: it
    opens the answer, so it starts with "Chatbot:"."""
    if part.kind in ("follows", "notes_hint"):
        text = "\n".join(part.lines)
        content = Content.assemble(SPEAKER, text) if speaker else Content(text)
        yield Static(content, classes=f"hint {part.kind}")
    elif part.kind == "safety_net":
        # Said in words and in reverse video, so it stands out without colour.
        label = (f" {part.title}: ", "bold reverse")
        yield Static(Content.assemble(label, " ", (part.lines[0], "bold")),
                     classes="safety-net")
    elif part.kind == "message":
        text = "\n".join(part.lines)
        if part.title == URGENT_LABEL:
            yield Static(_urgent(text), classes="message urgent-message")
        else:
            yield Static(Content.assemble(SPEAKER, text), classes="message")
    elif part.kind == "quote":
        yield _label(part.title, tight, speaker)
        for quote in part.lines:
            yield Static(Content(_quote_lines(quote)), classes="quote")
    elif part.kind == "source":
        source = Content.assemble((f"{part.title}: ", "bold"), part.lines[0])
        yield Static(source, classes="source")
    elif part.kind == "suggestions":
        yield Static(
            Content.assemble((f"{part.title}", "bold"), f" ({PICK_HINT}):"), classes="label"
        )
        yield QuestionPicker(part.lines, classes="suggestions")
    else:
        yield _label(part.title, tight)
        for item in part.lines:
            yield _bullet(item, part.kind)
