"""BM25Index gives the textbook scores, bit for bit, however it is built.

The index is tuned for speed (numpy counting, precomputed posting weights); these
tests pin its numbers to a plain-Python reference of the same formula, so a faster
build can never quietly change a ranking.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.index import K1, B, BM25Index, lucene_idf


def reference_scores(docs: list[list[str]], query: list[str]) -> list[float]:
    """Okapi BM25 with the Lucene idf, term by term in query order, as rank-bm25
    sums it: idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgdl))."""
    docs = [d or [""] for d in docs]
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    df: dict[str, int] = {}
    for d in docs:
        for t in set(d):
            df[t] = df.get(t, 0) + 1
    out = [0.0] * n
    for term in query:
        if term not in df:
            continue
        idf = math.log(1.0 + (n - df[term] + 0.5) / (df[term] + 0.5))
        for i, d in enumerate(docs):
            tf = float(d.count(term))
            if tf:
                norm = K1 * (1.0 - B + B * float(len(d)) / avgdl)
                out[i] += idf * tf * (K1 + 1.0) / (tf + norm)
    return out


DOCS = [
    ["acupunctur", "fatigu", "ms", "fatigu"],
    ["acupunctur", "pain"],
    ["bladder", "urgenc", "acupunctur", "ms", "trial", "small"],
    [],
    ["pain", "pain", "pain", "spastic"],
]


def test_scores_equal_the_reference_exactly() -> None:
    index = BM25Index(DOCS)
    for query in (["fatigu"], ["acupunctur", "pain"], ["pain", "ms", "unknown"], []):
        assert index.scores(query).tolist() == reference_scores(DOCS, query)


def test_statistics() -> None:
    index = BM25Index(DOCS)
    assert index.size == 5
    assert index.df("acupunctur") == 3
    assert index.df("pain") == 2
    assert index.df("never-seen") == 0
    assert index.term_idf("pain") == lucene_idf(5, 2)
    # An unknown word weighs as much as the rarest word the corpus has.
    assert index.term_idf("never-seen") == index.unknown_idf == pytest.approx(lucene_idf(5, 1))
    # A chunk with no terms counts as one empty term, like rank-bm25's [""].
    assert index.df("") == 1


def test_rarer_terms_weigh_more_and_idf_is_never_negative() -> None:
    index = BM25Index(DOCS)
    assert index.term_idf("spastic") > index.term_idf("pain") > index.term_idf("acupunctur") > 0


def test_only_chunks_sharing_a_term_score() -> None:
    index = BM25Index(DOCS)
    scores = index.scores(["bladder"])
    assert np.flatnonzero(scores).tolist() == [2]
    assert [i for i, _ in index.top(["bladder", "nothing"], 10)] == [2]
    assert index.top(["nothing"], 10) == []


def test_group_adds_only_its_best_term() -> None:
    index = BM25Index(DOCS)
    single = {t: index.scores([t]) for t in ("fatigu", "pain", "ms")}
    grouped = index.scores([("fatigu", "pain"), "ms"])
    expected = np.maximum(single["fatigu"], single["pain"]) + single["ms"]
    assert grouped.tolist() == expected.tolist()
    # A group with one known term is that term; with none, nothing.
    assert index.scores([("pain", "zzz")]).tolist() == single["pain"].tolist()
    assert not index.scores([("zzz", "yyy")]).any()


def test_weights_scale_each_query_item() -> None:
    index = BM25Index(DOCS)
    plain = index.scores(["pain", "ms"])
    weighted = index.scores(["pain", "ms"], [1.0, 0.3])
    assert weighted.tolist() == (index.scores(["pain"]) + 0.3 * index.scores(["ms"])).tolist()
    assert index.scores(["pain", "ms"], [1.0, 1.0]).tolist() == plain.tolist()


def test_top_breaks_ties_by_index_even_at_the_cut() -> None:
    # Chunks 8, 9, 11 and 14 tie for places 4-6: the cut must keep 8, 9, 11
    # (a plain argpartition kept 9, 11, 14 here).
    a, ab, abc, c = ["a"], ["a", "b"], ["a", "b", "c"], ["c"]
    docs = [c, a, abc, c, c, abc, c, abc, ab, ab, abc, ab, a, abc, ab, abc, a]
    index = BM25Index(docs)
    top = index.top(["a"], 6)
    assert [i for i, _ in top] == [1, 12, 16, 8, 9, 11]
    assert top[3][1] == top[5][1]
    assert index.top(["a"], 0) == []
    assert len(index.top(["a"], 100)) == 13


def test_empty_corpus_is_refused() -> None:
    with pytest.raises(ValueError, match="empty corpus"):
        BM25Index([])


words_st = st.sampled_from(["a", "b", "c", "d", "e", "f", "g", ""])


@settings(max_examples=60, deadline=None)
@given(
    docs=st.lists(st.lists(words_st, max_size=12), min_size=1, max_size=25),
    query=st.lists(st.sampled_from(["a", "b", "c", "d", "x"]), max_size=6),
    n=st.integers(min_value=1, max_value=30),
)
def test_any_corpus_matches_reference_and_ranks_it(
    docs: list[list[str]], query: list[str], n: int
) -> None:
    index = BM25Index(docs)
    expected = reference_scores(docs, query)
    assert index.scores(query).tolist() == expected
    ranked = sorted((i for i, s in enumerate(expected) if s > 0), key=lambda i: (-expected[i], i))
    assert index.top(query, n) == [(i, expected[i]) for i in ranked[:n]]


TERMS = ["a", "b", "c", "d", "e", "f", "acupunctur", "ms"]


@settings(max_examples=40, deadline=None)
@given(
    docs=st.lists(st.lists(st.sampled_from(TERMS), max_size=12), min_size=1, max_size=25),
    query=st.lists(st.sampled_from([*TERMS, "zzz"]), max_size=5),
)
def test_scores_equal_rank_bm25_get_scores(docs: list[list[str]], query: list[str]) -> None:
    """The inverted index scores exactly what rank-bm25 itself computes, through its
    public interface, once its `idf` holds the Lucene idf (its own floors it)."""
    from rank_bm25 import BM25Okapi

    index = BM25Index(docs)
    model = BM25Okapi([d or [""] for d in docs], k1=K1, b=B)
    model.idf = {term: index.term_idf(term) for term in model.idf}
    assert np.allclose(index.scores(query), model.get_scores(query), rtol=1e-12, atol=1e-12)
    ids = list(range(0, len(docs), 2))
    assert np.allclose(index.scores(query)[ids], model.get_batch_scores(query, ids),
                       rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(docs=st.lists(st.lists(st.sampled_from(TERMS), max_size=12), min_size=1, max_size=25))
def test_the_counts_are_rank_bm25s_own(docs: list[list[str]]) -> None:
    """rank-bm25 counts; the index's lengths, mean and document frequencies are its."""
    from rank_bm25 import BM25Okapi

    corpus = [d or [""] for d in docs]
    stock, index = BM25Okapi(corpus), BM25Index(docs)
    assert index.doc_len.tolist() == [float(n) for n in stock.doc_len]
    assert index.avgdl == stock.avgdl
    assert list(index.idf) == list(stock.idf)  # the same terms, in rank-bm25's order
    assert all(index.df(t) == sum(t in f for f in stock.doc_freqs) for t in stock.idf)


@settings(max_examples=40, deadline=None)
@given(docs=st.lists(st.lists(st.sampled_from(TERMS), max_size=12), min_size=1, max_size=25))
def test_the_fast_counts_are_the_stock_classes(docs: list[list[str]]) -> None:
    """`CountedBM25` counts with `Counter`: every count, its order, the lengths, the
    mean and the idf are stock BM25Okapi's, to the bit."""
    from rank_bm25 import BM25Okapi

    from chatbot.index import CountedBM25

    corpus = [d or [""] for d in docs]
    stock, fast = BM25Okapi(corpus, k1=K1, b=B), CountedBM25(corpus, k1=K1, b=B)
    assert [list(f.items()) for f in fast.doc_freqs] == [list(f.items()) for f in stock.doc_freqs]
    assert (fast.doc_len, fast.avgdl, fast.corpus_size) == (
        stock.doc_len, stock.avgdl, stock.corpus_size)
    assert list(fast.idf.items()) == list(stock.idf.items())
    assert fast.document_frequencies == {
        t: sum(t in f for f in stock.doc_freqs) for t in stock.idf}


def test_lucene_idf_never_floors_common_terms_together() -> None:
    """Stock BM25Okapi gives every term in more than half the chunks one floored idf;
    ours keeps them apart and positive."""
    docs = [["acupunctur", "ms", "x"]] * 9 + [["acupunctur", "y"]] * 3 + [["z"]] * 4
    index = BM25Index(docs)
    assert 0 < index.term_idf("acupunctur") < index.term_idf("ms") < index.term_idf("y")
