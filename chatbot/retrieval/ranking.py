"""Ranking the passages that answer, and keeping only distinct ones.

A passage's rank combines its BM25 score, how much of the question it covers, how
much of it the quote covers, how much its kind of source counts, and whether the
quote names the treatment when the question says "it" for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from chatbot.models import Chunk
from chatbot.retrieval.settings import RankingSettings


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    coverage: float
    quote_start: int
    quote_end: int


@dataclass(frozen=True)
class Signals:
    """What is known of one candidate quote when it is ranked."""

    bm25: float
    coverage: float
    quote_coverage: float
    source_weight: float
    implied_and_named: bool
    """The question says "it" for the treatment and the quote names it."""


def rank(signals: Signals, settings: RankingSettings) -> float:
    value = signals.bm25 * signals.coverage * (1.0 + signals.quote_coverage) / 2.0
    value *= signals.source_weight
    if signals.implied_and_named:
        value *= 1.0 + settings.implied_treatment_bonus
    return value


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def distinct(
    hits: list[Hit], terms: list[frozenset[str]], settings: RankingSettings
) -> list[Hit]:
    """The best hits, no two saying the same thing, none far below the best.
    `terms[i]` are the terms of hit i's quote."""
    chosen: list[Hit] = []
    chosen_terms: list[frozenset[str]] = []
    for hit, quote_terms in zip(hits, terms, strict=True):
        if chosen and hit.score < settings.relative_score_floor * chosen[0].score:
            break
        if any(overlap(quote_terms, other) >= settings.duplicate_overlap for other in chosen_terms):
            continue
        chosen.append(hit)
        chosen_terms.append(quote_terms)
        if len(chosen) == settings.max_passages:
            break
    return chosen
