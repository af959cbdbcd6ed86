"""Find, read and validate a corpus directory (manifest.toml + documents/).

A corpus that fails validation never yields a half-built index: `load_corpus` raises
`CorpusError` listing every problem, one line each, naming the file and the field.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from chatbot.models import DocumentMeta, Manifest

CORPUS_ENV = "CHATBOT_CORPUS"
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
    excluded: tuple[tuple[int, int], ...]
    """Character ranges [start, end) that are never indexed or quoted."""


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
    env = os.environ.get(CORPUS_ENV)
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    packaged = here / "_corpus"
    if (packaged / MANIFEST).is_file():
        return packaged
    return here.parent / "corpus"


def _field_path(loc: tuple[int | str, ...], manifest: dict) -> str:
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


def read_manifest(root: Path) -> Manifest:
    path = root / MANIFEST
    if not path.is_file():
        raise CorpusError([f"{path}: missing manifest file"])
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError([f"{path}: not valid TOML: {exc}"]) from None
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        problems = [
            f"{path}: field {_field_path(err['loc'], raw)}: {err['msg']}"
            for err in exc.errors()
        ]
        raise CorpusError(problems) from None


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


def load_corpus(root: Path | None = None) -> Corpus:
    root = Path(root) if root is not None else default_corpus_dir()
    if not root.is_dir():
        raise CorpusError([f"{root}: corpus directory not found"])
    manifest = read_manifest(root)
    problems: list[str] = []
    documents: list[Document] = []
    seen_files: set[str] = set()
    for i, meta in enumerate(manifest.documents):
        where = f"{root / MANIFEST}: field documents[{i}] (id {meta.id!r})"
        if meta.file in seen_files:
            problems.append(f"{where}.file: file {meta.file!r} is listed twice")
        seen_files.add(meta.file)
        path = root / DOCUMENTS / meta.file
        if not path.is_file():
            problems.append(f"{path}: missing document (named in {where}.file)")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(f"{path}: not UTF-8 text")
            continue
        if not text.strip():
            problems.append(f"{path}: empty document")
            continue
        spans: list[tuple[int, int]] = []
        for j, nq in enumerate(meta.never_quote):
            span = find_span(text, nq.start, nq.end)
            if span is None:
                problems.append(
                    f"{where}.never_quote[{j}]: span not found in {meta.file} "
                    f"(start {nq.start[:40]!r})"
                )
            else:
                spans.append(span)
        documents.append(Document(meta=meta, text=text, excluded=tuple(sorted(spans))))
    if problems:
        raise CorpusError(problems)
    return Corpus(root=root, documents=tuple(documents))
