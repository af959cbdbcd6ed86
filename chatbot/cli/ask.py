"""`chatbot ask`: one question, or one per stdin line, as text or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from chatbot.cli.text import clean_question, printable, stdin_lines

if TYPE_CHECKING:
    from chatbot.bot import Chatbot
    from chatbot.models import Answer


def _write_answer(answer: Answer, as_json: bool, stdout: TextIO) -> None:
    if as_json:
        text = answer.model_dump_json()
    else:
        from chatbot.render_text import for_terminal

        text = for_terminal(printable(_render(answer)), stdout)
    stdout.write(text + "\n")
    stdout.flush()


def ask(bot: Chatbot, question: str, as_json: bool, stdin: TextIO, stdout: TextIO,
        dialogue: bool = False) -> int:
    """One question, or one per stdin line ('-'). With `dialogue`, the lines are the
    turns of one conversation and a blank line starts a new one; without it, every
    line is read alone."""
    if question != "-":
        _write_answer(bot.ask(clean_question(question)), as_json, stdout)
        return 0
    conversation = bot.conversation()
    for line in stdin_lines(stdin):
        if not line.strip():
            conversation.reset()
            continue
        message = clean_question(line)
        answer = conversation.ask(message) if dialogue else bot.ask(message)
        _write_answer(answer, as_json, stdout)
    return 0


def _render(answer: Answer) -> str:
    """Every passage, best first, each with its source and evidence notes: a script
    reading the text output sees what the chat shows one "more" at a time."""
    from chatbot.render_text import render_answer

    count = max(len(answer.passages), 1)
    return "\n\n".join(render_answer(answer, i) for i in range(count))
