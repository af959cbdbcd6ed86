"""What is known of each candidate quote, as named numbers a fitted model can weigh.

Every feature is a small pure function of the candidate and its question, in [0, 1]
or close to it, so the weights in `data/ranking_model.toml` read as plain
importances. `benchmarks/fit_ranking.py` fits them on the tuning questions.
"""

import math
from typing import NamedTuple

from chatbot.models import Chunk
from chatbot.retrieval.question import Question
from chatbot.tokenizer import Concept


class Candidate(NamedTuple):
    """A chunk that meets the no-match rule's conditions (it names the treatment when
    the question does, and its quote has what the question's kind needs), with the
    quote it would show. `passes` says whether it also covers enough of the question
    to be the first passage; a later one is judged by its own model."""

    chunk: Chunk
    start: int
    end: int
    position: int
    """Its place in the BM25 order (0 = best)."""
    bm25: float
    coverage: float
    quote_coverage: float
    own_share: float
    """Share of the subject's weight the quote covers in the asker's own words."""
    quote_terms: frozenset[str]
    kind_terms: int
    """How many distinct words the question's kind needs the quote holds."""
    names_treatment: bool
    has_number: bool
    counts: bool
    """For "how many X?", the quote gives a number of X."""
    sentences: int
    strength: float
    """How strong its kind of source is as evidence (data/ranking.toml)."""
    defines: bool
    """For "what is X?", the quote says what X is ("X involves...", "X is a...")."""
    passes: bool = True
    """It covers the coverage thresholds a first passage needs."""
    source: int = 0
    """1 when the question names its kind of source ("what does the factsheet say"),
    -1 when it names another, 0 when it names none."""
    memory_quote: float = 0.0
    """How close the nearest labelled question is that this quote answered (memory.py)."""
    memory_vote: float = 0.0
    """The share of the nearest labelled questions' votes its quote's sentences get."""
    memory_chunk: float = 0.0
    """The closeness, for any sentence of its chunk."""


RANKING_FEATURES = (
    "formula", "bm25_share", "bm25_log", "coverage", "quote_coverage", "own_share",
    "names_treatment", "about_and_named", "kind_terms", "has_number", "sentences",
    "length", "bm25_rank", "evidence_strength", "defines", "named_source", "other_source",
    "memory_quote", "memory_vote", "memory_chunk", "counts_asked",
)
ANSWERABLE_FEATURES = (
    "top_score", "margin", "top_coverage", "top_quote_coverage", "top_own_share",
    "unknown_share", "passing", "has_kind", "memory_top", "memory_top_vote", "memory_against",
    "memory_familiar", "memory_no_share", "count_missing", "top_kind_terms", "top_strength",
    "top_memory_chunk", "checked_need",
)
LATER_FEATURES = (
    "gap", "level", "place", "coverage", "quote_coverage", "own_share", "passes", "overlap_first",
    "same_document", "bm25_share", "bm25_rank", "first_chance", "evidence_strength",
    "memory_quote", "memory_vote",
)


def ranking_features(c: Candidate, question: Question, best_bm25: float) -> tuple[float, ...]:
    """The candidate's features in RANKING_FEATURES order."""
    about = question.anchored  # named, or "it" for it
    length = (c.end - c.start) / 600
    values = [
        # The hand-made rank the model starts from: BM25 x coverage x quote coverage.
        math.log(max(c.bm25 * c.coverage * (1 + c.quote_coverage) / 2, 1e-6)) / 3,
        c.bm25 / best_bm25 if best_bm25 > 0 else 0.0,
        math.log1p(c.bm25) / 3,
        c.coverage,
        c.quote_coverage,
        c.own_share,
        float(c.names_treatment),
        float(c.names_treatment and about),
        min(c.kind_terms, 3) / 3,
        float(c.has_number),
        c.sentences / 3,
        min(length, 1.5),
        1.0 / (1 + c.position),
        c.strength,
        float(c.defines),
        float(c.source > 0),
        float(c.source < 0),
        c.memory_quote,
        c.memory_vote,
        c.memory_chunk,
        float(c.counts),
    ]
    return tuple(values)


def answerable_features(
    scores: list[float], ranked: list[Candidate], question: Question, unknown_share: float
) -> tuple[float, ...]:
    """What says whether the best candidate answers at all, in ANSWERABLE_FEATURES
    order: how good it is, how far ahead of the next, how much of the question the
    corpus never mentions."""
    top = ranked[0]
    margin = scores[0] - scores[1] if len(scores) > 1 else 1.0
    return (
        scores[0],
        margin,
        top.coverage,
        top.quote_coverage,
        top.own_share,
        unknown_share,
        min(len(ranked), 12) / 12,
        float(question.kind is not None),
        top.memory_quote,
        top.memory_vote,
        question.recall.against,
        question.recall.familiar,
        question.recall.no_share,
        float(bool(question.counted) and not top.counts),
        min(top.kind_terms, 3) / 3,
        top.strength,
        top.memory_chunk,
        float(question.kind is not None and question.kind.checked),
    )


def later_features(
    c: Candidate, first: Candidate, scores: tuple[float, float], place: int,
    first_chance: float, best_bm25: float,
) -> tuple[float, ...]:
    """What says whether a passage after the first answers too, in LATER_FEATURES
    order: its fitted score and how far below the first's (`scores`: its own, the
    first's), its place among the later candidates (0 = next after the first), how
    much of the question it covers, how much of its quote the first already holds,
    and how sure the model is that the first answers at all."""
    score, first_score = scores
    shared = c.quote_terms & first.quote_terms
    smaller = min(len(c.quote_terms), len(first.quote_terms))
    return (
        min(max(first_score - score, 0.0), 6.0) / 3,
        min(max(score, -5.0), 10.0) / 5,
        1.0 / (1 + place),
        c.coverage,
        c.quote_coverage,
        c.own_share,
        float(c.passes),
        len(shared) / smaller if smaller else 0.0,
        float(c.chunk.doc_id == first.chunk.doc_id),
        min(c.bm25 / best_bm25, 1.5) if best_bm25 > 0 else 0.0,
        1.0 / (1 + c.position),
        first_chance,
        c.strength,
        c.memory_quote,
        c.memory_vote,
    )


def passes(coverage: float, quote_coverage: float, memory: float, threshold: float,
           quote_threshold: float, memory_threshold: float) -> bool:
    """May this candidate come first? It covers enough of the question, or its quote
    answered a labelled question close enough to this one."""
    return (coverage >= threshold and quote_coverage >= quote_threshold) or (
        memory >= memory_threshold)


def own_share(topic: list[tuple[Concept, float]], terms: frozenset[str]) -> float:
    """Share of the subject's weight covered by the asker's own words, not synonyms."""
    total = sum(w for _, w in topic)
    if not total:
        return 0.0
    return sum(w for c, w in topic if c.own & terms) / total
