"""A source in full, cut into pieces so the quote and the never-quoted parts can be
marked in words (not by colour alone) on the sources page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PieceKind = Literal["text", "quote", "never"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    text: str
    reason: str = ""
    first: bool = False
    """The first piece of its mark (where the label "Quote starts" goes)."""
    last: bool = False


Paragraph = list[Piece]


def _marks(length: int, quote: tuple[int, int] | None,
           never: list[tuple[int, int, str]]) -> list[tuple[int, int, PieceKind, str]]:
    marks: list[tuple[int, int, PieceKind, str]] = [(s, e, "never", r) for s, e, r in never]
    if quote is not None:
        marks.append((quote[0], quote[1], "quote", ""))
    marks.sort()
    out: list[tuple[int, int, PieceKind, str]] = []
    cursor = 0
    for start, end, kind, reason in marks:
        start = max(start, cursor)
        if start < end <= length:
            out.append((start, end, kind, reason))
            cursor = end
    return out


def _spans(length: int, marks: list[tuple[int, int, PieceKind, str]]):
    """(start, end, kind, reason) covering the whole text, plain parts between marks."""
    cursor = 0
    for start, end, kind, reason in marks:
        if cursor < start:
            yield cursor, start, "text", ""
        yield start, end, kind, reason
        cursor = end
    if cursor < length:
        yield cursor, length, "text", ""


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, cursor = [], 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((cursor, gap.start()))
        cursor = gap.end()
    bounds.append((cursor, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def pieces(text: str, quote: tuple[int, int] | None = None,
           never: list[tuple[int, int, str]] | None = None) -> list[Paragraph]:
    """The text as paragraphs of pieces; a mark split across paragraphs keeps its
    label on its first piece and its end marker on its last."""
    spans = list(_spans(len(text), _marks(len(text), quote, never or [])))
    placed: list[list[tuple[int, int, int]]] = []  # per paragraph: (span index, lo, hi)
    for p_start, p_end in _paragraph_bounds(text):
        row = []
        for index, (start, end, _kind, _reason) in enumerate(spans):
            lo, hi = max(start, p_start), min(end, p_end)
            if lo < hi:
                row.append((index, lo, hi))
        placed.append(row)
    order = [index for row in placed for index, _, _ in row]
    firsts = {index: order.index(index) for index in set(order)}
    lasts = {index: len(order) - 1 - order[::-1].index(index) for index in set(order)}
    out: list[Paragraph] = []
    position = 0
    for row in placed:
        paragraph: Paragraph = []
        for index, lo, hi in row:
            _, _, kind, reason = spans[index]
            paragraph.append(Piece(kind, text[lo:hi], reason,
                                   firsts[index] == position, lasts[index] == position))
            position += 1
        out.append(paragraph)
    return out


def valid_span(text: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    """The quote's span when it is inside the text, else None (a stale or typed link)."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return start, end
