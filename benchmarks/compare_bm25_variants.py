"""Which BM25 variant ranks best on our questions? Run by hand; prints a table.

Everything but the ranking is the product's own pipeline (chunks, analyser, no-match
rule, quotes, fitted model); only the per-term BM25 weights come from each variant,
each through rank-bm25's public interface (`get_scores`). Coverage and quote weights
keep the product's idf, so the table isolates the ranking. The rows at the product's
k1 = 1.2 and b = 0.5 are what using rank-bm25's own scoring would give.

    python benchmarks/compare_bm25_variants.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402
from chatbot.evaluation import evaluate, load_cases  # noqa: E402
from chatbot.index import BM25Index  # noqa: E402
from chatbot.retrieval.spans import index_text  # noqa: E402
from chatbot.settings import BM25_K1  # noqa: E402

SETS = ["dev", "heldout", "blind", "tuning"]


def load_set(name: str):
    data = ROOT / "tests" / "data"
    if name == "tuning":
        return [c for path in sorted((data / "tuning").glob("qa*.jsonl")) for c in load_cases(path)]
    return load_cases(data / f"{name}_questions.jsonl")


class RankBM25Ranking:
    """The index interface the retriever uses, with a rank-bm25 model's term scores."""

    def __init__(self, model, ours: BM25Index, docs_terms: list[list[str]]) -> None:
        self.model = model
        self.ours = ours
        self.size = model.corpus_size
        self.unknown_idf = ours.unknown_idf
        self._df = Counter(t for terms in docs_terms for t in set(terms))
        self._cache: dict[str, np.ndarray] = {}

    def _term(self, term: str) -> np.ndarray:
        if term not in self._cache:
            self._cache[term] = np.asarray(self.model.get_scores([term]), dtype=np.float64)
        return self._cache[term]

    def scores(self, query, weights=None) -> np.ndarray:
        out = np.zeros(self.size)
        for k, item in enumerate(query):
            scale = 1.0 if weights is None else weights[k]
            group = [item] if isinstance(item, str) else list(item)
            if group:
                out += scale * np.max([self._term(t) for t in group], axis=0)
        return out

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    def term_idf(self, term: str) -> float:
        return self.ours.term_idf(term)


def main() -> None:
    bot = Chatbot()
    retriever = bot.retriever
    docs_terms = [retriever.analyzer.terms(index_text(c)) for c in retriever.chunks]
    ours = retriever.index
    cases = {name: load_set(name) for name in SETS}
    k1, b = BM25_K1, retriever.settings.length_normalisation

    def rank(model) -> RankBM25Ranking:
        return RankBM25Ranking(model, ours, docs_terms)

    variants = {
        "BM25Okapi stock defaults (k1 1.5, b 0.75)": lambda: rank(BM25Okapi(docs_terms)),
        "BM25L stock defaults": lambda: rank(BM25L(docs_terms)),
        "BM25Plus stock defaults": lambda: rank(BM25Plus(docs_terms)),
        "BM25Okapi, k1 1.2, b 0.5 (epsilon floor)": lambda: rank(
            BM25Okapi(docs_terms, k1=k1, b=b)),
        "BM25L, k1 1.2, b 0.5, delta 0": lambda: rank(BM25L(docs_terms, k1=k1, b=b, delta=0)),
        "BM25Plus, k1 1.2, b 0.5, delta 1": lambda: rank(BM25Plus(docs_terms, k1=k1, b=b)),
        "BM25Plus, k1 1.2, b 0.5, delta 0": lambda: rank(
            BM25Plus(docs_terms, k1=k1, b=b, delta=0)),
        "Okapi + Lucene idf, b 0.75": lambda: BM25Index(docs_terms, b=0.75),
        "Okapi + Lucene idf, b 0.5 (the product)": lambda: BM25Index(docs_terms, b=b),
    }
    print(f"{len(retriever.chunks)} chunks; figures are hit@1 / hit@3 / abstention\n")
    print(f"{'variant':42}" + "".join(f"{name:>24}" for name in SETS))
    print(f"{'':42}" + "".join(f"{len(cases[name]):>18} cases" for name in SETS))
    for label, make in variants.items():
        retriever.index = retriever.rule.index = make()
        row = []
        for name in SETS:
            r = evaluate(bot, cases[name])
            row.append(f"{r.hit1:.3f} / {r.hit3:.3f} / {r.abstention:.3f}")
        print(f"{label:42}" + "".join(f"{cell:>24}" for cell in row))
    retriever.index = retriever.rule.index = ours
    okapi = BM25Okapi(docs_terms)
    common = sorted(okapi.idf, key=lambda t: -sum(t in set(d) for d in docs_terms))[:6]
    print("\nStock BM25Okapi idf of the most common terms (floored ones share one value):")
    for term in common:
        print(f"  {term:14} df={sum(term in set(d) for d in docs_terms):3}  "
              f"okapi={okapi.idf[term]:.3f}  lucene={ours.term_idf(term):.3f}")


if __name__ == "__main__":
    main()
