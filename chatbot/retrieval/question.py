"""Reading the question: its concepts, the part that asks, and what "it" means.

A tired person often gives context first and asks last ("had optic neuritis in
2016... would acupuncture help with fatigue?"), so a message with several sentences
is also judged on its last question. A question naming acupuncture and a medicine
gets a concept for taking them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.retrieval.coverage import WITH_A_MEDICINE, CoverageRule
from chatbot.tokenizer import Analysis, Analyzer, Concept

IMPLIED_WORDS = frozenset({"it", "they", "them", "this"})
"""In a chat about acupuncture, "can it slow progression?" asks about the treatment."""
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+|\s+-+\s+|\n+")


@dataclass(frozen=True)
class Question:
    text: str
    analysis: Analysis
    last: list[Concept] | None
    """The concepts of the last question (or sentence), when there are several."""
    anchored: bool
    """It names the treatment (acupuncture, needles...)."""
    implied: bool
    """It says "it" for the treatment without naming it."""

    @property
    def concepts(self) -> list[Concept]:
        return self.analysis.concepts


class QuestionReader:
    def __init__(self, analyzer: Analyzer, rule: CoverageRule) -> None:
        self.analyzer = analyzer
        self.rule = rule

    def read(self, text: str) -> Question:
        analysis = self.analyzer.analyze(text, query=True)
        self._add_medicine_concept(analysis)
        anchored = self.rule.anchored(analysis.concepts)
        implied = not anchored and not IMPLIED_WORDS.isdisjoint(analysis.words)
        return Question(text, analysis, self._last_part(text), anchored, implied)

    def _add_medicine_concept(self, analysis: Analysis) -> None:
        """A medicine the sources never name ("warfarin") keeps it framing: the sources
        say nothing about it. Medicines in general, or one they name, make taking the
        two together the subject."""
        rule = self.rule
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

    def _last_part(self, text: str) -> list[Concept] | None:
        parts = [p for p in _SENTENCE_BREAK.split(text.strip()) if p.strip()]
        if len(parts) <= 1:
            return None
        asked = [p for p in parts if p.rstrip().endswith("?")] or parts
        tail = self.analyzer.analyze(asked[-1], query=True).concepts
        return tail if any(not c.frame for c in tail) else None
