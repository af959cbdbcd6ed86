"""Labelled questions searchable by stem: the cosine of their idf-weighted stems.

The memory compares every question (and every follow-up, once per scope) with
thousands of labelled ones; a common stem ("acupunctur") is shared by most of them.
Summing the overlaps in Python and sorting them took most of `Chatbot.ask` once the
memory held 15,000 questions, so the overlaps are summed into one numpy vector (a
stem's postings at a time, in the same order and float64 as the plain sums, so the
closeness is the same to the last bit) and only the few best are ever sorted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from chatbot.retrieval.memory import Labelled


NEAR_SHARE = 0.5
"""Where `StemIndex.best` looks first (a share of the best closeness): speed only,
never which questions it returns."""


class StemIndex:
    """The questions, each stem's postings an index array, each question's norm."""

    def __init__(self, questions: Iterable[Labelled], unseen: float = 1.0) -> None:
        self.questions: tuple[Labelled, ...] = tuple(questions)
        n = len(self.questions)
        # Every (question, stem) pair at once, grouped by stem with numpy (as the BM25
        # index groups its postings): built on every start, so no Python loop per pair.
        stems = [q.stems.split() for q in self.questions]
        flat = list(chain.from_iterable(stems))
        vocab = {s: i for i, s in enumerate(dict.fromkeys(flat))}
        term = np.fromiter(map(vocab.__getitem__, flat), np.intp, len(flat))
        owner = np.repeat(np.arange(n, dtype=np.intp), list(map(len, stems)))
        df = np.bincount(term, minlength=len(vocab)).tolist()
        idf = [math.log((n + 1) / (d + 0.5)) for d in df]
        self._idf = dict(zip(vocab, idf, strict=True))
        order = np.argsort(term, kind="stable")
        bounds = np.searchsorted(term[order], np.arange(len(vocab) + 1)).tolist()
        postings = owner[order]
        self._with = {s: postings[lo:hi]
                      for s, lo, hi in zip(vocab, bounds[:-1], bounds[1:], strict=True)}
        # A stem no labelled question has weighs `unseen` times the highest idf
        # (`memory_unseen`, fitted: one chatty word, "total newbie q", lowers the
        # closeness to every labelled question; lower weights fitted no better).
        self._unseen = unseen * math.log(n + 1)
        # Each question's norm, its squares summed in its own stems' order.
        squares = np.asarray(idf) ** 2
        self._norms = np.sqrt(np.bincount(owner, weights=squares[term], minlength=n))

    def __len__(self) -> int:
        return len(self.questions)

    def closeness(self, stems: Sequence[str]) -> np.ndarray:
        """Each labelled question's closeness (0-1) to a question of these stems
        (`question_stems`): 0 for those sharing none."""
        hits = [(ids, self._idf[s] ** 2) for s in stems if (ids := self._with.get(s)) is not None]
        if hits:
            # One bincount over every posting, stem by stem: each question's overlap is
            # summed in the stems' order, as adding one stem's postings at a time did.
            overlap = np.bincount(
                np.concatenate([ids for ids, _ in hits]),
                weights=np.repeat([w for _, w in hits], [len(ids) for ids, _ in hits]),
                minlength=len(self.questions))
        else:
            overlap = np.zeros(len(self.questions))
        norm = math.sqrt(sum(self._idf.get(s, self._unseen) ** 2 for s in stems))
        if not norm:
            return overlap
        return np.divide(overlap, norm * self._norms, out=np.zeros_like(overlap),
                         where=overlap > 0)

    def best(self, sims: np.ndarray, k: int) -> list[tuple[float, Labelled]]:
        """The `k` questions of highest closeness above 0, closest first, a tie
        broken by id (as sorting them all by (-closeness, id) would)."""
        top = float(sims.max()) if sims.size else 0.0
        if top <= 0:
            return []
        # Most labelled questions share a common stem ("acupunctur"), so most are
        # above 0: the best k are looked for among those at least half as close as
        # the closest first (exact: when fewer than k are, among all above 0).
        near = np.flatnonzero(sims >= top * NEAR_SHARE)
        if len(near) < k:
            near = np.flatnonzero(sims > 0)
        if len(near) > k:
            values = sims[near]
            kth = np.partition(values, len(values) - k)[len(values) - k]
            near = near[values >= kth]
        ranked = sorted(near.tolist(), key=lambda i: (-sims[i], self.questions[i].id))[:k]
        return [(float(sims[i]), self.questions[i]) for i in ranked]
