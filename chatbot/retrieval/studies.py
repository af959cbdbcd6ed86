"""Which passages speak of the same study: its note, and the sentences that cite it.

An evidence factsheet sums a study up in one sentence that cites it ("... found that
it may have a useful role ... (Tjon Eng Soe 2009)") and describes it in a note under
its reference ("An uncontrolled open study ... Nine patients completed the study").
"That study", "it", "they" point at the study quoted, wherever it is told: "how many
people were in it?" after the summary is answered by the note, "who ran it?" after
the note by the citation. A passage of no cited study is its own study
(`quotes.study_of`: the sentences from its study's opening to the next's).
"""

from collections import defaultdict
from collections.abc import Sequence

from chatbot.citations import Key, cited
from chatbot.models import Chunk
from chatbot.retrieval.quotes import study_of
from chatbot.retrieval.spans import unit_text

Span = tuple[str, int, int]
"""A chunk id and document offsets [start, end) within it."""


class Studies:
    """The passages of each cited study, found once from the chunks and the notes."""

    def __init__(self, chunks: Sequence[Chunk],
                 notes: dict[str, dict[Key, str]]) -> None:
        """`notes`: per document, each study's note text under its reference."""
        self._chunks = {c.chunk_id: c for c in chunks}
        self._note_of: dict[str, Key] = {}
        self._spans: dict[tuple[str, Key], list[Span]] = defaultdict(list)
        key_of = {doc: {text: key for key, text in of_doc.items()}
                  for doc, of_doc in notes.items()}  # a note's text -> its study
        for chunk in chunks:
            key = key_of.get(chunk.doc_id, {}).get(chunk.text)
            if key is not None:
                self._note_of[chunk.chunk_id] = key
                self._spans[(chunk.doc_id, key)].append((chunk.chunk_id, chunk.start, chunk.end))
        for chunk in chunks:
            studied = notes.get(chunk.doc_id, {})
            for a, b in chunk.units:
                for key in cited(unit_text(chunk, (a, b))):
                    if key in studied:  # a study, not a background source
                        self._spans[(chunk.doc_id, key)].append((chunk.chunk_id, a, b))

    def about(self, chunk_id: str, start: int, end: int) -> tuple[Span, ...]:
        """Every passage about the study a quote of this chunk is about: the quote's
        own study's sentences, and, for each study it cites (or whose note this chunk
        is), that study's note and each sentence citing it, in the same document."""
        chunk = self._chunks[chunk_id]
        a, b = study_of(chunk, start, end)
        # The studies the quote itself cites; else those of its study's sentences (a
        # list of findings, each citing its own study, is no one study).
        keys = (cited(chunk.text[start - chunk.start : end - chunk.start])
                or cited(chunk.text[a - chunk.start : b - chunk.start]))
        if chunk_id in self._note_of:
            keys.insert(0, self._note_of[chunk_id])
        spans = [(chunk_id, a, b)]
        for key in keys:
            for span in self._spans.get((chunk.doc_id, key), ()):
                if not any(_within(span, other) for other in spans):
                    spans.append(span)
        return tuple(spans)

    def text(self, span: Span) -> str:
        """The words of a span."""
        chunk_id, a, b = span
        chunk = self._chunks[chunk_id]
        return chunk.text[a - chunk.start : b - chunk.start]


def _within(span: Span, other: Span) -> bool:
    return span[0] == other[0] and other[1] <= span[1] and span[2] <= other[2]
