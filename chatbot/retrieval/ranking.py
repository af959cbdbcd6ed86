"""Keeping only distinct passages: no two saying the same thing, none far below the
best (the order itself comes from the fitted model, `model.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from chatbot.models import Chunk
from chatbot.settings import RankingSettings


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    coverage: float
    quote_start: int
    quote_end: int


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
