"""Cut a document into passages a patient can read on their own.

Rules, in order of the document:
- never-quote spans are removed first, so nothing excluded is ever indexed;
- a short heading ("Symptom Relief:") stays with the paragraph after it;
- a lead-in ending in ":" keeps its bullet list; short bullets are one quotable
  unit with their lead-in, since a bullet alone is too short to quote;
- a paragraph opening with "It", "This", "Both"... stays with the one before it,
  because it cannot be read without it;
- a line that only gives a date ("Updated: Apr 18, 2024") is a passage of its own,
  never a heading: "when was it last updated?" is answered by it, and no passage
  about MS starts with it;
- chunks are made of whole sentences only.
"""

import re
from typing import NamedTuple

from chatbot.corpus import Document
from chatbot.models import Chunk
from chatbot.sentences import sentence_spans

_BULLET = re.compile(r"^(?:[•\-*]|\d{1,2}\.)\s+")
_ANAPHOR = re.compile(r"^(?:It|This|These|That|Those|They|Both|Such)\b")
_MAX_HEADING_WORDS = 12
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_DATE = (rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+(?:\d{{1,2}},?\s+)?\d{{4}}"
         r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})")
_DATE_LINE = re.compile(
    rf"^(?:[•\-*]\s+)?(?:(?:last\s+)?(?:updated|posted|published|reviewed|written|revised)"
    rf"(?:\s+on)?\s*:?\s*)?{_DATE}$", re.IGNORECASE)
"""A line that is a date and nothing else, with at most a label: "- Aug 17, 2023",
"Updated: Apr 18, 2024", "Last reviewed 3 March 2022"."""


class _Segment(NamedTuple):
    start: int
    end: int
    kind: str  # "heading" | "bullet" | "para" | "date"


def _allowed_segments(doc: Document) -> list[tuple[int, int]]:
    """Non-empty pieces of each line left after the never-quote spans are cut out."""
    text = doc.text
    pieces: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        cursor = line_start
        for ex_start, ex_end in doc.excluded:
            if ex_end <= cursor or ex_start >= line_end:
                continue
            if ex_start > cursor:
                pieces.append((cursor, ex_start))
            cursor = max(cursor, ex_end)
        if cursor < line_end:
            pieces.append((cursor, line_end))
    trimmed = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def _classify(text: str, spans: list[tuple[int, int]]) -> list[_Segment]:
    segments = []
    for i, (s, e) in enumerate(spans):
        line = text[s:e]
        nxt = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
        words = len(line.split())
        if _DATE_LINE.match(line):
            kind = "date"
        elif _BULLET.match(line):
            kind = "bullet"
        elif line.endswith(":") and _BULLET.match(nxt):
            kind = "para"  # a lead-in: it owns the list below it
        elif words <= _MAX_HEADING_WORDS and not line.endswith((".", ";", ",", "!")):
            kind = "heading"
        else:
            kind = "para"
        segments.append(_Segment(s, e, kind))
    return segments


def _is_fragment(text: str, seg: _Segment) -> bool:
    """A bullet too short to quote on its own ("• less fatigue"); a clause of eight
    words or more ("• improving muscle stiffness and joint mobility by...;") is its
    own unit, shown with its list's lead-in (`list_lead_in`), so a question about one
    bullet of a long list is not answered with the whole list."""
    body = _BULLET.sub("", text[seg.start : seg.end])
    return len(body.split()) < 8


def list_lead_in(text: str, units: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    """The lead-in ("...may help by:") of the list whose bullet the quote starting at
    `start` begins with, when the quote leaves it out; else None."""
    index = next((i for i, (a, _) in enumerate(units) if a == start), None)
    if index is None or not _BULLET.match(text[start : units[index][1]].lstrip()):
        return None
    for a, b in reversed(units[:index]):
        unit = text[a:b].strip()
        if unit.endswith(":"):
            return a, b
        if not _BULLET.match(unit):
            return None
    return None


def _gap_is_clean(doc: Document, a: int, b: int) -> bool:
    """True when nothing excluded lies between offsets a and b."""
    return not any(s < b and e > a for s, e in doc.excluded)


def chunk_document(doc: Document) -> list[Chunk]:
    text = doc.text
    segments = _classify(text, _allowed_segments(doc))
    groups: list[dict] = []  # each: segments, heading
    pending_heading: list[_Segment] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        if seg.kind == "date":
            # Its own passage; a heading waiting above it stays for the next paragraph.
            groups.append({"members": [seg], "heading": None})
            i += 1
            continue
        if seg.kind == "heading":
            pending_heading.append(seg)
            i += 1
            continue
        members = [seg]
        i += 1
        if text[seg.start : seg.end].endswith(":"):
            while i < len(segments) and segments[i].kind == "bullet":
                members.append(segments[i])
                i += 1
        prev = groups[-1] if groups else None
        if (
            not pending_heading
            and prev is not None
            and _ANAPHOR.match(text[seg.start : seg.end])
            and _gap_is_clean(doc, prev["members"][-1].end, seg.start)
        ):
            prev["members"].extend(members)
            continue
        heading_text = None
        if pending_heading:
            heading_text = " ".join(text[h.start : h.end] for h in pending_heading)
            if _gap_is_clean(doc, pending_heading[0].start, seg.start):
                members = pending_heading + members
        groups.append({"members": members, "heading": heading_text})
        pending_heading = []

    chunks = []
    for order, group in enumerate(groups):
        members: list[_Segment] = group["members"]
        start, end = members[0].start, members[-1].end
        chunks.append(
            Chunk(
                chunk_id=f"{doc.meta.id}#{order}",
                doc_id=doc.meta.id,
                order=order,
                start=start,
                end=end,
                text=text[start:end],
                heading=group["heading"],
                units=tuple(_units(text, members)),
            )
        )
    return chunks


def _units(text: str, members: list[_Segment]) -> list[tuple[int, int]]:
    """Quotable units: sentences; a heading joins the sentence after it; a lead-in
    with fragment bullets is one unit running to the end of its list."""
    units: list[tuple[int, int]] = []
    heading_start: int | None = None
    k = 0
    while k < len(members):
        seg = members[k]
        if seg.kind == "heading":
            heading_start = seg.start if heading_start is None else heading_start
            k += 1
            continue
        if seg.kind == "date" or (seg.kind == "bullet" and not _is_fragment(text, seg)):
            spans = [(seg.start, seg.end)]
        else:
            spans = sentence_spans(text, seg.start, seg.end)
        # A lead-in followed by fragment bullets: the last sentence absorbs the list.
        list_end = None
        j = k + 1
        if text[seg.start : seg.end].endswith(":"):
            while j < len(members) and members[j].kind == "bullet" and _is_fragment(
                text, members[j]
            ):
                list_end = members[j].end
                j += 1
        if list_end is not None:
            spans[-1] = (spans[-1][0], list_end)
            k = j
        else:
            k += 1
        if heading_start is not None:
            spans[0] = (heading_start, spans[0][1])
            heading_start = None
        units.extend(spans)
    return units
