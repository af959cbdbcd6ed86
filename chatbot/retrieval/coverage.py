"""The no-match rule: how much of the question's subject a span covers.

Each content word or vocabulary phrase of the question is a concept; the
vocabulary's synonyms count as the same concept ("tiredness" is covered by
"fatigue"). A concept weighs the idf of its best term. Framing words ("help",
"acupuncture", "MS") need no covering unless nothing else is asked. A word the corpus
never contains counts against the match (`subject_miss_weight` when it looks like a
subject, `incidental_weight` when it likely describes the asker); one the corpus knows
but the span lacks counts `known_miss_weight`. Never "top score above zero": a weak
match is not an answer.
"""

from __future__ import annotations

from collections.abc import Callable

from chatbot.index import BM25Index
from chatbot.settings import RankingSettings
from chatbot.spelling import english_words
from chatbot.stemming import Memo
from chatbot.tokenizer import Concept

WITH_A_MEDICINE = "(acupuncture with a medicine)"
"""The concept a question gets when it names acupuncture and a medicine."""
TOPICS_KEPT = 512
"""How many questions' topics `CoverageRule.topic` keeps before starting afresh."""


class CoverageRule:
    """Judges spans against a question's concepts; caches what it learns per concept."""

    def __init__(
        self,
        index: BM25Index,
        anchor_stems: frozenset[str],
        settings: RankingSettings,
        is_medicine: Callable[[str], bool] | None = None,
    ) -> None:
        self.index = index
        self.anchor_stems = anchor_stems
        self.settings = settings
        self.is_medicine = is_medicine
        self._weights: dict[frozenset[str], float] = {}
        self._known: dict[frozenset[str], bool] = {}
        self._medicine: dict[str, bool] = {}
        self._topics: dict[tuple[tuple[Concept, ...], bool], list[Concept]] = {}
        # What `coverage` weighs, worked out once per question (it judges every span of
        # every candidate).
        self._plans: Memo[tuple[tuple[Concept, ...], bool], tuple[tuple, tuple]] = Memo(
            self._plan, TOPICS_KEPT)

    def weight(self, concept: Concept) -> float:
        """The idf of the concept's best term the corpus knows (or of an unknown word)."""
        weight = self._weights.get(concept.terms)
        if weight is None:
            known = [self.index.term_idf(t) for t in concept.terms if self.index.df(t)]
            weight = max(known) if known else self.index.unknown_idf
            self._weights[concept.terms] = weight
        return weight

    def known(self, concept: Concept) -> bool:
        """Does the corpus contain any term of this concept?"""
        known = self._known.get(concept.terms)
        if known is None:
            known = self._known[concept.terms] = any(self.index.df(t) for t in concept.terms)
        return known

    def anchored(self, concepts: list[Concept]) -> bool:
        """Does the question name the treatment (acupuncture, needles...)?"""
        return any(c.terms & self.anchor_stems for c in concepts)

    def names_medicine(self, concept: Concept) -> bool:
        if self.is_medicine is None or concept.word == WITH_A_MEDICINE:
            return False  # the added concept is the subject, never framing
        named = self._medicine.get(concept.word)
        if named is None:
            named = self._medicine[concept.word] = self.is_medicine(concept.word)
        return named

    def is_frame(self, concept: Concept, anchored: bool, others_asked: bool) -> bool:
        """Framing words, and medicines the sources name, in a question about
        acupuncture: "can I have acupuncture while on fingolimod?" asks about
        acupuncture alongside MS medicines (the medicine itself gets the fixed medicine
        notice). A medicine the sources never name ("warfarin") is framing only when the
        question asks about something else too ("instead of baclofen for spasticity");
        alone, it is a subject the sources don't cover. So is a question about a
        medicine that doesn't mention acupuncture."""
        if concept.frame:
            return True
        return anchored and self.names_medicine(concept) and (self.known(concept) or others_asked)

    def topic(self, concepts: list[Concept], anchored: bool) -> list[Concept]:
        """The concepts a span must cover: the subject, or, when nothing but framing is
        asked ("what is acupuncture?"), the framing words the corpus knows. Asked for
        every span of every candidate with the same concepts, so kept for the last
        few hundred questions (a tenth of `Chatbot.ask`'s time before)."""
        key = (tuple(concepts), anchored)
        topic = self._topics.get(key)
        if topic is None:
            if len(self._topics) >= TOPICS_KEPT:
                self._topics.clear()
            topic = self._topics[key] = self._topic(concepts, anchored)
        return topic

    def _topic(self, concepts: list[Concept], anchored: bool) -> list[Concept]:
        plain = [c for c in concepts if not c.frame and not self.names_medicine(c)]
        topic = [c for c in concepts if not self.is_frame(c, anchored, bool(plain))]
        if all(self.incidental(c) for c in topic):
            # "the usual symptoms of ms", "any proper evidence or is it all hype": the
            # words the corpus lacks describe the asking, so the framing is the subject.
            return topic + [c for c in concepts if c not in topic and self.known(c)]
        return topic

    def incidental(self, concept: Concept) -> bool:
        """A common English word the corpus never contains that does not look like a
        subject of its own ("usual", "hype"; not "tinnitus", not a medicine)."""
        return not (self.known(concept) or concept.subject_like
                    or self.names_medicine(concept)) and all(
            w in english_words() for w in concept.word.lower().split())

    def unknown_share(self, concepts: list[Concept], anchored: bool) -> float:
        """Share of the subject's weight in words the corpus never contains."""
        topic = self.topic(concepts, anchored)
        total = sum(self.weight(c) for c in topic)
        return sum(self.weight(c) for c in topic if not self.known(c)) / total if total else 0.0

    def coverage(
        self, concepts: list[Concept], terms: frozenset[str], anchored: bool | None = None
    ) -> float:
        """The idf-weighted share of the question's subject that `terms` contain."""
        if anchored is None:  # given when judging a part of a question that names it
            anchored = self.anchored(concepts)
        if anchored and terms.isdisjoint(self.anchor_stems):
            return 0.0
        required, weighed = self._plans[tuple(concepts), anchored]
        if any(r.isdisjoint(terms) for r in required):
            return 0.0  # "is bee venom safer?" is not answered by "acupuncture is safe"
        total = covered = 0.0
        for concept_terms, w, miss in weighed:
            if concept_terms.isdisjoint(terms):
                total += miss
            else:
                covered += w
                total += w
        return covered / total if total else 0.0

    def _plan(self, key: tuple[tuple[Concept, ...], bool]) -> tuple[tuple, tuple]:
        """The required concepts' terms, and each topic concept's terms, weight when
        covered and weight when missed."""
        concepts, anchored = key
        s = self.settings
        weighed = []
        for concept in self.topic(list(concepts), anchored):
            w = self.weight(concept)
            if self.known(concept):
                miss = s.known_miss_weight * w
            elif concept.subject_like or self.names_medicine(concept):
                miss = s.subject_miss_weight * w
            else:
                miss = s.incidental_weight * w
            weighed.append((concept.terms, w, miss))
        return tuple(c.terms for c in concepts if c.required), tuple(weighed)
