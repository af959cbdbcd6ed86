"""The argument parser: every command and option, and usage errors as one line."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from chatbot.settings import CORPUS_ENV, MAX_QUESTION_CHARS


class UsageError(Exception):
    pass



class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)



def _bounded(low: int, high: int, what: str):
    def parse(text: str) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number from {low} to {high}")
        return int(text)

    return parse


_port = _bounded(1, 65535, "the port")
_workers = _bounded(1, 64, "the number of workers")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Every command, with the options of each command `argv` names (all of them when
    None). Each parser and option costs argparse tens of microseconds, paid on every
    start, so `chatbot ask ...` declares ask's alone; the others keep their one-line
    help for `chatbot --help`. argparse picks the command from argv's own words, so
    the command it picks always has its options."""
    named = set(_COMMANDS) if argv is None else set(_COMMANDS).intersection(argv)
    parser = _Parser(
        prog="chatbot",
        description="What vetted sources say, quoted word for word (the bundled corpus: "
        "acupuncture for MS symptoms; a clinic may bring its own). Information, not "
        "medical advice.",
        epilog="Environment: CHATBOT_CORPUS (corpus directory), CHATBOT_EMERGENCY and "
        "CHATBOT_CRISIS (the emergency number and crisis line named in urgent replies, "
        "for your country), NO_COLOR (no colour), CHATBOT_DEBUG=1 (tracebacks).",
    )
    parser.add_argument("--corpus", type=Path, default=None, help=_CORPUS_HELP)
    parser.add_argument("--plain", action="store_true", help="line-by-line chat for screen readers")
    # `--corpus` also works after the subcommand; SUPPRESS keeps an earlier one.
    corpus_opt = _Parser(add_help=False)
    corpus_opt.add_argument("--corpus", type=Path, default=argparse.SUPPRESS, help=_CORPUS_HELP)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for name, (help_text, takes_corpus, declare) in _COMMANDS.items():
        if name in named:
            parents = [corpus_opt] if takes_corpus else []
            declare(sub.add_parser(name, parents=parents, help=help_text), corpus_opt)
        else:
            sub.add_parser(name, help=help_text)
    return parser


_CORPUS_HELP = "corpus directory (default: $" + CORPUS_ENV + " or the bundled corpus)"


def _ask(ask: argparse.ArgumentParser, _corpus_opt: argparse.ArgumentParser) -> None:
    ask.add_argument(
        "question",
        nargs="+",
        help=f"the question (quotes optional), or '-' to read one per line from stdin; over "
        f"{MAX_QUESTION_CHARS} characters gets a fixed 'too long' reply",
    )
    ask.add_argument("--json", action="store_true", help="print JSON (JSON Lines with '-')")
    ask.add_argument(
        "--dialogue", action="store_true",
        help="with '-': the lines are one conversation (follow-ups read with earlier "
        "turns); a blank line starts a new one",
    )


def _eval(ev: argparse.ArgumentParser, _corpus_opt: argparse.ArgumentParser) -> None:
    ev.add_argument("file", type=Path, help="Q&A cases, JSON Lines (see README)")
    for name in ("hit1", "hit3", "abstention", "urgent_recall"):
        ev.add_argument(f"--min-{name.replace('_', '-')}", type=float, default=None,
                        dest=f"min_{name}", help=f"fail if {name} is below this")
    ev.add_argument("--max-false-urgent", type=int, default=None, help="fail above this count")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--no-alone", action="store_true",
                    help="conversations: skip asking each follow-up alone as well (the "
                    "'asked alone' comparison), for floors that need only the turns")


def _serve(serve: argparse.ArgumentParser, _corpus_opt: argparse.ArgumentParser) -> None:
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    serve.add_argument("--workers", type=_workers, default=1,
                       help="worker processes (default: 1); the server keeps no state")


def _corpus(corpus: argparse.ArgumentParser, corpus_opt: argparse.ArgumentParser) -> None:
    """`chatbot corpus new|check|list`."""
    corpus_sub = corpus.add_subparsers(
        dest="corpus_command", parser_class=_Parser, metavar="{new,check,list}", required=True
    )
    new = corpus_sub.add_parser(
        "new", help="write a minimal, commented corpus to start from (passes corpus check)"
    )
    new.add_argument("dir", type=Path, help="a directory that does not exist yet, or is empty")
    check = corpus_sub.add_parser(
        "check", parents=[corpus_opt],
        help="validate a corpus: one line per problem, exit 1 if there are any; then one "
        "warning line per missing or overdue field",
    )
    check.add_argument("dir", nargs="?", type=Path, help="corpus directory (default: --corpus)")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    listing = corpus_sub.add_parser(
        "list", parents=[corpus_opt], help="each document with its kind, dates and passages"
    )
    listing.add_argument("dir", nargs="?", type=Path, help="corpus directory (default: --corpus)")
    listing.add_argument("--json", action="store_true", help="print JSON Lines")


_Declare = Callable[[argparse.ArgumentParser, argparse.ArgumentParser], None]
_COMMANDS: dict[str, tuple[str, bool, _Declare]] = {
    "ask": ("answer one question (or '-' for one per line on stdin)", True, _ask),
    "eval": ("run a scripted Q&A file and print its figures", True, _eval),
    "serve": ("serve the chatbot as a web page and JSON API (needs the 'web' extra)", True,
              _serve),
    "corpus": ("start, check or list a corpus directory", False, _corpus),
}
"""Each command: its help line, whether it takes `--corpus` itself (`corpus` leaves it
to its subcommands), and what declares its options."""
