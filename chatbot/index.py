"""BM25 over the chunks, scored through an inverted index.

Okapi BM25 with term-frequency saturation (k1, b) and the always-positive Lucene
idf, log(1 + (N - df + 0.5)/(df + 0.5)). Stock rank-bm25 `BM25Okapi` floors negative
idf at `epsilon * mean idf`: on this corpus, where "acupuncture" and "MS" sit in
most chunks, every very common term would get the same weight and a term in exactly
half the chunks none. The Lucene idf still ranks rarer terms higher.
`benchmarks/compare_bm25_variants.py` measures this choice against the stock
variants on the question set.

rank-bm25 (`BM25OkapiLuceneIdf`) counts the statistics; the scoring goes through an
inverted index built from its per-chunk counts, with every posting's weight
precomputed, so a question costs time in proportion to the postings of its own
terms, not to the corpus size (speed: `benchmarks/bench.py`). Scores equal
rank-bm25's own `get_scores` for the same model. Nothing is cached on disk.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np
from rank_bm25 import BM25Okapi

K1 = 1.2
B = 0.75


def lucene_idf(n_docs: int, df: int) -> float:
    """Always positive, and higher for rarer terms."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


class BM25OkapiLuceneIdf(BM25Okapi):
    """rank-bm25's Okapi BM25 with the Lucene idf instead of the epsilon floor."""

    def _initialize(self, corpus: Sequence[Sequence[str]]) -> dict[str, int]:
        """rank-bm25's own counting (term counts per chunk, lengths, document
        frequencies), done by `Counter` in C instead of a Python loop per word: the same
        results in the same order (tests/test_index.py), about 4x faster at 20,000
        passages."""
        self.doc_freqs = [Counter(doc) for doc in corpus]
        self.doc_len = [len(doc) for doc in corpus]
        self.corpus_size = len(corpus)
        self.avgdl = sum(self.doc_len) / self.corpus_size
        return dict(Counter(chain.from_iterable(self.doc_freqs)))

    def _calc_idf(self, nd: dict[str, int]) -> None:
        n = self.corpus_size
        self.idf = {word: lucene_idf(n, freq) for word, freq in nd.items()}
        self.average_idf = sum(self.idf.values()) / max(len(self.idf), 1)


class BM25Index:
    """Term-at-a-time scoring with weights precomputed per posting.

    `docs_terms` is one list of terms per chunk. A chunk with no terms at all counts
    as length 1 holding the empty term "" (as rank-bm25 would see `[""]`), so
    lengths and averages never divide by zero.
    """

    def __init__(self, docs_terms: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        if not docs_terms:
            raise ValueError("cannot index an empty corpus")
        # rank-bm25 counts the statistics (term frequencies per chunk, lengths, idf).
        model = BM25OkapiLuceneIdf([t if len(t) else [""] for t in docs_terms], k1=k1, b=b)
        n = model.corpus_size
        self.size = n
        self.idf: dict[str, float] = model.idf
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
