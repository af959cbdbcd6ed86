"""Line-by-line chat for screen readers and dumb terminals (`chatbot --plain`).

No colour, box drawing, cursor movement or spinner: each turn is plain lines
labelled "You:" and "Chatbot:", so a screen reader reads it in order and a
transcript piped to a file reads the same as the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from chatbot.messages import MESSAGES
from chatbot.render_text import for_terminal, render_answer

if TYPE_CHECKING:
    from chatbot import Chatbot
    from chatbot.models import Answer

QUIT_WORDS = frozenset({"quit", "exit"})
MORE_WORDS = frozenset({"more"})
HELP_WORDS = frozenset({"help", "?"})

KEYS_HINT = (
    'Type a question and press Enter. Type "more" for another passage, '
    '"help" for help, or "quit" to leave.'
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
        if word in HELP_WORDS:
            return f"{MESSAGES.help}\n{KEYS_HINT}"
        if line.isdigit() and 1 <= int(line) <= len(MESSAGES.examples):
            line = MESSAGES.examples[int(line) - 1]
        answer = self.bot.ask(line)
        self.last_answer, self.shown = answer, 0
        text = render_answer(answer)
        remaining = len(answer.passages) - 1
        if remaining > 0:
            text += f'\n(Type "more" for another passage: {remaining} more.)'
        return text

    def more(self) -> str:
        answer = self.last_answer
        if answer is None or self.shown + 1 >= len(answer.passages):
            return MESSAGES.no_more
        self.shown += 1
        return render_answer(answer, self.shown)


def _welcome() -> str:
    lines = [MESSAGES.welcome, "", "Example questions (type the number to ask one):"]
    lines += [f"  {n}. {example}" for n, example in enumerate(MESSAGES.examples, 1)]
    lines += ["", KEYS_HINT]
    return "\n".join(lines)


def run_plain(bot: Chatbot, stdin: TextIO, stdout: TextIO) -> int:
    """Chat over `stdin`/`stdout` until EOF, "quit" or "exit"; returns the exit code."""
    chat = PlainChat(bot)
    echo = not _isatty(stdin)  # piped input is not echoed by a terminal: show it

    def say(text: str) -> None:
        stdout.write(for_terminal(text, stdout) + "\n")
        stdout.flush()

    say(_welcome())
    while True:
        say("")
        stdout.write("You: ")
        stdout.flush()
        try:
            raw = stdin.readline()
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


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
