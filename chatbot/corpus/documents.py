"""Reading one listed document: its text, and the spans never indexed or quoted (the
manifest's `never_quote` spans, and the title line: every answer names the source
by its title, so the title is never quoted unless `quote_title` says it may be)."""

from pathlib import Path
from typing import NamedTuple

from chatbot.corpus.manifest import DOCUMENTS, Entry
from chatbot.models import DocumentMeta

TITLE_REASON = "the title (every answer names the source by its title)"


class Document(NamedTuple):
    meta: DocumentMeta
    text: str
    never_quoted: tuple[tuple[int, int, str], ...]
    """(start, end, reason) of each never-quote span, found once at load, in order."""

    @property
    def excluded(self) -> tuple[tuple[int, int], ...]:
        """Character ranges [start, end) that are never indexed or quoted."""
        return tuple((start, end) for start, end, _ in self.never_quoted)


def find_span(text: str, start: str, end: str) -> tuple[int, int] | None:
    """Locate a never-quote span; None when its text is not in the document."""
    begin = text.find(start)
    if begin < 0:
        return None
    if not end:
        return begin, begin + len(start)
    stop = text.find(end, begin + len(start))
    if stop < 0:
        return None
    return begin, stop + len(end)


def title_span(text: str, title: str) -> tuple[int, int] | None:
    """The first line of `text` that is the title alone (spaces aside), or None."""
    wanted = " ".join(title.split())
    pos = 0
    for line in text.split("\n"):
        if " ".join(line.split()) == wanted:
            start = pos + len(line) - len(line.lstrip())
            return start, pos + len(line.rstrip())
        pos += len(line) + 1
    return None


def read_document(root: Path, entry: Entry, problems: list[str]) -> Document | None:
    """Read one listed document, adding a line to `problems` for each fault.

    Entries with field errors are still read, so a missing file or a wrong
    never-quote span shows up in the same run as the typo.
    """
    if entry.file is None:
        return None
    path = root / DOCUMENTS / entry.file
    named = f"(named in {entry.where}.file)"
    if not path.is_file():
        problems.append(f"{path}: missing document {named}")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(f"{path}: not UTF-8 text {named}")
        return None
    except OSError as exc:
        problems.append(f"{path}: cannot be read: {exc.strerror or exc} {named}")
        return None
    if not text.strip():
        problems.append(f"{path}: empty document {named}")
        return None
    spans: list[tuple[int, int, int]] = []  # (start, end, index in never_quote)
    found_all = True
    for j, start, end in entry.never_quote:
        span = find_span(text, start, end)
        if span is None:
            missing, shown = ("start", start) if text.find(start) < 0 else ("end", end)
            problems.append(
                f"{entry.where}.never_quote[{j}].{missing}: text not found in "
                f"{entry.file} ({shown[:60]!r})"
            )
            found_all = False
        else:
            spans.append((*span, j))
    if entry.meta is None or not found_all:
        return None
    reasons = [nq.reason for nq in entry.meta.never_quote]
    never_quoted = [(s, e, reasons[j]) for s, e, j in spans]
    title = None if entry.meta.quote_title else title_span(text, entry.meta.title)
    if title and not any(s <= title[0] and title[1] <= e for s, e, _ in never_quoted):
        never_quoted.append((*title, TITLE_REASON))
    return Document(meta=entry.meta, text=text, never_quoted=tuple(sorted(never_quoted)))


