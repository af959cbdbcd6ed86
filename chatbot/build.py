"""The bot's parts, built once, in order, each from the parts before it.

corpus -> chunks -> analyser (with the corpus's words) -> index -> retrieval; the
red-flag check from its own data files. `Chatbot.__init__` calls these steps one
after another; each returns a new part and changes none it is given, so what a part
knows is what it was built with.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from chatbot.caveats import reference_notes
from chatbot.chunking import chunk_document
from chatbot.corpus import Corpus, CorpusError
from chatbot.models import Chunk
from chatbot.retrieval.spans import index_text
from chatbot.tokenizer import words

References = dict[str, dict[tuple[str, str], str]]
"""Per document: (first author, year) of a cited study -> the document's note on it."""


def chunk_corpus(corpus: Corpus) -> tuple[list[Chunk], References]:
    """Every document's passages, in corpus order, and its notes on the studies it
    cites; a corpus that leaves nothing to index is refused."""
    chunks: list[Chunk] = []
    references: References = {}
    for doc in corpus.documents:
        doc_chunks = chunk_document(doc)
        chunks.extend(doc_chunks)
        references[doc.meta.id] = reference_notes(doc, doc_chunks)
    if not chunks:
        raise CorpusError([f"{corpus.root}: nothing left to index"])
    return chunks, references


def chunk_words(chunks: Sequence[Chunk]) -> list[list[str]]:
    """The words of each passage as it is indexed, read once: the analyser learns the
    corpus's words from them, then turns them into terms."""
    return [words(index_text(chunk)) for chunk in chunks]


def corpus_words(per_chunk: Sequence[Sequence[str]]) -> set[str]:
    return set(chain.from_iterable(per_chunk))
