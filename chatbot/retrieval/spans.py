"""Terms of a span of a chunk, worked out once per span.

Offsets are per document, so the cache key names the document too. Every step that
judges a quote (coverage, ranking, duplicates) asks the same spans again.
"""

from __future__ import annotations

from chatbot.chunking import list_lead_in
from chatbot.models import Chunk
from chatbot.tokenizer import Analyzer


def unit_text(chunk: Chunk, unit: tuple[int, int]) -> str:
    return chunk.text[unit[0] - chunk.start : unit[1] - chunk.start]


def index_text(chunk: Chunk) -> str:
    """A heading cut off by excluded text still describes its chunk."""
    if chunk.heading and not chunk.text.startswith(chunk.heading.split(" ")[0]):
        return f"{chunk.heading}\n{chunk.text}"
    return chunk.text


def shown_with(chunk: Chunk, start: int, end: int) -> str:
    """The text a reader sees for a quote: a bullet's list lead-in ("...may help by:")
    is shown above it (`Passage.lead_in`), so what the bullet says is read with it."""
    units = [(a - chunk.start, b - chunk.start) for a, b in chunk.units]
    lead = list_lead_in(chunk.text, units, start - chunk.start)
    quote = unit_text(chunk, (start, end))
    return quote if lead is None else f"{chunk.text[lead[0] : lead[1]]}\n{quote}"


class SpanTerms:
    """The terms of a quote as shown: with its list's lead-in when it is a bullet (what
    the quote covers of a question). `own`: its words alone (which sentences of a
    passage are the quote: every bullet shares the lead-in, so it tells them apart by
    nothing, and counted in each it made a run of bullets look denser than one)."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._cache: dict[tuple[str, int, int, bool], frozenset[str]] = {}

    def __call__(self, chunk: Chunk, start: int, end: int) -> frozenset[str]:
        return self._terms(chunk, start, end, True)

    def own(self, chunk: Chunk, start: int, end: int) -> frozenset[str]:
        return self._terms(chunk, start, end, False)

    def _terms(self, chunk: Chunk, start: int, end: int, shown: bool) -> frozenset[str]:
        key = (chunk.doc_id, start, end, shown)
        terms = self._cache.get(key)
        if terms is None:
            text = shown_with(chunk, start, end) if shown else unit_text(chunk, (start, end))
            terms = self._cache[key] = frozenset(self.analyzer.terms(text))
        return terms
