"""The `Chatbot`: one object that turns a message into an `Answer`.

The CLI, the plain chat and the Textual app all call `Chatbot.ask`, so what a script
checks is what a person sees. Order matters: red flags first, before any retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from chatbot.caveats import CaveatWriter, reference_notes
from chatbot.chunking import chunk_document
from chatbot.conversation import Conversation
from chatbot.conversation.reading import FollowUpReader, Reading, Scope
from chatbot.conversation.smalltalk import small_talk
from chatbot.conversation.sources import asks_about_sources, sources_reply
from chatbot.conversation.texts import load_conversation_texts
from chatbot.corpus import Corpus, CorpusError, load_corpus
from chatbot.messages import MESSAGES, Messages, load_messages
from chatbot.models import Answer, Chunk, DocumentMeta, Passage, SafetyNet
from chatbot.retrieval import Hit, Retriever
from chatbot.safety import SafetyCheck
from chatbot.tokenizer import Analyzer

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

MAX_QUESTION_CHARS = 1000
"""Longer messages get a fixed "too long" reply: a question is a sentence or two."""


class Chatbot:
    def __init__(self, corpus_dir: Path | str | None = None) -> None:
        self.corpus: Corpus = load_corpus(Path(corpus_dir) if corpus_dir else None)
        self.chunks: list[Chunk] = []
        self._references: dict[str, dict[tuple[str, str], str]] = {}
        for doc in self.corpus.documents:
            doc_chunks = chunk_document(doc)
            self.chunks.extend(doc_chunks)
            self._references[doc.meta.id] = reference_notes(doc, doc_chunks)
        if not self.chunks:
            raise CorpusError([f"{self.corpus.root}: nothing left to index"])
        self.safety = SafetyCheck()
        kinds = {doc.meta.id: doc.meta.kind for doc in self.corpus.documents}
        self.retriever = Retriever(
            self.chunks, Analyzer(), self.safety.mentions_medicine, source_kinds=kinds
        )
        self.safety.set_known_words(self.retriever.analyzer.known_words)
        self.caveats = CaveatWriter()
        self.conversation_texts = load_conversation_texts()
        self.follow_ups = FollowUpReader(
            self.conversation_texts.follow_up, self.retriever.parts)
        count = len(self.corpus.documents)
        self.messages: Messages = MESSAGES if count == 5 else load_messages(count)

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
        reply = self._fixed_reply(text)
        if reply is not None:
            return Answer(question=question, status="reply", message=reply, safety_net=net)
        if self.safety.mentions_medicine(text):
            notices.append(self.messages.medicine_notice)
        reading = self.follow_ups.read(text, history)
        hits, scope = self._search(reading)
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

    def _fixed_reply(self, text: str) -> str | None:
        """Small talk and questions about the sources get fixed texts, never a quote."""
        talk = small_talk(text, self.conversation_texts.small_talk)
        if talk is not None:
            return talk.reply
        cues = self.conversation_texts.sources_question
        if asks_about_sources(text, cues, self.retriever.parts):
            return sources_reply(cues.reply_intro, self.documents, cues.reply_end)
        return None

    def _search(self, reading: Reading) -> tuple[list[Hit], Scope]:
        """Each of the reading's searches in turn (a follow-up looks first in the
        passage last quoted); the first that finds an answer, or none."""
        for scope in reading.scopes:
            _, hits = self.retriever.search(
                scope.text, within=scope.within, context=scope.context)
            if hits:
                return hits, scope
        return [], reading.scopes[0]

    def _passage(self, hit: Hit) -> Passage:
        doc = self.corpus.get(hit.chunk.doc_id)
        meta = doc.meta
        quote = doc.text[hit.quote_start : hit.quote_end]
        references = self._references[meta.id]
        study_note = hit.chunk.text if hit.chunk.text in references.values() else None
        tags, caveats = self.caveats.for_passage(quote, meta.kind, references, study_note)
        return Passage(
            doc_id=meta.id,
            title=meta.title,
            source_kind=meta.kind,
            source_label=meta.kind.label,
            author=meta.author,
            date=meta.date_label,
            chunk_id=hit.chunk.chunk_id,
            quote=quote,
            quote_start=hit.quote_start,
            quote_end=hit.quote_end,
            context=hit.chunk.text,
            context_start=hit.chunk.start,
            score=round(hit.score, 4),
            evidence=tags,
            caveats=caveats,
        )
