"""The passages shown: the first, then later ones each judged on its own, none
saying the same thing as one already shown (the order comes from the fitted model,
`model.py`)."""

from typing import NamedTuple

from chatbot.models import Chunk
from chatbot.retrieval.features import Candidate
from chatbot.settings import RankingSettings
from chatbot.tokenizer import Analysis


class Hit(NamedTuple):
    chunk: Chunk
    score: float
    coverage: float
    quote_start: int
    quote_end: int


class Scored(NamedTuple):
    """A search's hits before the threshold, and the chance that the first answers."""

    analysis: Analysis
    chance: float
    hits: list[Hit]
    features: tuple[float, ...] = ()
    """The first's answerable features (`features.ANSWERABLE_FEATURES`; empty: no hits),
    which a follow-up's own model may weigh instead (`conversation.bars`)."""


def same_thing(a: frozenset[str], b: frozenset[str], share: float) -> bool:
    """Two quotes say the same thing when `share` of all their terms are shared. Not
    the share of the smaller one: the factsheet's summary of a study and its note on
    the same study share most of the summary's words, and the note holds the details
    asked about (how many took part, whether there was a control group)."""
    union = a | b
    return bool(union) and len(a & b) / len(union) >= share


def overlaps(a: Candidate, b: Candidate) -> bool:
    """Do two quotes share any text (two windows of one passage)?"""
    return a.chunk.doc_id == b.chunk.doc_id and a.start < b.end and b.start < a.end


def later_passages(
    first: Candidate, rest: list[tuple[float, Candidate]], threshold: float,
    settings: RankingSettings,
) -> list[Candidate]:
    """The passages shown after the first: from `rest` ((chance, candidate), in the
    order shown), each whose own fitted chance of answering is at least `threshold`,
    none the same as one already chosen or sharing its text, `settings.max_passages` in all."""
    chosen = [first]
    for chance, candidate in rest:
        if len(chosen) == settings.max_passages:
            break
        if chance < threshold:
            continue
        if any(same_thing(candidate.quote_terms, c.quote_terms, settings.duplicate_overlap)
               or overlaps(candidate, c) for c in chosen):
            continue
        chosen.append(candidate)
    return chosen[1:]
