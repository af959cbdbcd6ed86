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

from chatbot.export import write_markdown
from chatbot.messages import MESSAGES, messages_for
from chatbot.models import Answer, Passage
from chatbot.render_text import render_answer
from chatbot.tui.screens.export import ExportScreen
from chatbot.tui.screens.sources import SourcesScreen
from chatbot.tui.widgets.answer import SPEAKER, AnswerView
from chatbot.tui.widgets.footer import KeyFooter
from chatbot.tui.widgets.history_input import HistoryInput
from chatbot.tui.widgets.message import UserMessage
from chatbot.tui.widgets.question_picker import QuestionPicker
from chatbot.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from chatbot import Chatbot

PLACEHOLDER = "Type a question, then press Enter"
DEFAULT_EXPORT_NAME = "chatbot-conversation.md"
MORE_WORDS = frozenset({"more"})
HELP_WORDS = frozenset({"help"})
SOS_WORD = "SOS"
QUIT_WORDS = frozenset({"quit", "exit"})


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
        self.conversation: list[tuple[str, Answer]] = []
        self.last_shown: tuple[Answer, int] | None = None

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
        word = text.lower().rstrip(".!")
        if word in MORE_WORDS:
            await self.action_more()
        elif word in HELP_WORDS and text.lower() == word:  # "help!!" is a call for help
            self.app.action_help()  # type: ignore[attr-defined]
        elif word in QUIT_WORDS:
            self.app.exit()
        else:
            await self.ask(text)

    @on(QuestionPicker.Picked)
    async def _picked(self, event: QuestionPicker.Picked) -> None:
        self.question_box.remember(event.question)
        self.question_box.focus()
        await self.ask(event.question)

    async def ask(self, question: str) -> None:
        """Show the question at once, then fetch the answer off the UI thread."""
        message = UserMessage(question)
        view = AnswerView()
        await self.scroller.mount_all([message, view])

        def start() -> None:
            # After layout, so the end we scroll to includes the new question; the
            # worker starts only then, so "was the reader at the bottom?" is true
            # unless they really scrolled away while waiting.
            self.scroller.scroll_end(animate=False, immediate=True)
            self._fetch(question, view, message)

        self.call_after_refresh(start)

    @work(thread=True, group="ask")
    def _fetch(self, question: str, view: AnswerView, message: UserMessage) -> None:
        try:
            answer = self.bot.ask(question)
        except Exception:  # a failed lookup must not close the chat
            self.app.call_from_thread(view.show_error)
            return
        self.app.call_from_thread(self._answered, question, answer, view, message)

    async def _answered(
        self, question: str, answer: Answer, view: AnswerView, message: UserMessage
    ) -> None:
        following = self._at_bottom()
        await view.show(answer)
        self.conversation.append((question, answer))
        self.last_shown = (answer, 0)
        if following:
            self._follow(message)

    # --- following the conversation -------------------------------------------

    def _at_bottom(self) -> bool:
        scroller = self.scroller
        return scroller.scroll_target_y >= scroller.max_scroll_y - 1

    def _follow(self, top: Widget) -> None:
        """Bring a new reply into view, starting from `top`, after it is laid out.

        Only called when the reader was already at the bottom: someone scrolled up
        to reread an older answer is never pulled away from it.
        """

        def scroll() -> None:
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
