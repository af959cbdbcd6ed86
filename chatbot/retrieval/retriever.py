"""The retrieval pipeline, one step after another: read the question, pick
candidates, apply the no-match rule, choose each quote, score them with the fitted
model, decide whether the best answers, then which later passages answer too.

The retriever is given the parts it reads (chunks, their terms, the analyser, the
index: `chatbot.build`) and changes none of them.
"""

import math
from collections.abc import Callable, Sequence
from functools import lru_cache

from chatbot.index import BM25Index
from chatbot.models import Chunk, SourceKind
from chatbot.retrieval.candidates import candidates
from chatbot.retrieval.coverage import CoverageRule
from chatbot.retrieval.features import (
    Candidate,
    answerable_features,
    later_features,
    own_share,
    passes,
    ranking_features,
)
from chatbot.retrieval.kinds import KindReader
from chatbot.retrieval.memory import QuestionMemory
from chatbot.retrieval.model import RankingModel, load_model
from chatbot.retrieval.positions import Positions
from chatbot.retrieval.question import Question, QuestionParts, QuestionReader
from chatbot.retrieval.quotes import QuoteChooser, WeightedConcepts, weighted_concepts
from chatbot.retrieval.ranking import Hit, Scored, later_passages
from chatbot.retrieval.sources import SourceReader
from chatbot.retrieval.spans import SpanTerms, unit_text
from chatbot.retrieval.studies import Span
from chatbot.retrieval.subject import SubjectTest
from chatbot.settings import RankingSettings, load_settings
from chatbot.tokenizer import Analysis, Analyzer, corrected


class Retriever:
    def __init__(
        self,
        chunks: list[Chunk],
        chunk_terms: Sequence[Sequence[str]],
        analyzer: Analyzer,
        index: BM25Index,
        *,
        is_medicine: Callable[[str], bool] | None = None,
        source_kinds: dict[str, SourceKind] | None = None,
        settings: RankingSettings | None = None,
        model: RankingModel | None = None,
        memory: QuestionMemory | None = None, sources: SourceReader | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.model = model or load_model()
        self.source_kinds = source_kinds or {}
        """Document id -> its kind of source (a ranking feature)."""
        self.chunks = chunks
        self.analyzer = analyzer
        self._chunk_terms = chunk_terms
        self._chunk_term_sets: dict[int, frozenset[str]] = {}  # filled as questions need
        self.index = index
        # A follow-up's searches share their words: the memory's recall of them is reused.
        self._recall = lru_cache(maxsize=32)(memory.recall) if memory is not None else None
        self.positions = Positions(chunks)
        self.rule = CoverageRule(self.index, analyzer.anchor_stems, self.settings, is_medicine)
        self.reader = QuestionReader(analyzer, self.rule, KindReader(analyzer), sources)
        self.span_terms = SpanTerms(analyzer)
        self.quotes = QuoteChooser(self.span_terms, self.settings)
        self.subject = SubjectTest(analyzer, self.rule)

    def chunk_term_set(self, idx: int) -> frozenset[str]:
        """A chunk's terms as a set, made when a question first needs it: a question
        looks at a few dozen chunks, so a large corpus need not build them all."""
        terms = self._chunk_term_sets.get(idx)
        if terms is None:
            terms = self._chunk_term_sets[idx] = frozenset(self._chunk_terms[idx])
        return terms

    def search(
        self, text: str, *, within: frozenset[str] | None = None, context: str | None = None,
        threshold: float | None = None, after: tuple[str, ...] = (),
        quoted: tuple[Span, ...] | None = None,
    ) -> tuple[Analysis, list[Hit]]:
        """The hits for `text`, best first; only from the chunks or documents whose ids
        are `within`, when given (a follow-up such as "how many people were in it?"),
        with `context` (the earlier question a follow-up is read with) as framing. None
        when the chance that the best answers is below `threshold` (the model's own,
        unless a follow-up's scope has one fitted for it). `after`: the chunks a
        follow-up follows (the memory compares it with other people's follow-ups);
        `quoted` (chunk id, start, end each): a chunk named there is quoted only within
        one of its spans (the passages about the study last quoted)."""
        found = self.scored_search(text, within=within, context=context, after=after,
                                   quoted=quoted)
        bar = self.model.threshold if threshold is None else threshold
        return found.analysis, (found.hits if found.chance >= bar else [])

    def scored_search(
        self, text: str, *, within: frozenset[str] | None = None, context: str | None = None,
        after: tuple[str, ...] = (), quoted: tuple[Span, ...] | None = None,
    ) -> Scored:
        """`search` before its threshold: the hits it would show, and the chance that
        the first answers (0 and no hits when no candidate may come first)."""
        question, pool = self.pool(text, within, context, after, quoted)
        found = [c for c in pool if c.passes]
        best = max((c.bm25 for c in found), default=0.0)
        scored = self.rank(question, pool, best)
        ranked = [sc for sc in scored if sc[1].passes]
        if not ranked:
            return Scored(question.analysis, 0.0, [])
        features = self.answer_features(question, ranked)
        chance = self.model.chance(features)
        first = ranked[0][1]
        rest = [sc for sc in scored if sc[1] is not first]
        later = later_passages(
            first, self.later_chances(question, ranked[0], rest, chance, best),
            self.model.later_threshold, self.settings)
        score = {id(c): s for s, c in scored}
        hits = [Hit(c.chunk, math.exp(score[id(c)]), c.coverage, c.start, c.end)
                for c in [first, *later]]
        return Scored(question.analysis, chance, hits, features)

    def rank(
        self, question: Question, found: list[Candidate], best: float | None = None
    ) -> list[tuple[float, Candidate]]:
        """Candidates with their scores, best first (ties by chunk id): the fitted
        model's score plus `evidence_prior` times the source's evidence strength, so a
        tired reader, who mostly reads quote 1, meets the stronger source first.
        `best` is the highest BM25 score of the candidates that may come first."""
        if best is None:
            best = max((c.bm25 for c in found), default=0.0)
        prior = self.settings.evidence_prior
        scored = [
            (self.model.score(ranking_features(c, question, best)) + prior * c.strength, c)
            for c in found
        ]
        scored.sort(key=lambda sc: (-sc[0], sc[1].chunk.chunk_id))
        return scored

    def answers(self, question: Question, ranked: list[tuple[float, Candidate]]) -> bool:
        """Does the best candidate answer the question at all?"""
        return self.model.chance(self.answer_features(question, ranked)) >= self.model.threshold

    def later_chances(
        self, question: Question, top: tuple[float, Candidate],
        rest: list[tuple[float, Candidate]], first_chance: float, best: float,
    ) -> list[tuple[float, Candidate]]:
        """Each later candidate with its own chance of answering too, in `rest`'s
        order. Scores are compared without the evidence prior, which only orders."""
        prior = self.settings.evidence_prior
        top_score = top[0] - prior * top[1].strength
        return [
            (self.model.later_chance(later_features(
                c, top[1], (s - prior * c.strength, top_score), place, first_chance, best)), c)
            for place, (s, c) in enumerate(rest)
        ]

    def answer_features(self, question: Question, ranked: list[tuple[float, Candidate]]
                        ) -> tuple[float, ...]:
        # Whether to answer rests on the model's own score; the evidence prior only
        # changes the order.
        prior = self.settings.evidence_prior
        scores = [s - prior * c.strength for s, c in ranked]
        return answerable_features(
            scores, [c for _, c in ranked], question, self.unknown_share(question))

    def candidates(self, text: str) -> tuple[Question, list[Candidate]]:
        """The question as read, and every candidate that may come first."""
        question, pool = self.pool(text)
        return question, [c for c in pool if c.passes]

    def pool(
        self, text: str, within: frozenset[str] | None = None, context: str | None = None,
        after: tuple[str, ...] = (), quoted: tuple[Span, ...] | None = None,
    ) -> tuple[Question, list[Candidate]]:
        """The question as read, and every candidate that meets the no-match rule's
        conditions, each marked whether it covers enough to come first; a chunk named
        in `quoted` is quoted only within its spans there."""
        question = self.reader.read(text, context)._replace(quoted=quoted)
        if self._recall is not None:
            # The words as read, spelling corrected: no labelled question has "acupucture".
            fixes = question.analysis.corrections
            whole = corrected(text, fixes)
            asking = whole if question.asking == text else corrected(question.asking, fixes)
            question = question._replace(recall=self._recall(whole, context, asking, after))
        allowed = None if within is None else self.positions.mask(within)
        weighted = self._weighted(question)
        topic = [(c, self.rule.weight(c))
                 for c in self.rule.topic(question.concepts, question.anchored)]
        found = []
        also = self.positions.of_units(question.recall.top)
        for position, (idx, score) in enumerate(
            candidates(self.index, question.concepts, self.settings, allowed, also)
        ):
            candidate = self._candidate(question, weighted, topic, idx, score, position)
            if candidate is not None:
                found.append(candidate)
            # The sentence that answered the closest labelled question, when the quote
            # chosen by the question's words leaves it out: the model weighs both.
            unit = question.recall.best_unit(self.chunks[idx])
            if unit is not None and (candidate is None or not (
                    candidate.start <= unit[0] and unit[1] <= candidate.end)):
                other = self._candidate(question, weighted, topic, idx, score, position, unit)
                if other is not None:
                    found.append(other)
        if any(c.source > 0 for c in found):
            # "What does the factsheet say about...?" is answered from the factsheet
            # when it has a candidate; otherwise from the others.
            found = [c for c in found if c.source >= 0]
        return question, found

    def _candidate(
        self, question: Question, weighted: WeightedConcepts, topic: list, idx: int,
        score: float, position: int, span: tuple[int, int] | None = None,
    ) -> Candidate | None:
        """The chunk's candidate, quoting the span the question's words choose; None
        when the chunk or its quote cannot answer. A `span` the memory's votes chose
        (the answer to close labelled questions) skips the word tests, not the kind's
        pattern: the model weighs it; only a close enough memory lets it come first."""
        s = self.settings
        chunk = self.chunks[idx]
        named = self._named(question, chunk.doc_id)
        cov = self._coverage(question, self.chunk_term_set(idx), named)
        if cov <= 0 and span is None:
            return None  # it does not name the treatment asked about, or covers nothing
        checked: dict[tuple[int, int], bool] = {}  # the span chosen is checked again

        def fits(a: int, b: int) -> bool:
            if (a, b) not in checked:
                checked[a, b] = self._fits(question, chunk, a, b, named)
            return checked[a, b]

        start, end = self.quotes.choose(chunk, weighted, fits, span)
        quote, kind = unit_text(chunk, (start, end)), question.kind
        if not (fits(start, end) if span is None else
                question.may_quote(chunk.chunk_id, start, end)
                and (kind is None or kind.has_pattern(quote))):
            return None  # the passage matches, but nothing it would show does
        terms = self.span_terms(chunk, start, end)
        quote_cov = self._coverage(question, terms, named)
        memory, vote = question.recall.for_span(chunk, start, end)
        return Candidate(
            chunk=chunk, start=start, end=end, position=position, bm25=score,
            coverage=cov, quote_coverage=quote_cov, own_share=own_share(topic, terms),
            quote_terms=terms,
            kind_terms=len(terms & kind.needs) if kind is not None else 0,
            names_treatment=bool(terms & self.analyzer.anchor_stems),
            has_number=self.subject.has_number(quote),
            counts=self.subject.counts(question, quote, s.count_window),
            sentences=sum(1 for a, b in chunk.units if start <= a and b <= end),
            strength=self._strength(chunk.doc_id),
            defines=self.subject.defines(question, quote),
            passes=passes(cov, quote_cov, memory, s.coverage_threshold,
                          s.quote_coverage_threshold, s.memory_pass),
            source=named,
            memory_quote=memory, memory_vote=vote,
            memory_chunk=question.recall.for_chunk(chunk),
        )

    def _fits(self, question: Question, chunk: Chunk, start: int, end: int, named: int) -> bool:
        """Could this span be the quote? It covers some of the question (naming the
        treatment when the question does), and has what the question's kind needs:
        "how many?" a number, "is it safe?" a word on risk. `named`: `_named`'s."""
        terms = self.span_terms(chunk, start, end)
        if (not question.may_quote(chunk.chunk_id, start, end)
                or self._coverage(question, terms, named) <= 0):
            return False
        kind = question.kind
        quote = unit_text(chunk, (start, end))
        return kind is None or self.subject.answers_kind(question, quote, terms)

    def _named(self, question: Question, doc_id: str) -> int:
        """1 when the question names this document's kind of source, -1 another."""
        kinds = question.sources
        return 0 if not kinds else 1 if self.source_kinds.get(doc_id) in kinds else -1

    def _strength(self, doc_id: str) -> float:
        return self.settings.evidence_strength.get(self.source_kinds.get(doc_id), 0.5)

    def _coverage(self, question: Question, terms: frozenset[str], named: int = 0) -> float:
        """The whole question's coverage, or its last question's if that is more; a
        question about the source a quote is from (`named` 1) as a whole, in full."""
        if named > 0 and question.kind is not None and question.kind.rule.of_source:
            return 1.0
        return max(self.rule.coverage(part, terms, question.anchored)
                   for part in (question.concepts, question.last) if part is not None)

    def parts(self, text: str) -> QuestionParts:
        """What `text` asks about, in its own words (`QuestionReader.parts`)."""
        return self.reader.parts(text)

    def unknown_share(self, question: Question) -> float:
        """Share of the question's subject weight in words the corpus never contains."""
        return self.rule.unknown_share(question.concepts, question.anchored)

    def _weighted(self, question: Question) -> WeightedConcepts:
        return weighted_concepts(question.concepts, question.kind, self.rule.weight,
                                 self.settings.frame_weight)
