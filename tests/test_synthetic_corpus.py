"""The speed benchmark's synthetic corpus: the same passages for the same seed, each
holding a real sentence of the corpus (so the questions still find topical ones)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_passages_are_deterministic_and_hold_corpus_sentences(monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from synthetic import corpus_sentences, synthetic_passages

    first, english = synthetic_passages(40, 7)
    again, _ = synthetic_passages(40, 7)
    other, _ = synthetic_passages(40, 8)
    assert first == again and first != other
    sentences = corpus_sentences()
    assert all(any(s in p for s in sentences) for p in first)
    if english:  # wordfreq installed ('.[bench]'): English words beyond the corpus's
        words = {w for p in first for w in p.lower().split()}
        corpus_words = {w for s in sentences for w in s.lower().split()}
        assert len(words - corpus_words) > 100
