"""Reading the question: its concepts, the part that asks, and what "it" means.

A tired person often gives context first and asks last ("had optic neuritis in
2016... would acupuncture help with fatigue?"), so a message with several sentences
is also judged on its last question. A question naming acupuncture and a medicine
gets a concept for taking them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from chatbot.retrieval.coverage import WITH_A_MEDICINE, CoverageRule
from chatbot.retrieval.kinds import Kind, KindReader
from chatbot.sentences import typed_sentences
from chatbot.tokenizer import Analysis, Analyzer, Concept, stem, words

IMPLIED_WORDS = frozenset({"it", "they", "them", "this"})
"""In a chat about a treatment, "can it slow progression?" asks about it (when the
corpus names one: in a corpus about no one treatment, "is it safe?" names nothing)."""
_PART_BREAK = re.compile(
    r"(?<=\.\.)\s+"
    r"|,\s+(?=(?:can|could|does|do|is|are|will|would|should|what|how|why|which|has|have)\b)",
    re.IGNORECASE,
)
"""Where a message's parts end, besides its sentences (`typed_sentences`): an
ellipsis ("in 2016... would it help?") and a comma before a question ("I had optic
neuritis years ago, can acupuncture help my fatigue?")."""


@dataclass(frozen=True)
class Question:
    text: str
    analysis: Analysis
    last: list[Concept] | None
    """The concepts of the last question (or sentence), when there are several."""
    anchored: bool
    """It names the treatment (acupuncture, needles...), or says "it" for it: "can it
    slow progression?" in a chat about the treatment asks about the treatment."""
    kind: Kind | None = None
    """What kind of question it is, which decides what the answer must contain."""
    sets_aside: bool = False
    """It names the treatment only to set it aside ("what else besides acupuncture")."""

    @property
    def concepts(self) -> list[Concept]:
        return self.analysis.concepts

    @property
    def asked(self) -> list[Concept]:
        """The concepts of the part that asks: the last question, or the whole."""
        return self.last if self.last is not None else self.concepts


@dataclass(frozen=True)
class QuestionParts:
    """A question's own words by role, for reading it with a conversation."""

    subject: tuple[str, ...]
    """Words of what it asks about that the corpus knows (framing left out)."""
    unknown: tuple[str, ...]
    """Words of what it asks about that the corpus never uses ("cannabis", "country")."""
    treatment: tuple[str, ...]
    """Words naming the treatment ("acupuncture", "electroacupuncture")."""
    kind: str | None
    """The question's kind ("people_count", "evidence"...), if it has one."""

    @property
    def has_subject(self) -> bool:
        return bool(self.subject or self.unknown or self.treatment)


class QuestionReader:
    def __init__(self, analyzer: Analyzer, rule: CoverageRule, kinds: KindReader) -> None:
        self.analyzer = analyzer
        self.rule = rule
        self.kinds = kinds

    def read(self, text: str, context: str | None = None) -> Question:
        """The question as read; `context` (the earlier question a follow-up is read
        with) adds its concepts as framing: they rank passages a little and anchor
        "it", but the follow-up's own words decide what must be covered and quoted."""
        analysis = self.analyzer.analyze(text, query=True)
        if context:
            self._add_context(analysis, context)
        self._add_medicine_concept(analysis)
        # "Can it slow progression?": "it" names the treatment, and an answer must too
        # (not a passage that only describes MS).
        anchored = self.rule.anchored(analysis.concepts) or (
            bool(self.analyzer.anchor_stems) and not IMPLIED_WORDS.isdisjoint(analysis.words))
        asked, last = self._last_part(text)
        kind = None
        found = self.kinds.read((asked or analysis).words)
        if found is None and last is not None:
            found = self.kinds.read(analysis.words)
        if found is not None:
            kind, cue = found
            analysis.concepts[:] = _frame_cue(analysis.concepts, cue)
            if last is not None:
                last = _frame_cue(last, cue)
        aside = any(self._sets_aside(c) for c in analysis.concepts)
        return Question(text, analysis, last, anchored, kind, aside)

    def _add_context(self, analysis: Analysis, context: str) -> None:
        have = {c.word for c in analysis.concepts}
        for concept in self.analyzer.analyze(context, query=True).concepts:
            if concept.word not in have:
                analysis.concepts.append(replace(concept, frame=True, required=False))

    def _sets_aside(self, concept: Concept) -> bool:
        key = tuple(stem(w) for w in words(concept.word))
        return key in self.analyzer.aside_phrases

    def _add_medicine_concept(self, analysis: Analysis) -> None:
        """A medicine the sources never name ("warfarin") keeps it framing: the sources
        say nothing about it. Medicines in general, or one they name, make taking the
        two together the subject."""
        rule = self.rule
        if not self.analyzer.medicine_question_terms:
            return  # the corpus says nothing of its treatment with medicines
        medicines = [c for c in analysis.concepts if rule.names_medicine(c)]
        if not (medicines and rule.anchored(analysis.concepts)):
            return
        unknown = any(
            not rule.known(c) and c.word not in self.analyzer.generic_medicine_words
            for c in medicines
        )
        analysis.concepts.append(
            Concept(word=WITH_A_MEDICINE, terms=self.analyzer.medicine_question_terms,
                    frame=unknown)
        )

    def _last_part(self, text: str) -> tuple[Analysis | None, list[Concept] | None]:
        """When the message has several parts: the analysis of the part that asks (the
        last question, or last sentence), and its concepts if it asks about something.
        A message of one part is its own asking part (None, None): read once."""
        sentences = typed_sentences(text.strip(), any_dash=False)
        parts = [p for s in sentences for p in _PART_BREAK.split(s) if p.strip()]
        if len(parts) <= 1:
            return None, None
        asked = [p for p in parts if p.rstrip().endswith("?")] or parts
        tail = self.analyzer.analyze(asked[-1], query=True)
        return tail, (tail.concepts if any(not c.frame for c in tail.concepts) else None)


def _frame_cue(concepts: list[Concept], cue: frozenset[str]) -> list[Concept]:
    """The words of a kind's cue frame the question ("how many", "is it safe"): they
    rank passages a little but need no covering; the kind says what must be there."""
    return [
        replace(c, frame=True) if c.own and all(w in cue for w in c.word.split()) else c
        for c in concepts
    ]
