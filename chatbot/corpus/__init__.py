"""A corpus: a directory with `manifest.toml` and `documents/`, read and checked.

One job a module: `manifest` (its fields, every problem at once), `documents` (a
document's text and the spans never quoted), `load` (all or nothing: a broken corpus
never yields a half-built index), `check` (`chatbot corpus check`, imported when
first used: answering a question never needs it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chatbot.corpus.documents import Document, find_span
from chatbot.corpus.load import Corpus, default_corpus_dir, load_corpus
from chatbot.corpus.manifest import DOCUMENTS, MANIFEST, CorpusError, read_manifest
from chatbot.settings import CORPUS_ENV

if TYPE_CHECKING:
    from chatbot.corpus.check import (
        check_corpus,
        chunk_counts,
        corpus_warnings,
        example_warnings,
        vocabulary_warnings,
    )

_CHECKS = ("check_corpus", "chunk_counts", "corpus_warnings", "example_warnings",
           "vocabulary_warnings")

__all__ = ["CORPUS_ENV", "DOCUMENTS", "MANIFEST", "Corpus", "CorpusError", "Document",
           "check_corpus", "chunk_counts", "corpus_warnings", "default_corpus_dir",
           "example_warnings", "find_span", "load_corpus", "read_manifest",
           "vocabulary_warnings"]


def __getattr__(name: str) -> Any:
    if name in _CHECKS:
        from chatbot.corpus import check

        return getattr(check, name)
    raise AttributeError(f"module 'chatbot.corpus' has no attribute {name!r}")
