"""Command line: `chatbot` (chat), `chatbot ask`, `chatbot eval`.

The scripted commands never import Textual (it costs ~200 ms of start-up); only the
full-screen chat does, and only when it is about to run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from chatbot.corpus import CORPUS_ENV, CorpusError

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="chatbot",
        description="What five sources say about acupuncture for MS symptoms. "
        "Information, not medical advice.",
    )
    parser.add_argument(
        "--corpus", type=Path, default=None,
        help=f"corpus directory (default: ${CORPUS_ENV} or the bundled corpus)",
    )
    parser.add_argument("--plain", action="store_true", help="line-by-line chat for screen readers")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    ask = sub.add_parser("ask", help="answer one question (or '-' for one per line on stdin)")
    ask.add_argument("question", help="the question, or '-' to read questions from stdin")
    ask.add_argument("--json", action="store_true", help="print JSON (JSON Lines with '-')")

    ev = sub.add_parser("eval", help="run a scripted Q&A file and print its figures")
    ev.add_argument("file", type=Path, help="Q&A cases, JSON Lines (see README)")
    for name in ("hit1", "hit3", "abstention", "urgent_recall"):
        ev.add_argument(f"--min-{name.replace('_', '-')}", type=float, default=None,
                        dest=f"min_{name}", help=f"fail if {name} is below this")
    ev.add_argument("--max-false-urgent", type=int, default=None, help="fail above this count")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def main(argv: list[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    try:
        args = _build_parser().parse_args(argv)
        if args.command == "ask" and args.question != "-" and not args.question.strip():
            raise _UsageError("the question is empty")
    except _UsageError as exc:
        print(f"chatbot: error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    try:
        bot = _make_bot(args.corpus)
    except CorpusError as exc:
        for problem in exc.problems:
            print(f"chatbot: {problem}", file=sys.stderr)
        return USAGE_ERROR

    if args.command == "ask":
        return _ask(bot, args.question, args.json, stdin, stdout)
    if args.command == "eval":
        from chatbot.evaluation import run_eval_command

        return run_eval_command(bot, args, stdout)
    return _chat(bot, args.plain, stdin, stdout)


def _make_bot(corpus: Path | None):  # noqa: ANN202 - Chatbot import is deferred
    from chatbot.bot import Chatbot

    return Chatbot(corpus)


def _ask(bot, question: str, as_json: bool, stdin: TextIO, stdout: TextIO) -> int:  # noqa: ANN001
    if question == "-":
        for line in stdin:
            if not line.strip():
                continue
            answer = bot.ask(line.rstrip("\r\n"))
            stdout.write((answer.model_dump_json() if as_json else _render(answer)) + "\n")
        stdout.flush()
        return 0
    answer = bot.ask(question)
    stdout.write((answer.model_dump_json() if as_json else _render(answer)) + "\n")
    return 0


def _render(answer) -> str:  # noqa: ANN001
    from chatbot.render_text import render_answer

    return render_answer(answer)


def _wants_plain(plain: bool, stdin: TextIO, stdout: TextIO) -> bool:
    if plain or os.environ.get("TERM") == "dumb":
        return True
    try:
        return not (stdin.isatty() and stdout.isatty())
    except (AttributeError, ValueError):
        return True


def _chat(bot, plain: bool, stdin: TextIO, stdout: TextIO) -> int:  # noqa: ANN001
    if _wants_plain(plain, stdin, stdout):
        from chatbot.plain_chat import run_plain

        return run_plain(bot, stdin, stdout)
    from chatbot.tui.app import ChatApp

    ChatApp(bot).run()
    return 0


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
