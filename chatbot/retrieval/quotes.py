"""Choosing the quote: the consecutive sentences of a passage that answer.

The 1-3 consecutive units that cover the most of the question (each concept counted
once, at its best term); the shortest such window wins ties. A quote opening with
"It"/"This" takes the unit before it too (and the one before that, if it too opens
so), so it reads on its own. A short passage is quoted whole: its other sentence is
often the one that says "but it remains experimental". One quote, one study: a window
never runs into the next study's opening sentence, so the caveats under it are about
the study it quotes.
"""

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from chatbot.models import Chunk
from chatbot.retrieval.kinds import Kind
from chatbot.retrieval.spans import SpanTerms, unit_text
from chatbot.settings import RankingSettings
from chatbot.stemming import Memo
from chatbot.tokenizer import Concept

_ANAPHOR = re.compile(r"^(?:It|This|These|That|Those|They|Both|Such|However|But)\b")
_STUDY_OPENER = re.compile(
    r"^(?:A|An|One|Another|In a|In one)\b[^.]{0,60}?\b(?:study|trial|review|RCT)\b"
)
class WeightedConcepts(NamedTuple):
    """What a quote should cover: each concept as (the asker's own terms, all its
    terms, weight), and the words the question's kind needs, each worth `need_weight`
    on its own (so the sentence that speaks most of it wins)."""

    concepts: list[tuple[frozenset[str], frozenset[str], float]]
    needs: frozenset[str] = frozenset()
    need_weight: float = 0.0


def weighted_concepts(
    concepts: Sequence[Concept], kind: Kind | None, weight: Callable[[Concept], float],
    frame: float,
) -> WeightedConcepts:
    """Each concept with its weight for choosing the quote (framing words `frame` times
    theirs); each word the question's kind needs counts on its own (half the heaviest
    subject word), so the sentence that speaks most of it wins ("no relapse or urinary
    tract infection ... no side effects" over "because of side effects")."""
    weighted = [(c.own, c.terms, weight(c) * (frame if c.frame else 1.0)) for c in concepts]
    if kind is None or not kind.needs:
        return WeightedConcepts(weighted)
    share = max((w for _, _, w in weighted), default=1.0) / 2
    return WeightedConcepts(weighted, kind.needs, share)


def scorer(wanted: WeightedConcepts, expansion_weight: float) -> Callable[[set], float]:
    """How much of the question a set of terms covers: the asker's own word counts
    in full, a vocabulary synonym a little less."""
    concepts, needs, need_weight = wanted.concepts, wanted.needs, wanted.need_weight

    def covered(terms: frozenset[str] | set[str]) -> float:
        value = sum(
            w if own & terms else expansion_weight * w
            for own, all_terms, w in concepts
            if all_terms & terms
        )
        return value + need_weight * len(needs & terms) if needs else value

    return covered


def openings(chunk: Chunk, units: tuple[tuple[int, int], ...]) -> list[int]:
    """Where a quote starting at each unit must really start: "This modulation..."
    after "It is thought..." steps back to the sentence that names what "it" is (two
    steps at most, so a tired reader is not handed five sentences)."""
    leans = [bool(_ANAPHOR.match(unit_text(chunk, u))) for u in units]
    out = []
    for i in range(len(units)):
        first = i
        for _ in range(2):
            if first > 0 and leans[first]:
                first -= 1
        out.append(first)
    return out


def study_of(chunk: Chunk, start: int, end: int) -> tuple[int, int]:
    """The document offsets of the study a quote of this chunk is about: from the
    sentence that opens it ("A randomised controlled trial...") to the next study's
    opening; the whole chunk when it opens no study, or only one."""
    units = chunk.units
    opens = [i for i, u in enumerate(units) if _STUDY_OPENER.match(unit_text(chunk, u))]
    first = max((i for i in opens if units[i][0] <= start), default=0)
    after = min((i for i in opens if units[i][0] >= end), default=len(units))
    return units[first][0], units[after - 1][1]


def _shape(chunk: Chunk) -> tuple[list[int], list[bool]]:
    return (openings(chunk, chunk.units),
            [bool(_STUDY_OPENER.match(unit_text(chunk, u))) for u in chunk.units])


class QuoteChooser:
    def __init__(self, span_terms: SpanTerms, settings: RankingSettings) -> None:
        self.span_terms = span_terms
        self.settings = settings
        # Where a quote from each unit must start (`openings`), and which units open a
        # study: the same for every question, so read once per chunk.
        self._shapes: Memo[Chunk, tuple[list[int], list[bool]]] = Memo(_shape)

    def choose(
        self, chunk: Chunk, concepts: WeightedConcepts,
        fits: Callable[[int, int], bool] | None = None,
        holding: tuple[int, int] | None = None,
    ) -> tuple[int, int]:
        """(start, end) offsets of the quote in its document: the best window that
        `fits` (has what the question's kind needs, names the treatment when the
        question does), or the best window when none does; only windows that hold
        the sentence `holding`, when given (the answer the memory's votes chose)."""
        s = self.settings
        units = chunk.units
        covered = scorer(concepts, s.expansion_weight)
        unit_terms = [self.span_terms.own(chunk, a, b) for a, b in units]
        if len(units) <= s.max_units and len(chunk.text) <= s.whole_passage_chars:
            return self._whole(chunk, unit_terms, covered)
        best = None
        for first, last in self._windows(chunk, unit_terms, covered):
            if (
                last > first
                and unit_text(chunk, units[last]).endswith(":")
                and covered(set().union(*unit_terms[first:last])) >= covered(unit_terms[last])
                and not (holding and holding[1] == units[last][1])
            ):
                last -= 1  # a lead-in whose list is not in the quote adds nothing here
            span = units[first][0], units[last][1]
            if holding and not (span[0] <= holding[0] and holding[1] <= span[1]):
                continue
            if fits is None or fits(*span):
                return span
            best = best or span
        return best or holding or units[0]

    def _whole(self, chunk: Chunk, unit_terms: list, covered: Callable) -> tuple[int, int]:
        """A short passage, whole; but a closing lead-in ("...benefits, including:")
        whose list is in the next passage is left out when it says nothing of the
        question."""
        units = chunk.units
        last = len(units) - 1
        if (last > 0 and unit_text(chunk, units[last]).endswith(":")
                and not covered(unit_terms[last])):
            last -= 1
        return chunk.start, units[last][1]

    def _windows(self, chunk: Chunk, unit_terms: list, covered: Callable) -> list[tuple[int, int]]:
        """First and last unit of each window, best first. A window scores what it
        covers plus a bonus for every sentence in it that is itself on topic; ties go
        to the shorter, then the earlier."""
        s = self.settings
        units = chunk.units
        unit_scores = [covered(ut) for ut in unit_terms]
        opening, opens_study = self._shapes[chunk]
        scored: list[tuple[float, int, int]] = []  # (score, -n, -i)
        for i in range(len(units)):
            seen: set[str] = set()
            steps = i - opening[i]
            for n in range(1, min(s.max_units, len(units) - i, s.max_units + 1 - steps) + 1):
                if n > 1 and opens_study[i + n - 1]:
                    break
                seen |= unit_terms[i + n - 1]
                density = sum(unit_scores[i : i + n])
                scored.append((round(covered(seen) + s.unit_bonus * density, 9), -n, -i))
        scored.sort(reverse=True)
        return [(opening[-i], -i - n - 1) for _, n, i in scored]
