"""Find, read and validate a corpus directory (manifest.toml + documents/).

A corpus that fails validation never yields a half-built index: `load_corpus` raises
`CorpusError` listing every problem, one line each, naming the file and the field.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from chatbot.models import DocumentMeta, Manifest
from chatbot.settings import CORPUS_ENV, Environment

__all__ = ["CORPUS_ENV", "Corpus", "CorpusError", "Document", "load_corpus"]
MANIFEST = "manifest.toml"
DOCUMENTS = "documents"


class CorpusError(Exception):
    """A corpus cannot be used; `problems` holds one readable line per fault."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    text: str
    never_quoted: tuple[tuple[int, int, str], ...]
    """(start, end, reason) of each never-quote span, found once at load, in order."""

    @property
    def excluded(self) -> tuple[tuple[int, int], ...]:
        """Character ranges [start, end) that are never indexed or quoted."""
        return tuple((start, end) for start, end, _ in self.never_quoted)


@dataclass(frozen=True)
class Corpus:
    root: Path
    documents: tuple[Document, ...]

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
    here = Path(__file__).resolve().parent
    packaged = here / "_corpus"
    if (packaged / MANIFEST).is_file():
        return packaged
    return here.parent / "corpus"


_PLAIN_ERRORS = {"extra_forbidden": "unknown field", "missing": "missing field"}


def _field_path(loc: tuple[int | str, ...], manifest: object) -> str:
    """Turn a pydantic location into `documents[2] (id 'x').title`."""
    parts: list[str] = []
    node: object = manifest
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label += f" (id {node['id']!r})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + item)
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def _error_line(path: Path, err: dict, raw: object) -> str:
    msg = _PLAIN_ERRORS.get(err["type"], err["msg"])
    return f"{path}: field {_field_path(err['loc'], raw)}: {msg}"


def _read_raw(path: Path) -> dict:
    if not path.is_file():
        raise CorpusError([f"{path}: missing manifest file"])
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CorpusError([f"{path}: not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError([f"{path}: not valid TOML: {exc}"]) from None


def _is_entry_error(loc: tuple[int | str, ...]) -> bool:
    return len(loc) >= 2 and loc[0] == "documents" and isinstance(loc[1], int)


@dataclass
class _Entry:
    """One manifest entry as far as it can be read, valid or not."""

    index: int
    where: str
    meta: DocumentMeta | None
    file: str | None
    never_quote: list[tuple[int, str, str]]


def _raw_spans(entry: dict) -> list[tuple[int, str, str]]:
    spans = entry.get("never_quote")
    if not isinstance(spans, list):
        return []
    return [
        (j, nq["start"], nq.get("end", "") if isinstance(nq.get("end", ""), str) else "")
        for j, nq in enumerate(spans)
        if isinstance(nq, dict) and isinstance(nq.get("start"), str) and nq["start"]
    ]


def _manifest_problems(path: Path, raw: dict) -> tuple[list[_Entry], list[str]]:
    """Validate the manifest entry by entry, so one bad entry hides no other problem.

    Returns every entry (with its `DocumentMeta`, or None where it is invalid) and
    every problem: field errors, duplicate ids and duplicate or unsafe file names.
    """
    problems: list[str] = []
    try:
        Manifest.model_validate(raw)
    except ValidationError as exc:
        # Entry-level errors are reported below, with the duplicates, from each entry.
        problems += [
            _error_line(path, err, raw)
            for err in exc.errors()
            if not _is_entry_error(err["loc"]) and "duplicate document id" not in err["msg"]
        ]
    raw_entries = raw.get("documents")
    if not isinstance(raw_entries, list):
        return [], problems
    entries: list[_Entry] = []
    first_id: dict[str, int] = {}
    first_file: dict[str, int] = {}
    for i, item in enumerate(raw_entries):
        where = f"{path}: field {_field_path(('documents', i), raw)}"
        meta: DocumentMeta | None = None
        try:
            meta = DocumentMeta.model_validate(item)
        except ValidationError as exc:
            problems += [
                _error_line(path, {**err, "loc": ("documents", i, *err["loc"])}, raw)
                for err in exc.errors()
            ]
        if not isinstance(item, dict):
            continue
        doc_id, file = item.get("id"), item.get("file")
        if isinstance(doc_id, str) and doc_id:
            if doc_id in first_id:
                problems.append(
                    f"{where}.id: duplicate id {doc_id!r} "
                    f"(first used by documents[{first_id[doc_id]}])"
                )
                meta = None
            first_id.setdefault(doc_id, i)
        if not isinstance(file, str) or not file:
            file = None
        elif Path(file).name != file or file in (".", ".."):
            problems.append(f"{where}.file: {file!r} must be a file name inside {DOCUMENTS}/")
            meta, file = None, None
        elif file in first_file:
            problems.append(
                f"{where}.file: file {file!r} is listed twice "
                f"(first by documents[{first_file[file]}])"
            )
            meta, file = None, None
        else:
            first_file[file] = i
        entries.append(_Entry(i, where, meta, file, _raw_spans(item)))
    return entries, problems


def read_manifest(root: Path) -> Manifest:
    """The validated manifest of `root`; CorpusError lists every problem in it."""
    path = root / MANIFEST
    raw = _read_raw(path)
    _, problems = _manifest_problems(path, raw)
    if problems:
        raise CorpusError(problems)
    return Manifest.model_validate(raw)


def find_span(text: str, start: str, end: str) -> tuple[int, int] | None:
    """Locate a never-quote span; None when its text is not in the document."""
    begin = text.find(start)
    if begin < 0:
        return None
    if not end:
        return begin, begin + len(start)
    stop = text.find(end, begin + len(start))
    if stop < 0:
        return None
    return begin, stop + len(end)


def _read_document(root: Path, entry: _Entry, problems: list[str]) -> Document | None:
    """Read one listed document, adding a line to `problems` for each fault.

    Entries with field errors are still read, so a missing file or a wrong
    never-quote span shows up in the same run as the typo.
    """
    if entry.file is None:
        return None
    path = root / DOCUMENTS / entry.file
    named = f"(named in {entry.where}.file)"
    if not path.is_file():
        problems.append(f"{path}: missing document {named}")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(f"{path}: not UTF-8 text {named}")
        return None
    except OSError as exc:
        problems.append(f"{path}: cannot be read: {exc.strerror or exc} {named}")
        return None
    if not text.strip():
        problems.append(f"{path}: empty document {named}")
        return None
    spans: list[tuple[int, int, int]] = []  # (start, end, index in never_quote)
    found_all = True
    for j, start, end in entry.never_quote:
        span = find_span(text, start, end)
        if span is None:
            missing, shown = ("start", start) if text.find(start) < 0 else ("end", end)
            problems.append(
                f"{entry.where}.never_quote[{j}].{missing}: text not found in "
                f"{entry.file} ({shown[:60]!r})"
            )
            found_all = False
        else:
            spans.append((*span, j))
    if entry.meta is None or not found_all:
        return None
    reasons = [nq.reason for nq in entry.meta.never_quote]
    never_quoted = tuple(sorted((s, e, reasons[j]) for s, e, j in spans))
    return Document(meta=entry.meta, text=text, never_quoted=never_quoted)


def _scan(root: Path) -> tuple[list[Document], list[str]]:
    """Every document that could be read, and every problem found on the way."""
    if not root.is_dir():
        return [], [f"{root}: corpus directory not found"]
    path = root / MANIFEST
    try:
        raw = _read_raw(path)
    except CorpusError as exc:
        return [], exc.problems
    entries, problems = _manifest_problems(path, raw)
    documents = [doc for e in entries if (doc := _read_document(root, e, problems)) is not None]
    if not documents and not problems:
        problems.append(f"{path}: no documents")
    return documents, problems


def load_corpus(root: Path | None = None) -> Corpus:
    """Read and validate a corpus; CorpusError lists every problem, one per line."""
    root = Path(root) if root is not None else default_corpus_dir()
    documents, problems = _scan(root)
    if problems:
        raise CorpusError(problems)
    return Corpus(root=root, documents=tuple(documents))


def chunk_counts(corpus: Corpus) -> dict[str, int]:
    """How many passages each document gives once its never-quote spans are cut."""
    from chatbot.chunking import chunk_document  # chunking imports this module

    return {doc.meta.id: len(chunk_document(doc)) for doc in corpus.documents}


def check_corpus(root: Path | None = None) -> list[str]:
    """Every problem that makes a corpus unusable or a document unreachable.

    Beyond what `load_corpus` checks, a document must leave at least one passage
    with a word in it once its never-quote spans are cut out: otherwise it could
    never be quoted, and a corpus of such documents would build an empty index.
    """
    from chatbot.chunking import chunk_document
    from chatbot.tokenizer import words

    root = Path(root) if root is not None else default_corpus_dir()
    documents, problems = _scan(root)
    for doc in documents:
        if not any(words(c.text) for c in chunk_document(doc)):
            problems.append(
                f"{root / DOCUMENTS / doc.meta.file}: nothing left to index once the "
                f"never_quote spans of document {doc.meta.id!r} are cut out"
            )
    return problems
