"""Where chunks are in the corpus's list, by chunk or document id.

A follow-up searches only some chunks ("how many people were in it?": the study last
quoted), and the memory names the chunks its answers are in; both need positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from chatbot.models import Chunk


class Positions:
    """Chunk or document id -> the chunks' positions, built when first asked."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = chunks
        self._of: dict[str, list[int]] | None = None

    def of(self, key: str) -> list[int]:
        if self._of is None:
            of: dict[str, list[int]] = {}
            for i, c in enumerate(self.chunks):
                of.setdefault(c.chunk_id, []).append(i)
                of.setdefault(c.doc_id, []).append(i)
            self._of = of
        return self._of.get(key, [])

    def mask(self, within: Iterable[str]) -> np.ndarray:
        """True for the chunks whose id, or whose document's id, is in `within`."""
        mask = np.zeros(len(self.chunks), dtype=bool)
        for key in within:
            mask[self.of(key)] = True
        return mask

    def of_units(self, units: Iterable[tuple[str, int]]) -> list[int]:
        """The positions of the chunks these sentences (chunk id, start) are in."""
        return [i for chunk_id, _ in units for i in self.of(chunk_id)]
