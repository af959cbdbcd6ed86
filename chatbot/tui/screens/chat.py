"""The main screen: scrolling conversation, question box below it, keys in the footer.

It holds the conversation (for More, Copy and Export) but no retrieval logic: each
question goes to `Chatbot.ask` in a thread worker, so the screen never freezes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from chatbot.commands import command_for
from chatbot.export import write_markdown
from chatbot.messages import MESSAGES, messages_for
from chatbot.models import Answer, Passage
from chatbot.render_text import render_answer
from chatbot.tui.screens.export import ExportScreen
from chatbot.tui.screens.sources import SourcesScreen
from chatbot.tui.widgets.answer import SPEAKER, AnswerView, NotesView
from chatbot.tui.widgets.footer import KeyFooter
from chatbot.tui.widgets.history_input import HistoryInput
from chatbot.tui.widgets.message import UserMessage
from chatbot.tui.widgets.question_picker import QuestionPicker
from chatbot.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from chatbot import Chatbot

PLACEHOLDER = "Type a question, then press Enter"
DEFAULT_EXPORT_NAME = "chatbot-conversation.md"
SOS_WORD = "SOS"
NEW_CONVERSATION = (
    "A new conversation: I will read your next question on its own, not with the ones "
    "before it. The earlier answers stay on the screen and in an export."
)


class ChatScreen(Screen[None]):
    """Ask, read, ask again; everything else is one key (or Ctrl+P) away."""

    AUTO_FOCUS = "#question"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "sos", "SOS", key_display="F6", id="chat.sos"),
        Binding("f2", "more", "More", key_display="F2", id="chat.more"),
        Binding("f3", "sources", "Sources", key_display="F3", id="chat.sources"),
        # Not in the footer, so that F6 SOS fits at 60 columns; in help and Ctrl+P.
        Binding("f4", "copy_answer", "Copy", key_display="F4", show=False, id="chat.copy"),
        Binding("f5,ctrl+s", "export", "Export", key_display="F5", id="chat.export"),
        Binding("tab", "pick_question", "Pick a question", show=False, id="chat.pick"),
        Binding("escape", "focus_question", "Back to typing", show=False, id="chat.typing"),
        Binding("question_mark", "app.help", "Help", show=False, id="chat.help_key"),
        Binding("pageup", "scroll_page(-1)", "Scroll up", show=False, id="chat.page_up"),
        Binding("pagedown", "scroll_page(1)", "Scroll down", show=False, id="chat.page_down"),
        Binding("ctrl+home", "scroll_edge(0)", "Top", show=False, id="chat.top"),
        Binding("ctrl+end", "scroll_edge(1)", "Bottom", show=False, id="chat.bottom"),
    ]

    def __init__(self, bot: Chatbot) -> None:
        super().__init__()
        self.bot = bot
        self.dialogue = bot.conversation()
        """The turns follow-ups are read with ("new" starts again)."""
        self.conversation: list[tuple[str, Answer]] = []
        """Every exchange on screen, for the export."""
        self.last_shown: tuple[Answer, int] | None = None
        self.notes_shown = False

    def compose(self) -> ComposeResult:
        texts = messages_for(self.bot)
        yield Static(Content(texts.title), id="title")
        welcome = Welcome(texts, id="welcome")
        yield VerticalScroll(welcome, id="conversation", can_focus=False)
        yield HistoryInput(placeholder=PLACEHOLDER, id="question")
        yield KeyFooter()

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#conversation", VerticalScroll)

    @property
    def question_box(self) -> HistoryInput:
        return self.query_one("#question", HistoryInput)

    @property
    def last_passage(self) -> Passage | None:
        """The passage of the most recent reply, for "read it in context"."""
        if self.last_shown is None:
            return None
        answer, index = self.last_shown
        return answer.passages[index] if index < len(answer.passages) else None

    # --- asking -------------------------------------------------------------

    @on(Input.Submitted, "#question")
    async def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.question_box.value = ""
        if not text:
            return
        self.question_box.remember(text)
        command = command_for(text)  # "help!!" is not a command: a call for help
        if command is None:
            await self.ask(text)
        elif command == "more":
            await self.action_more()
        elif command == "alone":
            await self.action_alone()
        elif command == "notes":
            await self.action_notes()
        elif command == "sources":
            self.action_sources()
        elif command == "export":
            self.action_export()
        elif command == "new":
            await self.action_new_conversation()
        elif command == "help":
            self.app.action_help()  # type: ignore[attr-defined]
        else:
            self.app.exit()

    @on(QuestionPicker.Picked)
    async def _picked(self, event: QuestionPicker.Picked) -> None:
        self.question_box.remember(event.question)
        self.question_box.focus()
        await self.ask(event.question)

    async def action_alone(self) -> None:
        """Ask the last question again, read on its own (the "alone" choice)."""
        if not self.conversation:
            reply = Static(Content.assemble(SPEAKER, MESSAGES.no_alone), classes="no-more")
            await self.scroller.mount(reply)
            self._follow(reply)
            return
        await self.ask(self.conversation[-1][0], alone=True)

    async def ask(self, question: str, alone: bool = False) -> None:
        """Show the question at once, then fetch the answer off the UI thread."""
        message = UserMessage(question)
        view = AnswerView()
        await self.scroller.mount_all([message, view])

        def start() -> None:
            # After layout, so the end we scroll to includes the new question; the
            # worker starts only then, so "was the reader at the bottom?" is true
            # unless they really scrolled away while waiting.
            self.scroller.scroll_end(animate=False, immediate=True)
            self._fetch(question, view, message, alone)

        self.call_after_refresh(start)

    @work(thread=True, group="ask")
    def _fetch(self, question: str, view: AnswerView, message: UserMessage,
               alone: bool = False) -> None:
        try:
            history = [] if alone else list(self.dialogue.history)
            answer = self.bot.ask(question, history=history)
        except Exception:  # a failed lookup must not close the chat
            self.app.call_from_thread(view.show_error)
            return
        self.app.call_from_thread(self._answered, question, answer, view, message)

    async def _answered(
        self, question: str, answer: Answer, view: AnswerView, message: UserMessage
    ) -> None:
        following = self._at_bottom()
        self.dialogue.history.append(answer)
        await view.show(answer, general=not self.notes_shown)
        self.notes_shown = self.notes_shown or answer.status == "answered"
        self.conversation.append((question, answer))
        self.last_shown = (answer, 0)
        if following:
            self._follow(message, view)

    # --- following the conversation -------------------------------------------

    def _at_bottom(self) -> bool:
        scroller = self.scroller
        return scroller.scroll_target_y >= scroller.max_scroll_y - 1

    def _follow(self, top: Widget, answer: AnswerView | None = None) -> None:
        """Bring a new reply into view, starting from `top`, after it is laid out; from
        the `answer` itself when its quote, source and evidence notes would not fit
        the screen below the question (at 80x24 they must be on the first screen).
        Only called when the reader was already at the bottom: someone scrolled up
        to reread an older answer is never pulled away from it."""

        def scroll() -> None:
            if answer is not None:
                start = answer.virtual_region.y  # its first line, not the space above
                if start + answer.essentials_bottom() - top.virtual_region_with_margin.y > (
                        self.scroller.size.height):
                    self.scroller.scroll_to(y=start, animate=False, immediate=True)
                    return
            self.scroller.scroll_to_widget(top, top=True, animate=False, immediate=True)

        self.call_after_refresh(scroll)

    def action_scroll_page(self, direction: int) -> None:
        if direction < 0:
            self.scroller.scroll_page_up(animate=False)
        else:
            self.scroller.scroll_page_down(animate=False)

    def action_scroll_edge(self, end: int) -> None:
        if end:
            self.scroller.scroll_end(animate=False)
        else:
            self.scroller.scroll_home(animate=False)

    async def action_sos(self) -> None:
        """The emergency and crisis contacts at once, as if "sos" had been typed."""
        await self.ask(SOS_WORD)

    def action_pick_question(self) -> None:
        """Tab from the question box goes to the newest list of questions to pick."""
        if self.focused is self.question_box:
            pickers = [p for p in self.query(QuestionPicker) if p.focusable]
            if pickers:
                pickers[-1].focus()
                return
        self.focus_next()

    def action_focus_question(self) -> None:
        self.question_box.focus()

    # --- actions ---------------------------------------------------------------

    async def action_more(self) -> None:
        """Show the next passage for the last question, or say there are no more.

        The person asked for it just now, so it is always scrolled into view.
        """
        reply: Widget = Static(Content.assemble(SPEAKER, MESSAGES.no_more), classes="no-more")
        if self.last_shown is not None:
            answer, index = self.last_shown
            if index + 1 < len(answer.passages):
                reply = AnswerView(answer, index + 1)
                self.last_shown = (answer, index + 1)
        await self.scroller.mount(reply)
        self._follow(reply)

    async def action_notes(self) -> None:
        """The general notes about the evidence and the questions for the MS team."""
        answered = [a for _, a in self.conversation if a.status == "answered"]
        reply: Widget
        if answered:
            reply = NotesView(answered[-1])
        else:
            reply = Static(Content.assemble(SPEAKER, MESSAGES.no_notes), classes="no-more")
        await self.scroller.mount(reply)
        self._follow(reply)

    async def action_new_conversation(self) -> None:
        """Start again: later questions are no longer read with earlier ones."""
        self.dialogue.reset()
        self.last_shown, self.notes_shown = None, False
        reply = Static(Content.assemble(SPEAKER, NEW_CONVERSATION), classes="no-more")
        await self.scroller.mount(reply)
        self._follow(reply)

    def action_copy_answer(self) -> None:
        """Copy the last reply as plain text (with its source and caveats)."""
        if self.last_shown is None:
            self.notify("There is no answer to copy yet.", markup=False)
            return
        answer, index = self.last_shown
        self.app.copy_to_clipboard(render_answer(answer, index))
        self.notify(
            "Sent the last answer to the clipboard as plain text (if your terminal allows it).",
            markup=False,
        )

    def action_sources(self) -> None:
        self.app.push_screen(SourcesScreen(self.bot, self.last_passage))

    def action_export(self) -> None:
        """Ask where to save, then write Markdown; nothing is written unless asked."""
        if not self.conversation:
            self.notify("There is nothing to export yet: ask a question first.", markup=False)
            return
        default = Path("~") / DEFAULT_EXPORT_NAME
        self.app.push_screen(ExportScreen(default, self._save), self._saved)

    def _save(self, path: Path) -> Path:
        return write_markdown(path, self.conversation, intro=messages_for(self.bot).welcome)

    def _saved(self, written: Path | None) -> None:
        if written is not None:
            self.notify(f"Saved the conversation to {written}", markup=False)
