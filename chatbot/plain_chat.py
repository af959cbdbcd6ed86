"""Line-by-line chat for screen readers and dumb terminals (`chatbot --plain`).

No colour, box drawing, cursor movement or spinner: each turn is plain lines
labelled "You:" and "Chatbot:", so a screen reader reads it in order and a
transcript piped to a file reads the same as the screen. It is one conversation:
follow-ups are read with earlier questions, and the general notes about the
evidence are shown once, then on request ("notes").
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from chatbot.commands import command_for, commands_help
from chatbot.export import Exchange, write_markdown
from chatbot.messages import MESSAGES, messages_for
from chatbot.provenance import provenance_lines
from chatbot.render_text import (
    NO_DATE,
    for_terminal,
    general_notes,
    render_answer,
    render_sections,
)

if TYPE_CHECKING:
    from chatbot import Chatbot
    from chatbot.models import Answer

KEYS_HINT = (
    'Type a question and press Enter. Type "more" for another passage, "sources" for '
    'the list of sources, "help" for help, or "quit" to leave. In an emergency, type '
    '"sos" for the emergency and crisis phone numbers.'
)
DEFAULT_EXPORT = Path("~") / "chatbot-conversation.md"
READ_SOURCE_HINT = 'Type "source" and a number, for example "source 1", to read one in full.'
_SOURCE_NUMBER = re.compile(r"^(?:source|sources|read source)\s*(\d+)$", re.IGNORECASE)
EXPORT_PROMPT = (
    'Save the conversation to which file? Type a file name, press Enter for '
    '"{default}", or type "cancel".'
)
EXPORT_EXISTS = 'That file already exists. Type the same name again to replace it, or another name.'


class PlainChat:
    """One plain conversation: the answers so far, and how far "more" got."""

    def __init__(self, bot: Chatbot) -> None:
        self.bot = bot
        self.conversation = bot.conversation()
        self.exchanges: list[Exchange] = []
        self.last_answer: Answer | None = None
        self.shown = 0
        self.notes_shown = False
        self.exporting = False
        self._confirm: Path | None = None

    def reply(self, line: str) -> str:
        """What the bot prints for one stripped line that is not a quit command."""
        if self.exporting:
            return self._export_to(line)
        wanted = _SOURCE_NUMBER.match(line)
        if wanted:
            return self.source(int(wanted.group(1)))
        command = command_for(line)
        if command == "more":
            return self.more()
        if command == "alone":
            return self.alone()
        if command == "help":
            texts = messages_for(self.bot)
            return f"{texts.help}\n\nYou can type:\n{commands_help()}\n\n{KEYS_HINT}"
        if command == "sources":
            return self.sources()
        if command == "notes":
            return self.notes()
        if command == "new":
            self.conversation.reset()
            self.last_answer, self.notes_shown = None, False
            return messages_for(self.bot).welcome
        if command == "export":
            return self._start_export()
        return self.ask(line)

    def ask(self, line: str, alone: bool = False) -> str:
        asked = ""
        examples = messages_for(self.bot).examples
        if line.isdigit() and 1 <= int(line) <= len(examples):
            line = examples[int(line) - 1]
            asked = f"You asked: {line}\n"  # say which example the number chose
        answer = self.conversation.ask_alone(line) if alone else self.conversation.ask(line)
        self.exchanges.append((line, answer))
        self.last_answer, self.shown = answer, 0
        general = not self.notes_shown
        if answer.status == "answered":
            self.notes_shown = True
        return asked + render_answer(answer, general=general) + _more_hint(answer, 0)

    def alone(self) -> str:
        """The last question again, read on its own (the "alone" choice)."""
        if not self.exchanges:
            return MESSAGES.no_alone
        return self.ask(self.exchanges[-1][0], alone=True)

    def sources(self) -> str:
        lines = [messages_for(self.bot).sources_intro.text]
        for n, doc in enumerate(self.bot.documents, 1):
            lines.append(f"  {n}. {doc.title} — {doc.kind.label} — {doc.date_label or NO_DATE}")
            lines.extend(f"     {line}" for line in provenance_lines(doc))
        lines.append(READ_SOURCE_HINT)
        return "\n".join(lines)

    def source(self, number: int) -> str:
        """One source in full, as a screen reader reads it: its title, kind and date,
        then the text, with the parts never quoted (adverts, page furniture) marked in
        words, as the full-screen chat marks them."""
        documents = self.bot.documents
        if not 1 <= number <= len(documents):
            return f"There is no source {number}. {READ_SOURCE_HINT}"
        doc = documents[number - 1]
        text = self.bot.document_text(doc.id)
        for start, end, reason in sorted(self.bot.never_quoted(doc.id), reverse=True):
            text = (f"{text[:start]}[Never quoted ({reason}):] {text[start:end]} "
                    f"[End of the part never quoted.]{text[end:]}")
        head = f"Source {number}: {doc.title} — {doc.kind.label} — {doc.date_label or NO_DATE}"
        return f"{head}\n\n{text.strip()}\n\n(End of source {number}.)"

    def notes(self) -> str:
        answered = [a for _, a in self.exchanges if a.status == "answered"]
        if not answered:
            return MESSAGES.no_notes
        return render_sections(general_notes(answered[-1]))

    def more(self) -> str:
        answer = self.last_answer
        if answer is None or self.shown + 1 >= len(answer.passages):
            return messages_for(self.bot).no_more
        self.shown += 1
        return render_answer(answer, self.shown) + _more_hint(answer, self.shown)

    def _start_export(self) -> str:
        if not self.exchanges:
            return "There is nothing to save yet: ask a question first."
        self.exporting, self._confirm = True, None
        return EXPORT_PROMPT.replace("{default}", str(DEFAULT_EXPORT))

    def _export_to(self, line: str) -> str:
        if line.lower() == "cancel":
            self.exporting = False
            return "Nothing was saved."
        path = Path(line) if line else DEFAULT_EXPORT
        if path.expanduser().exists() and self._confirm != path:
            self._confirm = path
            return EXPORT_EXISTS
        self.exporting = False
        try:
            written = write_markdown(path, self.exchanges, intro=messages_for(self.bot).welcome)
        except OSError as exc:
            return f"Could not save there ({exc.strerror or exc}). Nothing was saved."
        return f"Saved the conversation to {written}"


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
    """Chat over `stdin`/`stdout` until EOF or "quit"; returns the exit code."""
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
        if not line and not chat.exporting:
            continue
        if not chat.exporting and command_for(line) == "quit":
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
