"""BM25 over the chunks, scored through an inverted index.

rank-bm25 computes the statistics (document frequencies, lengths, idf). Stock
`BM25Okapi` floors negative idf at `epsilon * mean idf`: on this corpus, where
"acupuncture" and "MS" sit in most chunks, every very common term gets the same
weight and a term in exactly half the chunks gets none. We keep Okapi's term-frequency
saturation and use the always-positive Lucene idf, log(1 + (N - df + 0.5)/(df + 0.5)),
which still ranks rarer terms higher. `benchmarks/compare_bm25_variants.py` measures
this choice against the stock variants on the question set.

Scoring walks only the postings of the question's terms, so a question costs time in
proportion to the chunks that share a term with it, not to the corpus size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from rank_bm25 import BM25Okapi

K1 = 1.2
B = 0.75


class BM25OkapiLuceneIdf(BM25Okapi):
    """Okapi BM25 with an idf that is never negative and never floored."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        n = self.corpus_size
        for word, freq in nd.items():
            self.idf[word] = math.log(1.0 + (n - freq + 0.5) / (freq + 0.5))
        self.average_idf = sum(self.idf.values()) / max(len(self.idf), 1)


class BM25Index:
    """Term-at-a-time scoring with weights precomputed per posting."""

    def __init__(self, docs_terms: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        if not docs_terms:
            raise ValueError("cannot index an empty corpus")
        model = BM25OkapiLuceneIdf([list(t) or [""] for t in docs_terms], k1=k1, b=b)
        self.model = model
        self.size = model.corpus_size
        self.idf: dict[str, float] = model.idf
        # A word the corpus never contains weighs as much as the rarest word it does.
        self.unknown_idf = math.log(1.0 + (self.size - 1 + 0.5) / 1.5)
        norms = k1 * (1.0 - b + b * np.asarray(model.doc_len, dtype=np.float64) / model.avgdl)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for doc_id, freqs in enumerate(model.doc_freqs):
            for term, tf in freqs.items():
                entry = postings.get(term)
                if entry is None:
                    postings[term] = ([doc_id], [tf])
                else:
                    entry[0].append(doc_id)
                    entry[1].append(tf)
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, (ids, tfs) in postings.items():
            id_arr = np.asarray(ids, dtype=np.int32)
            tf_arr = np.asarray(tfs, dtype=np.float64)
            weight = self.idf[term] * tf_arr * (k1 + 1.0) / (tf_arr + norms[id_arr])
            self.postings[term] = (id_arr, weight)

    def df(self, term: str) -> int:
        entry = self.postings.get(term)
        return 0 if entry is None else len(entry[0])

    def term_idf(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)

    def scores(self, query: Sequence[str | Iterable[str]]) -> np.ndarray:
        """BM25 scores for a query given as terms or as groups of terms.

        A plain term adds its BM25 weight, exactly as rank-bm25's `get_scores`. A
        group (a question word with its vocabulary synonyms) adds the weight of its
        best-matching term only, so synonyms widen a match without multiplying it.
        """
        out = np.zeros(self.size, dtype=np.float64)
        for item in query:
            if isinstance(item, str):
                entry = self.postings.get(item)
                if entry is not None:
                    out[entry[0]] += entry[1]
                continue
            entries = [self.postings[t] for t in item if t in self.postings]
            if len(entries) == 1:
                out[entries[0][0]] += entries[0][1]
            elif entries:
                best = np.zeros(self.size, dtype=np.float64)
                for ids, weight in entries:
                    best[ids] = np.maximum(best[ids], weight)
                out += best
        return out

    def top(self, query: Sequence[str | Iterable[str]], n: int) -> list[tuple[int, float]]:
        """The best n (index, score) pairs with a score above zero, best first;
        ties broken by index so results are deterministic."""
        scores = self.scores(query)
        hits = np.flatnonzero(scores > 0)
        if hits.size == 0:
            return []
        if hits.size > n:
            part = np.argpartition(-scores[hits], n - 1)[:n]
            hits = hits[part]
        order = sorted(hits.tolist(), key=lambda i: (-scores[i], i))
        return [(i, float(scores[i])) for i in order[:n]]
