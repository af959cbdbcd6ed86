"""The naive baseline on the same Q&A sets, so the product's gain is visible.

Naive = paragraph chunks of the raw text (page furniture and the advert included),
lowercase whitespace split, plain `BM25Okapi`, top-3 paragraphs always quoted
(`get_top_n` returns n items even at score 0), no safety check, no no-match rule.
Run by hand:

    python benchmarks/naive_baseline.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402
from chatbot.corpus import Corpus, load_corpus  # noqa: E402
from chatbot.evaluation import evaluate, load_cases  # noqa: E402
from chatbot.models import Answer, Passage  # noqa: E402

SETS = ["dev", "heldout", "blind"]


class NaiveBot:
    """Same interface as `Chatbot` for `evaluate`: `.corpus`, `.documents`, `.ask`."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.documents = [d.meta for d in corpus.documents]
        self.paragraphs: list[tuple[str, int, int]] = []  # (doc_id, start, end)
        for doc in corpus.documents:
            pos = 0
            for para in doc.text.split("\n"):
                if para.strip():
                    start = doc.text.index(para, pos)
                    self.paragraphs.append((doc.meta.id, start, start + len(para)))
                pos += len(para) + 1
        texts = [self._text(p) for p in self.paragraphs]
        self.bm25 = BM25Okapi([t.lower().split() for t in texts])

    def _text(self, para: tuple[str, int, int]) -> str:
        doc_id, start, end = para
        return self.corpus.get(doc_id).text[start:end]

    def ask(self, question: str) -> Answer:
        scores = self.bm25.get_scores(question.lower().split())
        best = sorted(range(len(scores)), key=lambda i: -scores[i])[:3]
        passages = []
        for i in best:
            doc_id, start, end = self.paragraphs[i]
            meta = self.corpus.get(doc_id).meta
            passages.append(Passage(
                doc_id=doc_id, title=meta.title, source_kind=meta.kind,
                source_label=meta.kind.label, author=meta.author, date=meta.date_label,
                chunk_id=f"{doc_id}:{start}", quote=self._text(self.paragraphs[i]),
                quote_start=start, quote_end=end, context=self._text(self.paragraphs[i]),
                context_start=start, score=float(scores[i]), caveats=["(none)"]))
        return Answer(question=question, status="answered", message="", passages=passages,
                      caveats=["(none)"])


def main() -> None:
    corpus = load_corpus()
    bots = {"naive baseline": NaiveBot(corpus), "this chatbot": Chatbot()}
    for name in SETS:
        cases = load_cases(ROOT / "tests" / "data" / f"{name}_questions.jsonl")
        print(f"\n{name} ({len(cases)} cases)")
        print(f"  {'':16}{'hit@1':>8}{'hit@3':>8}{'abstain':>9}{'urgent':>8}"
              f"{'false urg':>10}{'bad quotes':>11}")
        for label, bot in bots.items():
            r = evaluate(bot, cases)  # type: ignore[arg-type]
            print(f"  {label:16}{r.hit1:8.3f}{r.hit3:8.3f}{r.abstention:9.3f}"
                  f"{r.urgent_recall:8.3f}{r.false_urgent:10d}{r.invariant_violations:11d}")
    print("\nbad quotes = quotes overlapping a never-quote span (advert, page furniture,"
          " reference lists)")


if __name__ == "__main__":
    main()
