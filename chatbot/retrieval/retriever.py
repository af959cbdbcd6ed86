"""The retrieval pipeline, one step after another: read the question, pick
candidates, apply the no-match rule, choose each quote, rank, drop duplicates."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain

from chatbot.index import BM25Index
from chatbot.models import Chunk
from chatbot.retrieval.candidates import candidates
from chatbot.retrieval.coverage import CoverageRule
from chatbot.retrieval.kinds import KindReader
from chatbot.retrieval.question import Question, QuestionReader
from chatbot.retrieval.quotes import QuoteChooser, WeightedConcepts
from chatbot.retrieval.ranking import Hit, Signals, distinct, rank
from chatbot.retrieval.settings import RankingSettings, load_settings
from chatbot.retrieval.spans import SpanTerms, index_text, unit_text
from chatbot.tokenizer import Analysis, Analyzer, Concept, stem


class Retriever:
    def __init__(
        self,
        chunks: list[Chunk],
        analyzer: Analyzer,
        is_medicine: Callable[[str], bool] | None = None,
        source_weights: dict[str, float] | None = None,
        settings: RankingSettings | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.source_weights = source_weights or {}
        """Document id -> how much its passages count in the ranking."""
        self.chunks = chunks
        self.analyzer = analyzer
        analyses = [analyzer.analyze(index_text(c)) for c in chunks]
        self._chunk_terms = [a.terms for a in analyses]
        self._chunk_term_sets: dict[int, frozenset[str]] = {}  # filled as questions need
        self.index = BM25Index(self._chunk_terms, b=self.settings.length_normalisation)
        analyzer.set_known_words(set(chain.from_iterable(a.words for a in analyses)))
        self.rule = CoverageRule(self.index, analyzer.anchor_stems, self.settings, is_medicine)
        self.reader = QuestionReader(analyzer, self.rule, KindReader(analyzer))
        self.span_terms = SpanTerms(analyzer)
        self.quotes = QuoteChooser(self.span_terms, self.settings)

    def chunk_term_set(self, idx: int) -> frozenset[str]:
        """A chunk's terms as a set, made when a question first needs it: a question
        looks at a few dozen chunks, so a large corpus need not build them all."""
        terms = self._chunk_term_sets.get(idx)
        if terms is None:
            terms = self._chunk_term_sets[idx] = frozenset(self._chunk_terms[idx])
        return terms

    def search(self, text: str) -> tuple[Analysis, list[Hit]]:
        question = self.reader.read(text)
        weighted = self._weighted(question)
        s = self.settings
        hits: list[Hit] = []
        for idx, score in candidates(self.index, question.concepts, s):
            chunk = self.chunks[idx]
            cov = self._coverage(question, self.chunk_term_set(idx))
            if cov < s.coverage_threshold:
                continue
            start, end = self.quotes.choose(chunk, weighted)
            # Rank by what will be shown: a chunk whose quote carries the subject
            # beats one that only mentions it somewhere else.
            quote_terms = self.span_terms(chunk, start, end)
            quote_cov = self._coverage(question, quote_terms)
            if quote_cov < s.quote_coverage_threshold:
                continue  # the passage matches, but what would be shown does not
            if not self._answers_kind(question, chunk, start, end, quote_terms):
                continue  # "how many?" needs a number, "is it safe?" a word on risk
            signals = Signals(
                bm25=score, coverage=cov, quote_coverage=quote_cov,
                source_weight=self.source_weights.get(chunk.doc_id, 1.0),
                implied_and_named=question.implied
                and bool(quote_terms & self.analyzer.anchor_stems),
            )
            hits.append(Hit(chunk, rank(signals, s), cov, start, end))
        hits.sort(key=lambda h: (-h.score, h.chunk.chunk_id))
        terms = [self.span_terms(h.chunk, h.quote_start, h.quote_end) for h in hits]
        return question.analysis, distinct(hits, terms, s)

    def _answers_kind(
        self, question: Question, chunk: Chunk, start: int, end: int, terms: frozenset[str]
    ) -> bool:
        kind = question.kind
        if kind is None:
            return True
        # The treatment must be named when the question is about it, not when it asks
        # about something else ("is yoga good for ms?", "what else besides acupuncture").
        about_it = (question.anchored or question.implied) and not question.sets_aside
        anchors = self.analyzer.anchor_stems if about_it else terms
        if not kind.satisfied(unit_text(chunk, (start, end)), terms, anchors):
            return False
        return not kind.rule.names_subject or self._names_subject(question, terms)

    def _names_subject(self, question: Question, terms: frozenset[str]) -> bool:
        """The heaviest word of the part that asks is in `terms` as the asker wrote it
        (the treatment's own name aside: "scalp acupuncture" needs "scalp")."""
        asked = question.last if question.last is not None else question.concepts
        topic = [c for c in self.rule.topic(asked, question.anchored) if c.own]
        if not topic:
            return True
        named = [(self.rule.weight(c), self._subject_stems(c)) for c in topic]
        named = [(w, stems) for w, stems in named if stems]
        if not named:
            return True
        return bool(max(named, key=lambda pair: pair[0])[1] & terms)

    def _subject_stems(self, concept: Concept) -> frozenset[str]:
        """The stems of a concept's own words that name a subject: not stop, framing
        or treatment words ("scalp acupuncture" -> scalp; "what is it" -> none)."""
        a = self.analyzer
        return frozenset(
            s for s in map(stem, concept.word.split())
            if s not in a.stop_words and s not in a.frame_stems and s not in a.anchor_stems
        )

    def _coverage(self, question: Question, terms: frozenset[str]) -> float:
        """The whole question's coverage, or its last question's if that is more."""
        cov = self.rule.coverage(question.concepts, terms, question.anchored)
        if question.last is None:
            return cov
        return max(cov, self.rule.coverage(question.last, terms, question.anchored))

    def _weighted(self, question: Question) -> WeightedConcepts:
        """Each concept with its weight for choosing the quote; what the question's
        kind needs weighs as much as its heaviest subject word, so the sentences that
        say it are the ones shown."""
        frame = self.settings.frame_weight
        out = [
            (c.own, c.terms, self.rule.weight(c) * (frame if c.frame else 1.0))
            for c in question.concepts
        ]
        if question.kind is not None and question.kind.needs:
            # Each needed word counts on its own, so the sentence that speaks most of
            # it wins ("no relapse or urinary tract infection ... no side effects" over
            # "unable to take medication because of side effects").
            share = max((w for _, _, w in out), default=1.0) / 2
            out.extend((frozenset({t}), frozenset({t}), share) for t in question.kind.needs)
        return out
