"""The `Chatbot`: one object that turns a message into an `Answer`.

The CLI, the plain chat and the Textual app all call `Chatbot.ask`, so what a script
checks is what a person sees. Order matters: red flags first, before any retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from chatbot import build
from chatbot.caveats import CaveatWriter, load_caveats
from chatbot.chunking import list_lead_in
from chatbot.conversation import Conversation
from chatbot.conversation.bars import load_bars
from chatbot.conversation.reading import FollowUpReader, Reading, Scope
from chatbot.conversation.referents import study_says
from chatbot.conversation.smalltalk import small_talk
from chatbot.conversation.sources import asks_a_sources_date, asks_about_sources, sources_reply
from chatbot.conversation.texts import load_conversation_texts
from chatbot.corpus import Corpus, load_corpus
from chatbot.index import BM25Index
from chatbot.medicines import Medicines
from chatbot.messages import Messages, load_messages
from chatbot.models import Answer, Chunk, DocumentMeta, Passage, SafetyNet
from chatbot.retrieval import Hit, Retriever
from chatbot.retrieval.memory import QuestionMemory, load_memory
from chatbot.retrieval.model import load_model
from chatbot.retrieval.ranking import Scored
from chatbot.retrieval.sources import SourceReader, described_words
from chatbot.retrieval.studies import Studies
from chatbot.safety import SafetyCheck, load_safety
from chatbot.settings import MAX_QUESTION_CHARS, Environment, load_settings
from chatbot.stemming import Memo
from chatbot.tokenizer import Analyzer
from chatbot.vocabulary import for_corpus, load_vocabulary

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SPANS_KEPT = 4096
"""How many quotes' caveats `Chatbot._notes` keeps before starting afresh."""


class Chatbot:
    """Built once from a corpus (`corpus_dir`, else $CHATBOT_CORPUS, else the bundled
    one); `ask` answers one message."""

    def __init__(
        self, corpus_dir: Path | str | None = None, *, memory: QuestionMemory | bool = True
    ) -> None:
        """Build every part once, in order; none changes another once it is built.
        `memory`: the corpus's labelled questions (True), none (False), or these (the
        ranking fit gives each question set a memory without itself)."""
        env = Environment.read()
        # 1. The corpus: its documents, and what it says of itself.
        self.corpus: Corpus = load_corpus(Path(corpus_dir) if corpus_dir else env.corpus)
        texts = self.corpus.texts
        # 2. Its passages, and the words of each as indexed (read once).
        self.chunks: list[Chunk]
        self.chunks, self._references = build.chunk_corpus(self.corpus)
        chunk_words = build.chunk_words(self.chunks)
        # 3. The analyser: the general vocabulary with the corpus's own, the medicine
        #    list, and the corpus's words (spelling may correct to them).
        medicines = Medicines()
        vocabulary = for_corpus(load_vocabulary(), texts.treatment, texts.vocabulary)
        analyzer = Analyzer(vocabulary, medicines, build.corpus_words(chunk_words))
        # 4. The index over the passages' terms, 5. retrieval over it.
        chunk_terms = [analyzer.read(w).terms for w in chunk_words]
        settings = load_settings()
        index = BM25Index(chunk_terms, b=settings.length_normalisation)
        kinds = {doc.meta.id: doc.meta.kind for doc in self.corpus.documents}
        #    A source named as the corpus describes it ("the uk factsheet").
        sources = SourceReader(analyzer.stop_words,
                               described=described_words(d.meta for d in self.corpus.documents))
        #    The questions answered before, if the corpus brings them, and the model
        #    fitted with them (or the one fitted without).
        if memory is True:
            memory = load_memory(self.corpus.root, self.chunks, analyzer.ignored, settings)
        self.memory = memory or None
        self.retriever = Retriever(self.chunks, chunk_terms, analyzer, index,
                                   is_medicine=medicines.names,
                                   source_kinds=kinds, settings=settings,
                                   model=load_model(with_memory=self.memory is not None),
                                   memory=self.memory, sources=sources)
        # 6. The red-flag check, from its own files; it never "corrects" a real word.
        self.safety = SafetyCheck(load_safety(medicines.list), known_words=analyzer.known_words,
                                  emergency=env.emergency, crisis=env.crisis,
                                  treatment=texts.treatment and texts.treatment.name)
        # 7. The bot's own words for this corpus.
        self.caveats = CaveatWriter(load_caveats().for_corpus(texts))
        self.messages: Messages = load_messages(len(self.corpus.documents), texts)
        # 8. Reading a message with the conversation, from its own reviewed cues.
        self.conversation_texts = load_conversation_texts()
        #    Each kind of search's bar to answer, fitted with the same model.
        bars = load_bars()
        self.bars = bars.for_model(self.memory is not None)
        #    And the chance that a follow-up search's best answers.
        self.follow_model = bars.model_for(self.memory is not None)
        self.follow_ups = self._follow_up_reader(analyzer)
        # A quote's lead-in and caveats are fixed by its span: worked out once per span
        # (the same passages answer many questions).
        self._span_notes: Memo[tuple[Chunk, int, int], tuple] = Memo(self._notes, SPANS_KEPT)

    def _follow_up_reader(self, analyzer: Analyzer) -> FollowUpReader:
        """"That study" is the study quoted, wherever it is told (its note, the
        sentences citing it); "that review" one the words of its passages name."""
        studies = Studies(self.chunks, self._references)
        return FollowUpReader(
            self.conversation_texts.follow_up, self.retriever.parts, analyzer.stop_words,
            self.memory.closest if self.memory is not None else None, studies.about,
            study_says(studies.text, analyzer.terms))

    @property
    def documents(self) -> list[DocumentMeta]:
        return [doc.meta for doc in self.corpus.documents]

    def document_text(self, doc_id: str) -> str:
        return self.corpus.get(doc_id).text

    def never_quoted(self, doc_id: str) -> list[tuple[int, int, str]]:
        """(start, end, reason) of each span never quoted, for marking when a person
        reads the whole document (the clinic's advert, page furniture...)."""
        return list(self.corpus.get(doc_id).never_quoted)

    def conversation(self, history: Iterable[Answer] = ()) -> Conversation:
        """A conversation, continuing from `history` (earlier answers, oldest first)."""
        return Conversation(self, history)

    def ask(self, question: str, history: Sequence[Answer] = ()) -> Answer:
        """The answer to `question`, read with the earlier answers of its conversation."""
        # Lone surrogates (from broken input) cannot be written as JSON: show U+FFFD.
        question = _LONE_SURROGATE.sub("\ufffd", question)
        notices: list[str] = []
        text = question.strip()
        if not text:
            return Answer(question=question, status="no_match", message=self.messages.empty)
        # Red flags first, whatever the length: a tired person's long message may end
        # with the one line that matters. Urgent: the fixed reply alone; a safety net:
        # the fixed text goes with whatever answer follows.
        verdict = self.safety.check(text)
        if verdict.tier == "urgent":
            return Answer(question=question, status="urgent", message=verdict.message)
        net = (SafetyNet(flag=verdict.flag, message=verdict.message)
               if verdict.tier == "safety_net" and verdict.flag else None)
        if len(text) > MAX_QUESTION_CHARS:
            return Answer(question=question, status="no_match", message=self.messages.too_long,
                          safety_net=net)
        talk = small_talk(text, self.conversation_texts.small_talk)
        if talk is not None:
            return Answer(question=question, status="reply", message=talk.reply, safety_net=net)
        if self.safety.mentions_medicine(text):
            notices.append(self.messages.medicine_notice)
        reading = self.follow_ups.read(text, history)
        sources = self._asks_about_sources(text)
        if sources is not None and not asks_a_sources_date(text, self.retriever.parts):
            reading = reading.of_quote()
        hits, scope = self._search(reading) if reading.scopes else ([], Scope(text))
        if not hits and sources is not None:
            return Answer(question=question, status="reply", message=sources, safety_net=net)
        choices: list[Literal["alone"]] = ["alone"] if reading.offers_alone(scope) else []
        if not hits:
            return Answer(
                question=question,
                status="no_match",
                message=self.messages.no_match,
                notices=notices,
                suggestions=list(self.messages.examples),
                safety_net=net,
                follows=scope.follows,
                choices=choices,
            )
        texts = self.caveats.texts.answer
        return Answer(
            question=question,
            status="answered",
            message=self.messages.answered,
            passages=[self._passage(hit) for hit in hits],
            caveats=list(texts.caveats),
            notices=notices,
            questions_for_team=texts.questions_for(self._person(text, history)),
            safety_net=net,
            follows=scope.follows,
            choices=choices,
        )

    def _person(self, text: str, history: Sequence[Answer]) -> str:
        """Who the question is about: a carer's "my wife" is "her" for the rest of
        the conversation, until another person is named."""
        words = self.conversation_texts.person
        for message in [text, *(a.question for a in reversed(history))]:
            person = words.about(message)
            if person is not None:
                return person
        return "self"

    def _asks_about_sources(self, text: str) -> str | None:
        """The fixed text listing the sources, when `text` asks about them; never a
        quote, unless it asks whose the study just quoted is (`Reading.of_quote`)."""
        cues = self.conversation_texts.sources_question
        if asks_about_sources(text, cues, self.retriever.parts):
            return sources_reply(cues.reply_intro, self.documents, cues.reply_end)
        return None

    def _search(self, reading: Reading) -> tuple[list[Hit], Scope]:
        """Each of the reading's searches in turn (a follow-up looks first in the
        passage last quoted); the first that finds an answer, or none."""
        for scope in reading.scopes:
            found = self.retriever.scored_search(
                scope.text, within=scope.within, context=scope.context, after=scope.after,
                quoted=scope.quoted)
            bar = self.bars.get(scope.name, self.retriever.model.threshold)
            if found.hits and self.chance(found, scope.name) >= bar:
                return found.hits, scope
        return [], reading.scopes[0]

    def chance(self, found: Scored, scope: str) -> float:
        """The chance that a search's best answers: a follow-up's by its own model."""
        if scope == "alone" or self.follow_model is None or not found.features:
            return found.chance
        return self.follow_model.chance(found.features, scope)

    def _passage(self, hit: Hit) -> Passage:
        doc = self.corpus.get(hit.chunk.doc_id)
        meta = doc.meta
        quote = doc.text[hit.quote_start : hit.quote_end]
        lead, tags, caveats = self._span_notes[hit.chunk, hit.quote_start, hit.quote_end]
        return Passage(
            doc_id=meta.id,
            title=meta.title,
            source_kind=meta.kind,
            source_label=meta.kind.label,
            author=meta.author,
            date=meta.date_label,
            **meta.provenance,
            chunk_id=hit.chunk.chunk_id,
            quote=quote,
            quote_start=hit.quote_start,
            quote_end=hit.quote_end,
            lead_in=doc.text[lead[0] : lead[1]] if lead else None,
            lead_in_start=lead[0] if lead else None,
            context=hit.chunk.text,
            context_start=hit.chunk.start,
            score=round(hit.score, 4),
            evidence=list(tags),
            caveats=list(caveats),
        )

    def _notes(self, span: tuple[Chunk, int, int]
               ) -> tuple[tuple[int, int] | None, tuple[str, ...], tuple[str, ...]]:
        """A quote's list lead-in, evidence tags and caveats."""
        chunk, start, end = span
        doc = self.corpus.get(chunk.doc_id)
        references = self._references[doc.meta.id]
        study_note = chunk.text if chunk.text in references.values() else None
        tags, caveats = self.caveats.for_passage(doc.text[start:end], doc.meta.kind,
                                                 references, study_note)
        return list_lead_in(doc.text, chunk.units, start), tuple(tags), tuple(caveats)
