"""The `Chatbot`: one object that turns a message into an `Answer`.

The CLI, the plain chat and the Textual app all call `Chatbot.ask`, so what a script
checks is what a person sees. Order matters: red flags first, before any retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from chatbot.caveats import CaveatWriter, reference_notes
from chatbot.chunking import chunk_document
from chatbot.conversation import Conversation
from chatbot.corpus import Corpus, CorpusError, load_corpus
from chatbot.medicines import Medicines
from chatbot.messages import MESSAGES, Messages, load_messages
from chatbot.models import Answer, Chunk, DocumentMeta, Passage, SafetyNet
from chatbot.retrieval import Hit, Retriever
from chatbot.safety import SafetyCheck, load_safety
from chatbot.settings import MAX_QUESTION_CHARS, Environment
from chatbot.tokenizer import Analyzer

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")



class Chatbot:
    def __init__(self, corpus_dir: Path | str | None = None) -> None:
        env = Environment.read()
        self.corpus: Corpus = load_corpus(Path(corpus_dir) if corpus_dir else None)
        self.chunks: list[Chunk] = []
        self._references: dict[str, dict[tuple[str, str], str]] = {}
        for doc in self.corpus.documents:
            doc_chunks = chunk_document(doc)
            self.chunks.extend(doc_chunks)
            self._references[doc.meta.id] = reference_notes(doc, doc_chunks)
        if not self.chunks:
            raise CorpusError([f"{self.corpus.root}: nothing left to index"])
        kinds = {doc.meta.id: doc.meta.kind for doc in self.corpus.documents}
        medicines = Medicines()
        self.retriever = Retriever(
            self.chunks, Analyzer(medicines=medicines), medicines.names, source_kinds=kinds
        )
        self.safety = SafetyCheck(load_safety(medicines.list),
                                  known_words=self.retriever.analyzer.known_words,
                                  emergency=env.emergency, crisis=env.crisis)
        self.caveats = CaveatWriter()
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
        if self.safety.mentions_medicine(text):
            notices.append(self.messages.medicine_notice)
        _, hits = self.retriever.search(text)
        if not hits:
            return Answer(
                question=question,
                status="no_match",
                message=self.messages.no_match,
                notices=notices,
                suggestions=list(self.messages.examples),
                safety_net=net,
            )
        texts = self.caveats.texts.answer
        return Answer(
            question=question,
            status="answered",
            message=self.messages.answered,
            passages=[self._passage(hit) for hit in hits],
            caveats=list(texts.caveats),
            notices=notices,
            questions_for_team=list(texts.questions_for_team),
            safety_net=net,
        )

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
