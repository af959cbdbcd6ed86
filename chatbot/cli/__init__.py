"""Command line: `chatbot` (chat), `chatbot ask`, `chatbot eval`, `chatbot corpus`,
`chatbot serve` (the web page).

The scripted commands never import Textual (it costs ~200 ms of start-up); only the
full-screen chat does, and only when it is about to run.

Whatever a person types, the command never shows a traceback: usage errors and
unusable corpora exit 2 with one line per problem on stderr, `corpus check` exits 1
when it finds problems, and anything unexpected is one "internal error" line, exit 1
(set CHATBOT_DEBUG=1 to see the traceback instead).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from chatbot.cli.ask import ask
from chatbot.cli.parser import UsageError, build_parser
from chatbot.cli.text import (
    STDIN_LINE_CAP,
    clean_question,
    one_line,
    printable,
    silence,
    tolerant_streams,
)
from chatbot.corpus import CorpusError
from chatbot.settings import DEBUG_ENV, Environment

if TYPE_CHECKING:
    from chatbot.bot import Chatbot

__all__ = ["STDIN_LINE_CAP", "clean_question", "main", "main_entry", "printable"]

USAGE_ERROR = 2
INTERNAL_ERROR = 1
INTERRUPTED = 130
BROKEN_PIPE = 141


def main(argv: list[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None, *, resume_gc: bool = False,
         fast_exit: bool = False) -> int:
    """Run the command; returns the exit code and never lets a traceback out.
    `resume_gc`: the caller paused the garbage collector for start-up (`chatbot`):
    resume it once the bot is built. `fast_exit` (`chatbot` too): the process ends as
    soon as `ask` has written its answers (`end_process`)."""
    if stdin is None and stdout is None:
        tolerant_streams()
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    try:
        return _run(argv, stdin, stdout, resume_gc, fast_exit)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`chatbot ask - | head -1`): stop quietly.
        silence(stdout)
        return BROKEN_PIPE
    except Exception as exc:
        if Environment.read().debug:
            raise
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        print(f"chatbot: internal error: {detail[:300]} (please report this; "
              f"{DEBUG_ENV}=1 shows the details)", file=sys.stderr)
        return INTERNAL_ERROR


def _run(argv: list[str] | None, stdin: TextIO, stdout: TextIO, resume_gc: bool = False,
         fast_exit: bool = False) -> int:
    try:
        args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
        if args.command == "ask":
            # `chatbot ask can needles help` asks the same as with quotes.
            args.question = " ".join(args.question)
        if args.command == "ask" and args.question != "-" and not args.question.strip():
            raise UsageError("the question is empty")
        if args.command == "ask" and args.dialogue and args.question != "-":
            raise UsageError("--dialogue reads the conversation from stdin: use '-'")
    except UsageError as exc:
        print(f"chatbot: error: {one_line(str(exc))}", file=sys.stderr)
        return USAGE_ERROR

    if args.command == "corpus":
        from chatbot.cli.corpus_cmd import corpus_check, corpus_list

        if args.corpus_command == "new":
            return _new_corpus(args.dir, stdout)
        root = args.dir or args.corpus
        if args.corpus_command == "check":
            return corpus_check(root, stdout, args.strict)
        return corpus_list(root, args.json, stdout)

    bot = _make_bot(args.corpus, resume_gc)
    if bot is None:
        return USAGE_ERROR
    if args.command == "ask":
        code = ask(bot, args.question, args.json, stdin, stdout, args.dialogue)
        if fast_exit:
            end_process(code, stdout)
        return code
    if args.command == "serve":
        from chatbot.cli.serve import serve

        return serve(args, bot)
    if args.command == "eval":
        from chatbot.evaluation import run_eval_command

        return run_eval_command(bot, args, stdout)
    return _chat(bot, args.plain, stdin, stdout)


def end_process(code: int, stdout: TextIO) -> NoReturn:
    """End the process now that its output is written: the operating system takes
    back its memory whole, where Python's own teardown frees every object of the built
    bot one by one (4-5 ms of each `chatbot ask`; mypy ends the same way). `ask` starts
    no thread, process or server, and registers nothing to run at exit; a failed flush
    raises here, like any other write, and is reported by `main`."""
    stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _new_corpus(root: Path, stdout: TextIO) -> int:
    from chatbot.cli.corpus_new import CorpusExists, corpus_new

    try:
        corpus_new(root, stdout)
    except (CorpusExists, OSError) as exc:
        print(f"chatbot: error: {one_line(str(exc))}", file=sys.stderr)
        return USAGE_ERROR
    return 0


def _make_bot(corpus: Path | None, resume_gc: bool = False) -> Chatbot | None:
    """The bot, or None after printing why the corpus cannot be used."""
    from chatbot.bot import Chatbot

    try:
        bot = Chatbot(corpus)
        if resume_gc:
            gc.freeze()  # the bot lives as long as the process: never collect it
            gc.enable()
        return bot
    except CorpusError as exc:
        from chatbot.cli.corpus_cmd import print_problems

        print_problems(exc.problems)
        return None
    except ValueError:
        # A corpus that loads but leaves nothing to index (every line excluded):
        # the full check names the documents; otherwise it is a real bug.
        from chatbot.cli.corpus_cmd import print_problems
        from chatbot.corpus import check_corpus

        problems = check_corpus(corpus)
        if not problems:
            raise
        print_problems(problems)
        return None


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
    """Entry point without the start-up pause (`chatbot.__main__.run` is the script)."""
    sys.exit(main())
