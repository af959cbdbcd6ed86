"""Line-by-line chat for screen readers and dumb terminals (`chatbot --plain`).

No colour, box drawing, cursor movement or spinner: each turn is plain lines
labelled "You:" and "Chatbot:", so a screen reader reads it in order and a
transcript piped to a file reads the same as the screen.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from chatbot.messages import messages_for
from chatbot.provenance import provenance_lines
from chatbot.render_text import NO_DATE, for_terminal, render_answer

if TYPE_CHECKING:
    from chatbot import Chatbot
    from chatbot.models import Answer

QUIT_WORDS = frozenset({"quit", "exit"})
MORE_WORDS = frozenset({"more", "more please", "next", "another", "show more"})
HELP_WORDS = frozenset({"help", "?"})
SOURCES_WORDS = frozenset({"sources", "source"})

KEYS_HINT = (
    'Type a question and press Enter. Type "more" for another passage, "sources" for '
    'the list of sources, "help" for help, or "quit" to leave. In an emergency, type '
    '"sos" for the emergency and crisis phone numbers.'
)


class PlainChat:
    """The state of one plain conversation: the last answer and how far "more" got."""

    def __init__(self, bot: Chatbot) -> None:
        self.bot = bot
        self.last_answer: Answer | None = None
        self.shown = 0

    def reply(self, line: str) -> str:
        """What the bot prints for one stripped line that is not a quit word."""
        word = line.lower().rstrip(".!")
        if word in MORE_WORDS:
            return self.more()
        if word in HELP_WORDS and line.lower() == word:
            # Only the bare word: "help!!" or "help now" is a call for help, and the
            # bot answers it with the emergency and crisis contacts.
            return f"{messages_for(self.bot).help}\n{KEYS_HINT}"
        if word in SOURCES_WORDS:
            return self.sources()
        asked = ""
        examples = messages_for(self.bot).examples
        if line.isdigit() and 1 <= int(line) <= len(examples):
            line = examples[int(line) - 1]
            asked = f"You asked: {line}\n"  # say which example the number chose
        answer = self.bot.ask(line)
        self.last_answer, self.shown = answer, 0
        return asked + render_answer(answer) + _more_hint(answer, 0)

    def sources(self) -> str:
        lines = [messages_for(self.bot).sources_intro.text]
        for n, doc in enumerate(self.bot.documents, 1):
            lines.append(f"  {n}. {doc.title} — {doc.kind.label} — {doc.date_label or NO_DATE}")
            lines.extend(f"     {line}" for line in provenance_lines(doc))
        return "\n".join(lines)

    def more(self) -> str:
        answer = self.last_answer
        if answer is None or self.shown + 1 >= len(answer.passages):
            return messages_for(self.bot).no_more
        self.shown += 1
        return render_answer(answer, self.shown) + _more_hint(answer, self.shown)


def _more_hint(answer: Answer, shown: int) -> str:
    remaining = len(answer.passages) - 1 - shown
    return f'\n(Type "more" for another passage: {remaining} more.)' if remaining > 0 else ""


def _welcome(bot: object) -> str:
    texts = messages_for(bot)
    lines = [texts.welcome, ""]
    if texts.examples:
        lines += ["Example questions (type the number to ask one):"]
        lines += [f"  {n}. {example}" for n, example in enumerate(texts.examples, 1)]
        lines += [""]
    lines += [KEYS_HINT]
    return "\n".join(lines)


def run_plain(bot: Chatbot, stdin: TextIO, stdout: TextIO) -> int:
    """Chat over `stdin`/`stdout` until EOF, "quit" or "exit"; returns the exit code."""
    chat = PlainChat(bot)
    echo = not _isatty(stdin)  # piped input is not echoed by a terminal: show it

    def say(text: str) -> None:
        stdout.write(for_terminal(text, stdout) + "\n")
        stdout.flush()

    say(_welcome(bot))
    read = _line_reader(stdin, stdout)
    while True:
        say("")
        try:
            raw = read()
        except KeyboardInterrupt:
            say("")
            return 0
        if not raw:
            say("")
            return 0
        line = raw.strip()
        if echo:
            stdout.write(line + "\n")
        if not line:
            continue
        if line.lower().rstrip(".!") in QUIT_WORDS:
            return 0
        try:
            say("Chatbot: " + chat.reply(line))
        except KeyboardInterrupt:
            say("")
            return 0


def _line_reader(stdin: TextIO, stdout: TextIO) -> Callable[[], str]:
    """Read one line after the "You: " prompt. At a real terminal this goes through
    `input()` with readline, so Left/Right edit the line and Up/Down recall earlier
    questions (kept in memory only, never written to a history file)."""
    if stdin is sys.stdin and stdout is sys.stdout and _isatty(stdin) and _isatty(stdout):
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - importing it gives input() line editing

        def read_tty() -> str:
            try:
                return input("You: ") + "\n"
            except EOFError:
                return ""

        return read_tty

    def read_stream() -> str:
        stdout.write("You: ")
        stdout.flush()
        return stdin.readline()

    return read_stream


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
