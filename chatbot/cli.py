"""Command line: `chatbot` (chat), `chatbot ask`, `chatbot eval`, `chatbot corpus`.

The scripted commands never import Textual (it costs ~200 ms of start-up); only the
full-screen chat does, and only when it is about to run.

Whatever a person types, the command never shows a traceback: usage errors and
unusable corpora exit 2 with one line per problem on stderr, `corpus check` exits 1
when it finds problems, and anything unexpected is one "internal error" line, exit 1
(set CHATBOT_DEBUG=1 to see the traceback instead).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from chatbot.bot import MAX_QUESTION_CHARS
from chatbot.corpus import CORPUS_ENV, CorpusError

if TYPE_CHECKING:
    from chatbot.bot import Chatbot
    from chatbot.models import Answer

USAGE_ERROR = 2
CHECK_FAILED = 1
INTERNAL_ERROR = 1
INTERRUPTED = 130
BROKEN_PIPE = 141
DEBUG_ENV = "CHATBOT_DEBUG"

STDIN_LINE_CAP = 100_000
"""Characters kept of one stdin line. Anything over the bot's MAX_QUESTION_CHARS
gets the "too long" reply anyway; the cap only bounds memory for a runaway line."""

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 control characters other than tab and newline: an ESC from a pasted
# question must not reach the terminal as a live escape sequence.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    corpus_help = f"corpus directory (default: ${CORPUS_ENV} or the bundled corpus)"
    parser = _Parser(
        prog="chatbot",
        description="What vetted sources say about acupuncture for MS symptoms, quoted "
        "word for word. Information, not medical advice.",
        epilog="Environment: CHATBOT_CORPUS (corpus directory), CHATBOT_EMERGENCY and "
        "CHATBOT_CRISIS (the emergency number and crisis line named in urgent replies, "
        "for your country), NO_COLOR (no colour), CHATBOT_DEBUG=1 (tracebacks).",
    )
    parser.add_argument("--corpus", type=Path, default=None, help=corpus_help)
    parser.add_argument("--plain", action="store_true", help="line-by-line chat for screen readers")
    # `--corpus` also works after the subcommand; SUPPRESS keeps an earlier one.
    corpus_opt = _Parser(add_help=False)
    corpus_opt.add_argument("--corpus", type=Path, default=argparse.SUPPRESS, help=corpus_help)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    ask = sub.add_parser(
        "ask", parents=[corpus_opt],
        help="answer one question (or '-' for one per line on stdin)",
    )
    ask.add_argument(
        "question",
        nargs="+",
        help=f"the question (quotes optional), or '-' to read one per line from stdin; over "
        f"{MAX_QUESTION_CHARS} characters gets a fixed 'too long' reply",
    )
    ask.add_argument("--json", action="store_true", help="print JSON (JSON Lines with '-')")

    ev = sub.add_parser(
        "eval", parents=[corpus_opt], help="run a scripted Q&A file and print its figures"
    )
    ev.add_argument("file", type=Path, help="Q&A cases, JSON Lines (see README)")
    for name in ("hit1", "hit3", "abstention", "urgent_recall"):
        ev.add_argument(f"--min-{name.replace('_', '-')}", type=float, default=None,
                        dest=f"min_{name}", help=f"fail if {name} is below this")
    ev.add_argument("--max-false-urgent", type=int, default=None, help="fail above this count")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")

    corpus = sub.add_parser("corpus", help="check or list a corpus directory")
    corpus_sub = corpus.add_subparsers(
        dest="corpus_command", parser_class=_Parser, metavar="{check,list}", required=True
    )
    check = corpus_sub.add_parser(
        "check", parents=[corpus_opt],
        help="validate a corpus: one line per problem, exit 1 if there are any",
    )
    check.add_argument("dir", nargs="?", type=Path, help="corpus directory (default: --corpus)")
    listing = corpus_sub.add_parser(
        "list", parents=[corpus_opt], help="each document with its kind, dates and passages"
    )
    listing.add_argument("dir", nargs="?", type=Path, help="corpus directory (default: --corpus)")
    listing.add_argument("--json", action="store_true", help="print JSON Lines")
    return parser


def main(argv: list[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:
    """Run the command; returns the exit code and never lets a traceback out."""
    if stdin is None and stdout is None:
        _tolerant_streams()
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    try:
        return _run(argv, stdin, stdout)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`chatbot ask - | head -1`): stop quietly.
        _silence(stdout)
        return BROKEN_PIPE
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        print(f"chatbot: internal error: {detail[:300]} (please report this; "
              f"{DEBUG_ENV}=1 shows the details)", file=sys.stderr)
        return INTERNAL_ERROR


def _run(argv: list[str] | None, stdin: TextIO, stdout: TextIO) -> int:
    try:
        args = _build_parser().parse_args(argv)
        if args.command == "ask":
            # `chatbot ask can needles help` asks the same as with quotes.
            args.question = " ".join(args.question)
        if args.command == "ask" and args.question != "-" and not args.question.strip():
            raise _UsageError("the question is empty")
    except _UsageError as exc:
        print(f"chatbot: error: {_one_line(str(exc))}", file=sys.stderr)
        return USAGE_ERROR

    if args.command == "corpus":
        root = args.dir or args.corpus
        if args.corpus_command == "check":
            return _corpus_check(root, stdout)
        return _corpus_list(root, args.json, stdout)

    bot = _make_bot(args.corpus)
    if bot is None:
        return USAGE_ERROR
    if args.command == "ask":
        return _ask(bot, args.question, args.json, stdin, stdout)
    if args.command == "eval":
        from chatbot.evaluation import run_eval_command

        return run_eval_command(bot, args, stdout)
    return _chat(bot, args.plain, stdin, stdout)


def _tolerant_streams() -> None:
    """Undecodable stdin bytes become U+FFFD, and output the terminal cannot encode
    becomes '?', instead of a UnicodeError in the middle of a conversation."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        # stdin may default to surrogateescape, whose lone surrogates JSON refuses.
        wanted = stream is sys.stdin or getattr(stream, "errors", None) == "strict"
        if isinstance(stream, io.TextIOWrapper) and wanted:
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def _silence(stdout: TextIO) -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _one_line(text: str) -> str:
    return " ".join(text.split())


def clean_question(text: str) -> str:
    """A question as the bot can always answer and JSON can always carry it.

    Lone surrogates (undecodable bytes in argv arrive that way) become U+FFFD;
    everything else, control characters included, is kept for the bot to judge.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    """Text for a terminal: control characters other than tab and newline shown as
    U+FFFD, so nothing in an answer can move the cursor or change colours."""
    return _CONTROL.sub("\ufffd", text)


def _make_bot(corpus: Path | None) -> Chatbot | None:
    """The bot, or None after printing why the corpus cannot be used."""
    from chatbot.bot import Chatbot

    try:
        return Chatbot(corpus)
    except CorpusError as exc:
        _print_problems(exc.problems)
        return None
    except ValueError:
        # A corpus that loads but leaves nothing to index (every line excluded):
        # the full check names the documents; otherwise it is a real bug.
        from chatbot.corpus import check_corpus

        problems = check_corpus(corpus)
        if not problems:
            raise
        _print_problems(problems)
        return None


def _print_problems(problems: list[str]) -> None:
    for problem in problems:
        print(f"chatbot: {_one_line(problem)}", file=sys.stderr)


def _write_answer(answer: Answer, as_json: bool, stdout: TextIO) -> None:
    if as_json:
        text = answer.model_dump_json()
    else:
        from chatbot.render_text import for_terminal

        text = for_terminal(printable(_render(answer)), stdout)
    stdout.write(text + "\n")
    stdout.flush()


def _ask(bot: Chatbot, question: str, as_json: bool, stdin: TextIO, stdout: TextIO) -> int:
    if question != "-":
        _write_answer(bot.ask(clean_question(question)), as_json, stdout)
        return 0
    for line in _stdin_lines(stdin):
        if line.strip():
            _write_answer(bot.ask(clean_question(line)), as_json, stdout)
    return 0


def _stdin_lines(stdin: TextIO):
    """Lines without their line ending, each cut at STDIN_LINE_CAP characters
    (the rest of an over-long line is read and dropped)."""
    while True:
        line = stdin.readline(STDIN_LINE_CAP)
        if not line:
            return
        if not line.endswith("\n"):
            rest = line
            while rest and not rest.endswith("\n"):
                rest = stdin.readline(STDIN_LINE_CAP)
        yield line.rstrip("\r\n")


def _render(answer: Answer) -> str:
    """Every passage, best first, each with its source and evidence notes: a script
    reading the text output sees what the chat shows one "more" at a time."""
    from chatbot.render_text import render_answer

    count = max(len(answer.passages), 1)
    return "\n\n".join(render_answer(answer, i) for i in range(count))


def _corpus_check(root: Path | None, stdout: TextIO) -> int:
    from chatbot.corpus import check_corpus, chunk_counts, default_corpus_dir, load_corpus

    where = root or default_corpus_dir()
    problems = check_corpus(where)
    for problem in problems:
        stdout.write(_one_line(problem) + "\n")
    if problems:
        print(f"chatbot corpus check: {_count(len(problems), 'problem')} in {where}",
              file=sys.stderr)
        return CHECK_FAILED
    corpus = load_corpus(where)
    passages = sum(chunk_counts(corpus).values())
    stdout.write(f"OK: {where}: {_count(len(corpus.documents), 'document')}, "
                 f"{_count(passages, 'passage')}\n")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _corpus_list(root: Path | None, as_json: bool, stdout: TextIO) -> int:
    from chatbot.corpus import chunk_counts, load_corpus

    try:
        corpus = load_corpus(root)
    except CorpusError as exc:
        _print_problems(exc.problems)
        return USAGE_ERROR
    counts = chunk_counts(corpus)
    rows = [
        {
            "id": doc.meta.id,
            "kind": doc.meta.kind.value,
            "dates": doc.meta.date_label or "no date given",
            "passages": counts[doc.meta.id],
            "file": doc.meta.file,
            "title": doc.meta.title,
        }
        for doc in corpus.documents
    ]
    if as_json:
        for row in rows:
            stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 0
    from chatbot.render_text import for_terminal, wrap_lines

    # One short block per document, not a wide table: it fits 80 columns (long
    # titles wrap with their indent) and a screen reader reads it line by line.
    blocks = []
    for row, doc in zip(rows, corpus.documents, strict=True):
        blocks.append(
            f"{row['id']}: {row['passages']} passages\n"
            f"  Title: {row['title']}\n"
            f"  Kind: {row['kind']} ({doc.meta.kind.label})\n"
            f"  Dates: {row['dates']}\n"
            f"  File: {row['file']}\n"
        )
    # Wrapped at 79 columns in a pipe too (scripts read `--json`).
    text = for_terminal(wrap_lines(printable("\n".join(blocks)), 79), stdout)
    stdout.write(text + "\n")
    return 0


def _wants_plain(plain: bool, stdin: TextIO, stdout: TextIO) -> bool:
    if plain or os.environ.get("TERM") == "dumb":
        return True
    try:
        return not (stdin.isatty() and stdout.isatty())
    except (AttributeError, ValueError):
        return True


def _chat(bot: Chatbot, plain: bool, stdin: TextIO, stdout: TextIO) -> int:
    if _wants_plain(plain, stdin, stdout):
        from chatbot.plain_chat import run_plain

        return run_plain(bot, stdin, stdout)
    from chatbot.tui.app import ChatApp

    ChatApp(bot).run()
    return 0


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
