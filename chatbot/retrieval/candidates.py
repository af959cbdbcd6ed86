"""Candidates: the chunks whose BM25 score for the question's concepts is highest.

Each concept scores its best-matching term, plus a little (`multi_term_share`) for
its other terms, so "conventional ... healthcare providers" beats a passage that has
one of those words; the asker's own words count in full, vocabulary synonyms
`expansion_weight`; framing words `frame_weight` of a subject.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from chatbot.index import BM25Index
from chatbot.settings import RankingSettings
from chatbot.tokenizer import Concept


def concept_scores(index: BM25Index, concept: Concept, settings: RankingSettings) -> np.ndarray:
    """One concept's BM25 contribution to every chunk."""
    expansion = concept.terms - concept.own
    best = index.scores([concept.own]) if concept.own else 0.0
    if expansion:
        best = np.maximum(best, settings.expansion_weight * index.scores([expansion]))
    total = index.scores(sorted(concept.terms))
    value = best + settings.multi_term_share * (total - best)
    return (settings.frame_weight if concept.frame else 1.0) * value


def candidates(
    index: BM25Index, concepts: list[Concept], settings: RankingSettings,
    allowed: np.ndarray | None = None, also: Iterable[int] = (),
) -> list[tuple[int, float]]:
    """The best `settings.candidates` (chunk index, score) pairs, best first, then
    those of `also` (the chunks the nearest labelled question's answer is in) not
    among them (whatever their score); only chunks where `allowed` is true, when it
    is given (a follow-up about one study), and otherwise only chunks that match."""
    scores = np.zeros(index.size, dtype=np.float64)
    for concept in concepts:
        scores += concept_scores(index, concept, settings)
    if allowed is not None:
        scores[~allowed] = 0.0
    order = [int(i) for i in np.argsort(-scores, kind="stable")[: settings.candidates]]
    extra = [i for i in set(also) - set(order) if allowed is None or allowed[i]]
    order = [i for i in order if scores[i] > 0] + sorted(extra, key=lambda i: (-scores[i], i))
    return [(i, float(scores[i])) for i in order]
