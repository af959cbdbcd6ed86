"""Terminal text: tolerant streams, safe printing, stdin lines."""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from typing import TextIO

from chatbot.settings import STDIN_LINE_CAP

__all__ = ["STDIN_LINE_CAP", "clean_question", "one_line", "printable", "stdin_lines"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 control characters other than tab and newline: an ESC from a pasted
# question must not reach the terminal as a live escape sequence.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def tolerant_streams() -> None:
    """Undecodable stdin bytes become U+FFFD, and output the terminal cannot encode
    becomes '?', instead of a UnicodeError in the middle of a conversation."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        # stdin may default to surrogateescape, whose lone surrogates JSON refuses.
        wanted = stream is sys.stdin or getattr(stream, "errors", None) == "strict"
        if isinstance(stream, io.TextIOWrapper) and wanted:
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def silence(stdout: TextIO) -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def one_line(text: str) -> str:
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


def stdin_lines(stdin: TextIO):
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



