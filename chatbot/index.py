"""BM25 over the chunks, scored through an inverted index.

Okapi BM25 with term-frequency saturation (k1, b) and the always-positive Lucene
idf, log(1 + (N - df + 0.5)/(df + 0.5)).

rank-bm25 holds the counts: `BM25Okapi(corpus, k1, b)` counts each chunk's terms
(`doc_freqs`), its length (`doc_len`) and the mean (`avgdl`), and the index reads them
(`CountedBM25` makes the same counts with `Counter` rather than its word-by-word loop,
which took a quarter of a 20,000-passage build). It does not do the scoring, for two reasons,
measured (README, "Retrieval"; `benchmarks/compare_bm25_variants.py`, `bench.py`):

- none of its public classes computes Okapi BM25 with a floor-free idf. `BM25Okapi`
  floors the idf of a term in more than half the chunks at `epsilon * mean idf`: on
  this corpus "acupuncture" (45 of 63 chunks) then weighs 0.80 and "symptom" (27)
  0.28, and with its scores ranking (the rest as it is) hit@1 falls from 0.876 to
  0.840 on the development set. `BM25L` multiplies by the term frequency twice
  (rank-bm25 0.2.2). `BM25Plus` with delta 0 is Okapi with the idf log((N + 1)/df):
  through the whole pipeline, unrefitted, tuning hit@1 0.718 -> 0.710, hit@3 0.770
  -> 0.767, abstention 0.620 -> 0.635, and every BM25 feature of the fitted ranking
  model moves. A refit could adopt it; it is not adopted here, where answers must
  not get worse;
- its scoring costs Python work per chunk per term: `get_batch_scores` on the
  chunks an inverted index picks takes a median 58 ms a question at 20,000
  passages (0.2 ms at 63), against 0.4 ms for the precomputed postings here.

So the index turns rank-bm25's counts into postings with every weight precomputed,
and a question costs time in proportion to the postings of its own terms. Scores
equal rank-bm25's own `get_scores` once its `idf` holds the Lucene idf
(tests/test_index.py). Nothing is cached on disk.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np
from rank_bm25 import BM25Okapi

from chatbot.settings import BM25_K1

K1 = BM25_K1
B = 0.75
"""The textbook b; the bot passes its fitted one (`length_normalisation`)."""


class CountedBM25(BM25Okapi):
    """rank-bm25's Okapi model, its counts made by `Counter` (in C) instead of its
    word-by-word Python loop: the same per-chunk counts in the same order, the same
    lengths and mean (tests/test_index.py compares them with the stock class), a
    fraction of the time at 20,000 passages. The chunks each term is in are kept."""

    document_frequencies: dict[str, int]

    def _initialize(self, corpus: Sequence[Sequence[str]]) -> dict[str, int]:
        self.doc_freqs = [dict(Counter(document)) for document in corpus]
        self.doc_len = [len(document) for document in corpus]
        self.corpus_size = len(self.doc_freqs)
        self.avgdl = sum(self.doc_len) / self.corpus_size
        nd = self.document_frequencies = dict(
            Counter(chain.from_iterable(self.doc_freqs)))
        return nd


def lucene_idf(n_docs: int, df: int) -> float:
    """Always positive, and higher for rarer terms."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


class BM25Index:
    """Term-at-a-time scoring with weights precomputed per posting.

    `docs_terms` is one list of terms per chunk. A chunk with no terms at all counts
    as length 1 holding the empty term "" (as rank-bm25 would see `[""]`), so
    lengths and averages never divide by zero.
    """

    def __init__(self, docs_terms: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        if not docs_terms:
            raise ValueError("cannot index an empty corpus")
        # rank-bm25 counts (term frequencies per chunk, lengths, their mean); the
        # document frequencies and the Lucene idf come from its counts.
        model = CountedBM25([t if len(t) else [""] for t in docs_terms], k1=k1, b=b)
        n = model.corpus_size
        self.size = n
        df = model.document_frequencies
        self.idf: dict[str, float] = {term: lucene_idf(n, f) for term, f in df.items()}
        # A word the corpus never contains weighs as much as the rarest word it does.
        self.unknown_idf = math.log(1.0 + (n - 1 + 0.5) / 1.5)
        # The inverted index, built from rank-bm25's per-chunk counts with C-level
        # loops: every (term, chunk) pair, grouped by term, in chunk order.
        vocab = {term: i for i, term in enumerate(self.idf)}
        per_doc = [len(freqs) for freqs in model.doc_freqs]
        total = sum(per_doc)
        term_ids = np.fromiter(
            map(vocab.__getitem__, chain.from_iterable(model.doc_freqs)), np.int64, total
        )
        tf = np.fromiter(
            chain.from_iterable(f.values() for f in model.doc_freqs), np.float64, total
        )
        doc_ids = np.repeat(np.arange(n, dtype=np.int32), per_doc)
        order = np.argsort(term_ids, kind="stable")
        term_ids, tf, posting_docs = term_ids[order], tf[order], doc_ids[order]
        bounds = np.searchsorted(term_ids, np.arange(len(vocab) + 1)).tolist()
        lengths = np.asarray(model.doc_len, dtype=np.float64)
        norms = k1 * (1.0 - b + b * lengths / model.avgdl)
        idf_arr = np.fromiter(self.idf.values(), dtype=np.float64, count=len(vocab))
        weights = idf_arr[term_ids] * tf * (k1 + 1.0) / (tf + norms[posting_docs])
        self.doc_len = lengths
        self.avgdl = model.avgdl
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {
            term: (posting_docs[lo:hi], weights[lo:hi])
            for term, lo, hi in zip(vocab, bounds[:-1], bounds[1:], strict=True)
        }

    def df(self, term: str) -> int:
        """How many chunks contain `term`."""
        entry = self.postings.get(term)
        return 0 if entry is None else len(entry[0])

    def term_idf(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)

    def scores(
        self, query: Sequence[str | Iterable[str]], weights: Sequence[float] | None = None
    ) -> np.ndarray:
        """BM25 scores for a query given as terms or as groups of terms.

        A plain term adds its BM25 weight, exactly as rank-bm25's `get_scores`. A
        group (a question word with its vocabulary synonyms) adds the weight of its
        best-matching term only, so synonyms widen a match without multiplying it.
        `weights`, one per query item, scales what each item adds (framing words
        count for less than the subject); None means 1.0 for every item.
        """
        out = np.zeros(self.size, dtype=np.float64)
        for pos, item in enumerate(query):
            factor = 1.0 if weights is None else float(weights[pos])
            if isinstance(item, str):
                entry = self.postings.get(item)
                if entry is not None:
                    out[entry[0]] += entry[1] if factor == 1.0 else factor * entry[1]
                continue
            entries = [self.postings[t] for t in item if t in self.postings]
            if len(entries) == 1:
                ids, weight = entries[0]
                out[ids] += weight if factor == 1.0 else factor * weight
            elif entries:
                best = np.zeros(self.size, dtype=np.float64)
                for ids, weight in entries:
                    best[ids] = np.maximum(best[ids], weight)
                out += best if factor == 1.0 else factor * best
        return out

    def top(
        self,
        query: Sequence[str | Iterable[str]],
        n: int,
        weights: Sequence[float] | None = None,
    ) -> list[tuple[int, float]]:
        """The best n (index, score) pairs with a score above zero, best first;
        ties broken by index so results are deterministic."""
        scores = self.scores(query, weights)
        hits = np.flatnonzero(scores > 0)
        if hits.size == 0 or n <= 0:
            return []
        if hits.size > n:
            part = np.argpartition(-scores[hits], n - 1)[:n]
            # Keep every hit tied with the n-th best, so ties break by index below.
            cutoff = scores[hits[part]].min()
            hits = hits[scores[hits] >= cutoff]
        order = sorted(hits.tolist(), key=lambda i: (-scores[i], i))
        return [(i, float(scores[i])) for i in order[:n]]
