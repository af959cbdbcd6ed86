"""Does a quote have what the question's kind needs, and name what was asked?"""

from __future__ import annotations

import re

from chatbot.retrieval.coverage import CoverageRule
from chatbot.retrieval.kinds import NUMBER
from chatbot.retrieval.question import Question
from chatbot.tokenizer import Analyzer, Concept, stem, words

_DEFINING = (r"[\w-]*\s*(?:\([^)]*\)\s*)?"
             r"(?:,\s*an?\b|is\b|are\b|involves\b|refers\b|means\b|uses\b|consists\b)")
"""After the subject's word: what makes a sentence say what it is ("Electroacupuncture
involves...", "Acupuncture, an ancient Chinese practice", "NT-3 (neurotrophin-3) is")."""


class SubjectTest:
    def __init__(self, analyzer: Analyzer, rule: CoverageRule) -> None:
        self.analyzer = analyzer
        self.rule = rule

    @staticmethod
    def has_number(quote: str) -> bool:
        return bool(NUMBER.search(quote.lower()))

    @staticmethod
    def counts(question: Question, quote: str, window: int) -> bool:
        """For "how many X?": does the quote give a number of X, within `window`
        words after the number ("10 healthy adults", "14 meridians")?"""
        if not question.counted:
            return False
        text = quote.lower()
        for m in NUMBER.finditer(text):
            after = words(text[m.end() : m.end() + 20 * window])[:window]
            if any(stem(w) in question.counted for w in after):
                return True
        return False

    def answers_kind(self, question: Question, quote: str, terms: frozenset[str]) -> bool:
        """Has the quote what the question's kind needs (and, for "what is X?", X)?"""
        kind = question.kind
        if kind is None:
            return True
        # The treatment must be named when the question is about it, not when it asks
        # about something else ("is yoga good for ms?", "what else besides acupuncture").
        about_it = question.anchored and not question.sets_aside  # "it" counts as named
        anchors = self.analyzer.anchor_stems if about_it else terms
        if not kind.satisfied(quote, terms, anchors):
            return False
        return not kind.rule.names_subject or self.names_subject(question, quote)

    def names_subject(self, question: Question, quote: str) -> bool:
        """What the cue asks about ("what is X?": any word of X, since "the normal
        medical treatments" are named by either; when its words name nothing, the
        heaviest word of the whole message) is in the quote as the asker wrote it
        (the treatment's own name aside: "scalp acupuncture" needs "scalp"). Read from
        the quote's words, since a vocabulary phrase ("bee venom") is one term."""
        about = question.subject if question.subject is not None else question.concepts
        named = [(self.rule.weight(c), self._subject_stems(c))
                 for c in self.rule.topic(about, question.anchored)]
        named = [(w, stems) for w, stems in named if stems]
        if not named:
            return True
        quoted = {stem(w) for w in words(quote)}
        if question.subject is not None:
            return any(stems & quoted for _, stems in named)
        return bool(max(named, key=lambda pair: pair[0])[1] & quoted)

    def defines(self, question: Question, quote: str) -> bool:
        """For "what is X?": does the quote say what X is, rather than only use it?"""
        kind = question.kind
        if kind is None or not kind.rule.names_subject:
            return False
        a = self.analyzer
        named = [w for c in question.asked if not (c.frame and c.terms.isdisjoint(a.anchor_stems))
                 for w in c.word.split() if w not in a.stop_words]
        text = quote.lower()
        return any(re.search(rf"\b{re.escape(w[:6])}" + _DEFINING, text) for w in named)

    def _subject_stems(self, concept: Concept) -> frozenset[str]:
        """The stems of a concept's own words that name a subject: not stop, framing
        or treatment words ("scalp acupuncture" -> scalp; "what is it" -> none)."""
        a = self.analyzer
        return frozenset(
            s for s in map(stem, concept.word.split())
            if s not in a.stop_words and s not in a.frame_stems and s not in a.anchor_stems
        )
