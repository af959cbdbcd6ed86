"""Find and load a corpus directory (manifest.toml + documents/), all or nothing."""

from pathlib import Path
from typing import NamedTuple

from chatbot.corpus.documents import Document, read_document
from chatbot.corpus.manifest import (
    MANIFEST,
    CorpusError,
    manifest_problems,
    read_raw,
)
from chatbot.models import CorpusTexts
from chatbot.settings import Environment


class Corpus(NamedTuple):
    root: Path
    documents: tuple[Document, ...]
    texts: CorpusTexts
    """What the corpus says of itself: its topic, welcome, examples, caveats..."""

    def get(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.meta.id == doc_id:
                return doc
        raise KeyError(doc_id)


def default_corpus_dir() -> Path:
    """The corpus to use when none is named: $CHATBOT_CORPUS, else the bundled one.

    A built wheel carries the corpus inside the package (`chatbot/_corpus`); an
    editable install or a source checkout reads the top-level `corpus/`.
    """
    env = Environment.read().corpus
    if env is not None:
        return env
    here = Path(__file__).resolve().parent.parent  # the chatbot package
    packaged = here / "_corpus"
    if (packaged / MANIFEST).is_file():
        return packaged
    return here.parent / "corpus"


def scan(root: Path) -> tuple[list[Document], CorpusTexts | None, list[str]]:
    """Every document that could be read, the corpus's texts (None if invalid), and
    every problem found on the way."""
    if not root.is_dir():
        return [], None, [f"{root}: corpus directory not found"]
    path = root / MANIFEST
    try:
        raw = read_raw(path)
    except CorpusError as exc:
        return [], None, exc.problems
    entries, texts, problems = manifest_problems(path, raw)
    documents = [doc for e in entries if (doc := read_document(root, e, problems)) is not None]
    if not documents and not problems:
        problems.append(f"{path}: no documents")
    return documents, None if problems else texts, problems


def load_corpus(root: Path | None = None) -> Corpus:
    """Read and validate a corpus; CorpusError lists every problem, one per line."""
    root = Path(root) if root is not None else default_corpus_dir()
    documents, texts, problems = scan(root)
    if problems or texts is None:
        raise CorpusError(problems)
    return Corpus(root=root, documents=tuple(documents), texts=texts)


