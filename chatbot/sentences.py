"""Split text into sentence spans without ever cutting a sentence in two.

Works on character offsets so every span maps back to the document verbatim.
"""

from __future__ import annotations

import re

# A boundary: terminal punctuation (optionally closing quote/bracket), whitespace,
# then something that can start a sentence. The sentence before ends just after the
# punctuation. (Starting the pattern with the punctuation, not a look-behind, lets
# the regex engine skip straight to candidates.)
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]?\s+(?=[\"“'(\[]?[A-Z0-9])")
# Words whose final full stop does not end a sentence.
_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "vs.", "dr.", "mr.", "mrs.", "fig.")
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
# "(Lee 2007) A randomised..." : a citation after the full stop belongs to the sentence before.
_LEADING_CITATION = re.compile(r"\([A-Z][^()]*\d{4}[^()]*\)[ \t]+")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence [start, end) offsets within text[start:end], whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        cut = match.start() + 1
        # Only the end of the sentence so far can hold an abbreviation.
        if text[max(cursor, cut - _LONGEST_ABBREVIATION) : cut].lower().endswith(_ABBREVIATIONS):
            continue
        after = match.end()
        citation = _LEADING_CITATION.match(text, after, end)
        if citation:
            cut = citation.start() + len(citation.group(0).rstrip())
            after = citation.end()
        spans.append((cursor, cut))
        cursor = after
    spans.append((cursor, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
