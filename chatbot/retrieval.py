"""From a question to the best distinct quotes, or to an honest "not found".

The no-match rule (a weak match is not an answer), in `Retriever.coverage`:
  Each content word or vocabulary phrase of the question is a concept; the
  vocabulary's synonyms count as the same concept ("tiredness" is covered by
  "fatigue"). A concept weighs the idf of its best term. Framing words ("help",
  "acupuncture", "MS") need no covering unless nothing else is asked. A word the
  corpus never contains counts against the match (SUBJECT_MISS_WEIGHT when it looks
  like a subject, INCIDENTAL_WEIGHT when it likely describes the asker); one the corpus
  knows but the passage lacks counts KNOWN_MISS_WEIGHT. A passage answers when its
  covered share reaches COVERAGE_THRESHOLD, it names acupuncture if the question
  does, and the quote it would show passes too. No passage -> no_match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain

import numpy as np

from chatbot.index import BM25Index
from chatbot.models import Chunk, SourceKind
from chatbot.tokenizer import Analysis, Analyzer, Concept

COVERAGE_THRESHOLD = 0.5
IMPLIED_TREATMENT_BONUS = 0.5
"""How much more a quote naming acupuncture counts when the question says "it" for
it. Measured: 0, 0.25, 0.5 and 1.0 leave the three question sets' figures unchanged;
0.5 puts an acupuncture quote first for "can it slow progression?" and "does it help
walking?"; 1.0 also moves weaker quotes up."""
IMPLIED_WORDS = frozenset({"it", "they", "them", "this"})
WITH_A_MEDICINE = "(acupuncture with a medicine)"
"""The concept a question gets when it names acupuncture and a medicine."""
QUOTE_COVERAGE_THRESHOLD = 0.5
SOURCE_WEIGHTS = {SourceKind.clinic_marketing_blog: 0.85}
"""A clinic that sells the treatment goes after a source that says the same without
selling it. Measured on the three question sets (hit@1 dev/held-out/blind): 1.0
gives .926/.852/.889; 0.8-0.9 gives .926/.852/.911; 0.7 and below, .889 on blind again.
Down-weighting the personal blog too (0.9) lowered dev to .901 and blind to .867."""
# BM25's b: passages here run from one line to a 200-word study note, and the notes
# carry the evidence details; 0.5 (not 0.75) stops them being pushed down for their
# length (measured: benchmarks/compare_bm25_variants.py).
LENGTH_NORMALISATION = 0.5
CANDIDATES = 12
MAX_PASSAGES = 3
RELATIVE_SCORE_FLOOR = 0.35  # later passages must score this share of the best
DUPLICATE_OVERLAP = 0.5  # quotes sharing this share of terms say the same thing
MAX_UNITS = 3
WHOLE_PASSAGE_CHARS = 600
KNOWN_MISS_WEIGHT = 0.5
INCIDENTAL_WEIGHT = 0.25
SUBJECT_MISS_WEIGHT = 3.0
UNIT_BONUS = 0.3
FRAME_WEIGHT = 0.3  # framing words rank a passage, but far less than the subject
EXPANSION_WEIGHT = 0.8  # a vocabulary synonym, against the asker's own word
MULTI_TERM_SHARE = 0.25  # a concept's other matching terms, beside its best one
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+|\s+-+\s+|\n+")
_ANAPHOR = re.compile(r"^(?:It|This|These|That|Those|They|Both|Such|However|But)\b")


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    coverage: float
    quote_start: int
    quote_end: int


class Retriever:
    def __init__(
        self,
        chunks: list[Chunk],
        analyzer: Analyzer,
        is_medicine: Callable[[str], bool] | None = None,
        source_weights: dict[str, float] | None = None,
    ) -> None:
        self.is_medicine = is_medicine
        # Document id -> how much its passages count in the ranking (SOURCE_WEIGHTS).
        self.source_weights = source_weights or {}
        self.chunks = chunks
        self.analyzer = analyzer
        analyses = [analyzer.analyze(_index_text(c)) for c in chunks]
        self._chunk_terms = [a.terms for a in analyses]
        self._chunk_term_sets: dict[int, frozenset[str]] = {}  # filled as questions need
        self.index = BM25Index(self._chunk_terms, b=LENGTH_NORMALISATION)
        analyzer.set_known_words(set(chain.from_iterable(a.words for a in analyses)))
        self._unit_terms: dict[tuple[str, int, int], frozenset[str]] = {}
        self._weights: dict[frozenset[str], float] = {}
        self._medicine: dict[str, bool] = {}
        self._known_terms: dict[frozenset[str], bool] = {}

    def chunk_term_set(self, idx: int) -> frozenset[str]:
        """A chunk's terms as a set, made when a question first needs it: a question
        looks at a few dozen chunks, so a large corpus need not build them all."""
        terms = self._chunk_term_sets.get(idx)
        if terms is None:
            terms = self._chunk_term_sets[idx] = frozenset(self._chunk_terms[idx])
        return terms

    def concept_weight(self, concept: Concept) -> float:
        weight = self._weights.get(concept.terms)
        if weight is None:
            known = [self.index.term_idf(t) for t in concept.terms if self.index.df(t)]
            weight = max(known) if known else self.index.unknown_idf
            self._weights[concept.terms] = weight
        return weight

    def _known(self, concept: Concept) -> bool:
        """Does the corpus contain any term of this concept? (Cached per concept.)"""
        known = self._known_terms.get(concept.terms)
        if known is None:
            known = self._known_terms[concept.terms] = any(
                self.index.df(t) for t in concept.terms
            )
        return known

    def coverage(
        self, concepts: list[Concept], terms: frozenset[str], anchored: bool | None = None
    ) -> float:
        """The idf-weighted share of the question's subject that `terms` contain.

        A word the corpus never contains counts against the match: SUBJECT_MISS_WEIGHT
        times its idf when it looks like a subject (the vocabulary's out-of-scope list,
        a drug- or disease-shaped word, a medicine), else INCIDENTAL_WEIGHT ("my
        sister", "tbh").
        A word the corpus knows but this passage lacks counts KNOWN_MISS_WEIGHT,
        since the passage may still answer what was asked.
        """
        if anchored is None:  # given when judging a part of a question that names it
            anchored = self._anchored(concepts)
        if anchored and not terms & self.analyzer.anchor_stems:
            return 0.0
        if any(c.required and not c.terms & terms for c in concepts):
            return 0.0  # "is bee venom safer?" is not answered by "acupuncture is safe"
        plain_topic = [c for c in concepts if not c.frame and not self._names_medicine(c)]
        topic = [c for c in concepts if not self._is_frame(c, anchored, bool(plain_topic))]
        if not topic:
            # Nothing but framing ("what is acupuncture?"): judge on the framing words
            # the corpus knows.
            topic = [c for c in concepts if self._known(c)]
        if not topic:
            return 0.0
        total = covered = 0.0
        for concept in topic:
            w = self.concept_weight(concept)
            if concept.terms & terms:
                covered += w
                total += w
            elif self._known(concept):
                total += KNOWN_MISS_WEIGHT * w
            elif concept.subject_like or self._names_medicine(concept):
                total += SUBJECT_MISS_WEIGHT * w
            else:
                total += INCIDENTAL_WEIGHT * w
        return covered / total

    def _anchored(self, concepts: list[Concept]) -> bool:
        """Does the question name the treatment (acupuncture, needles...)?"""
        anchors = self.analyzer.anchor_stems
        return any(c.terms & anchors for c in concepts)

    def _names_medicine(self, concept: Concept) -> bool:
        if self.is_medicine is None or concept.word == WITH_A_MEDICINE:
            return False  # the added concept is the subject, never framing
        named = self._medicine.get(concept.word)
        if named is None:
            named = self._medicine[concept.word] = self.is_medicine(concept.word)
        return named

    def _is_frame(self, concept: Concept, anchored: bool, others_asked: bool) -> bool:
        """Framing words, and medicines the sources name, in a question about
        acupuncture: "can I have acupuncture while on fingolimod?" asks about
        acupuncture alongside MS medicines (the medicine itself gets the fixed medicine
        notice). A medicine the sources never name ("warfarin") is framing only when the
        question asks about something else too ("instead of baclofen for spasticity");
        alone, it is a subject the sources don't cover. So is a question about a
        medicine that doesn't mention acupuncture."""
        if concept.frame:
            return True
        return (
            anchored
            and self._names_medicine(concept)
            and (self._known(concept) or others_asked)
        )

    def analyze(self, question: str) -> tuple[Analysis, list[Concept] | None]:
        """The question's concepts, and those of its last question (or last sentence)
        when it has several: a tired person often gives context first and asks last
        ("had optic neuritis in 2016... would acupuncture help with fatigue?").
        A question naming acupuncture and a medicine also gets a concept for taking
        them together."""
        analysis = self.analyzer.analyze(question, query=True)
        medicines = [c for c in analysis.concepts if self._names_medicine(c)]
        if self._anchored(analysis.concepts) and medicines:
            # A medicine the sources never name ("warfarin") keeps it framing: the
            # sources say nothing about it. Medicines in general, or one they name,
            # make taking the two together the subject.
            unknown = any(
                not self._known(c) and c.word not in self.analyzer.generic_medicine_words
                for c in medicines
            )
            analysis.concepts.append(
                Concept(word=WITH_A_MEDICINE, terms=self.analyzer.medicine_question_terms,
                        frame=unknown)
            )
        parts = [p for p in _SENTENCE_BREAK.split(question.strip()) if p.strip()]
        last = None
        if len(parts) > 1:
            asked = [p for p in parts if p.rstrip().endswith("?")] or parts
            tail = self.analyzer.analyze(asked[-1], query=True).concepts
            if any(not c.frame for c in tail):
                last = tail
        return analysis, last

    def search(self, question: str) -> tuple[Analysis, list[Hit]]:
        analysis, last = self.analyze(question)
        anchored = self._anchored(analysis.concepts)
        # "Can it slow progression?", "does it help walking?": in a chat about
        # acupuncture, "it" is the treatment. A quote about it goes before one that only
        # describes MS or diet.
        implied = not anchored and not IMPLIED_WORDS.isdisjoint(analysis.words)

        def question_coverage(terms: frozenset[str]) -> float:
            """The whole question's coverage, or its last question's if that is more."""
            cov = self.coverage(analysis.concepts, terms, anchored)
            return cov if last is None else max(cov, self.coverage(last, terms, anchored))

        hits: list[Hit] = []
        for idx, score in self._candidates(analysis.concepts):
            chunk = self.chunks[idx]
            cov = question_coverage(self.chunk_term_set(idx))
            if cov < COVERAGE_THRESHOLD:
                continue
            start, end = self.best_quote(chunk, analysis)
            # Rank by what will be shown: a chunk whose quote carries the subject
            # beats one that only mentions it somewhere else.
            quote_cov = question_coverage(self._terms_of(chunk, start, end))
            if quote_cov < QUOTE_COVERAGE_THRESHOLD:
                continue  # the passage matches, but what would be shown does not
            rank = score * cov * (1.0 + quote_cov) / 2.0
            rank *= self.source_weights.get(chunk.doc_id, 1.0)
            if implied and self._terms_of(chunk, start, end) & self.analyzer.anchor_stems:
                rank *= 1.0 + IMPLIED_TREATMENT_BONUS
            hits.append(Hit(chunk, rank, cov, start, end))
        hits.sort(key=lambda h: (-h.score, h.chunk.chunk_id))
        return analysis, self._distinct(hits)

    def _candidates(self, concepts: list[Concept]) -> list[tuple[int, float]]:
        """The best-scoring chunks for the question.

        Each concept scores its best-matching term, plus a little (MULTI_TERM_SHARE)
        for its other terms, so "conventional ... healthcare providers" beats a
        passage that has one of those words; the asker's own words count in full,
        vocabulary synonyms EXPANSION_WEIGHT; framing words FRAME_WEIGHT of a subject.
        """
        scores = np.zeros(self.index.size, dtype=np.float64)
        for concept in concepts:
            expansion = concept.terms - concept.own
            best = self.index.scores([concept.own]) if concept.own else 0.0
            if expansion:
                best = np.maximum(best, EXPANSION_WEIGHT * self.index.scores([expansion]))
            total = self.index.scores(sorted(concept.terms))
            value = best + MULTI_TERM_SHARE * (total - best)
            scores += (FRAME_WEIGHT if concept.frame else 1.0) * value
        order = np.argsort(-scores, kind="stable")[:CANDIDATES]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]

    def _distinct(self, hits: list[Hit]) -> list[Hit]:
        chosen: list[Hit] = []
        chosen_terms: list[frozenset[str]] = []
        for hit in hits:
            if chosen and hit.score < RELATIVE_SCORE_FLOOR * chosen[0].score:
                break
            terms = self._terms_of(hit.chunk, hit.quote_start, hit.quote_end)
            if any(_overlap(terms, other) >= DUPLICATE_OVERLAP for other in chosen_terms):
                continue
            chosen.append(hit)
            chosen_terms.append(terms)
            if len(chosen) == MAX_PASSAGES:
                break
        return chosen

    def _terms_of(self, chunk: Chunk, start: int, end: int) -> frozenset[str]:
        """Terms of a span of a chunk, cached (offsets are per document, so the key
        names the document too)."""
        key = (chunk.doc_id, start, end)
        if key not in self._unit_terms:
            offset = start - chunk.start
            text = chunk.text[offset : offset + end - start]
            self._unit_terms[key] = frozenset(self.analyzer.terms(text))
        return self._unit_terms[key]

    def best_quote(self, chunk: Chunk, analysis: Analysis) -> tuple[int, int]:
        """The 1-3 consecutive units that cover the most of the question (each concept
        counted once, at its best term); the shortest such window wins ties. A quote
        opening with "It"/"This" takes the unit before it too (and the one before that,
        if it too opens so), so it reads on its own.
        A short passage (at most MAX_UNITS sentences, WHOLE_PASSAGE_CHARS characters)
        is quoted whole: its other sentence is often the one that says "but it remains
        experimental"."""
        units = chunk.units
        concepts = [
            (c.own, c.terms, self.concept_weight(c) * (FRAME_WEIGHT if c.frame else 1.0))
            for c in analysis.concepts
        ]

        def covered(terms: frozenset[str] | set[str]) -> float:
            # The asker's own word counts in full, a vocabulary synonym a little less.
            return sum(
                w if own & terms else EXPANSION_WEIGHT * w
                for own, all_terms, w in concepts
                if all_terms & terms
            )

        unit_terms = [self._terms_of(chunk, s, e) for s, e in units]
        if len(units) <= MAX_UNITS and len(chunk.text) <= WHOLE_PASSAGE_CHARS:
            last = len(units) - 1
            # A lead-in ("...benefits for individuals with MS, including:") whose list
            # is in the next passage: left out when it says nothing of the question.
            if (last > 0 and _unit_text(chunk, units[last]).endswith(":")
                    and not covered(unit_terms[last])):
                last -= 1
            return chunk.start, units[last][1]
        unit_scores = [covered(ut) for ut in unit_terms]
        # "This modulation..." after "It is thought..." after the sentence that names
        # what "it" is: a quote opening on such a sentence steps back until it reads on
        # its own (two steps at most). With those steps a quote has at most
        # MAX_UNITS + 1 sentences, so a tired reader is not handed five.
        leans = [bool(_ANAPHOR.match(_unit_text(chunk, u))) for u in units]
        opening = []
        for i in range(len(units)):
            first = i
            for _ in range(2):
                if first > 0 and leans[first]:
                    first -= 1
            opening.append(first)
        # One quote, one study: a window never runs into the next study's opening
        # sentence ("A randomised controlled trial...", "An uncontrolled open study..."),
        # so the caveats under it (how many took part, was there a comparison group)
        # are about the study it quotes.
        opens_study = [bool(_STUDY_OPENER.match(_unit_text(chunk, u))) for u in units]
        best: tuple[float, int, int] | None = None  # (score, -n, -i)
        for i in range(len(units)):
            seen: set[str] = set()
            steps = i - opening[i]
            for n in range(1, min(MAX_UNITS, len(units) - i, MAX_UNITS + 1 - steps) + 1):
                if n > 1 and opens_study[i + n - 1]:
                    break
                seen |= unit_terms[i + n - 1]
                # What the window covers, plus a bonus for every sentence in it that
                # is itself on topic: a relevant next sentence is worth showing.
                union = covered(seen)
                density = sum(unit_scores[i : i + n])
                score = round(union + UNIT_BONUS * density, 9)
                if best is None or (score, -n, -i) > best:
                    best = (score, -n, -i)
        assert best is not None
        first, last = -best[2], -best[2] - best[1] - 1
        first = opening[first]
        if (
            last > first
            and _unit_text(chunk, units[last]).endswith(":")
            and covered(set().union(*unit_terms[first:last])) >= covered(unit_terms[last])
        ):
            last -= 1  # a lead-in whose list is not in the quote adds nothing here
        return units[first][0], units[last][1]


_STUDY_OPENER = re.compile(
    r"^(?:A|An|One|Another|In a|In one)\b[^.]{0,60}?\b(?:study|trial|review|RCT)\b"
)


def _unit_text(chunk: Chunk, unit: tuple[int, int]) -> str:
    return chunk.text[unit[0] - chunk.start : unit[1] - chunk.start]


def _index_text(chunk: Chunk) -> str:
    """A heading cut off by excluded text still describes its chunk."""
    if chunk.heading and not chunk.text.startswith(chunk.heading.split(" ")[0]):
        return f"{chunk.heading}\n{chunk.text}"
    return chunk.text


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
