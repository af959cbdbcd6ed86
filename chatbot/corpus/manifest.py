"""Reading the manifest: every problem in it at once, one line each, naming the file
and the field, so one bad entry hides no other."""

from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from chatbot.data import parse_toml
from chatbot.models import CorpusTexts, DocumentMeta, Manifest

MANIFEST = "manifest.toml"
DOCUMENTS = "documents"


class CorpusError(Exception):
    """A corpus cannot be used; `problems` holds one readable line per fault."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


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


def read_raw(path: Path) -> dict:
    if not path.is_file():
        raise CorpusError([f"{path}: missing manifest file"])
    try:
        return parse_toml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CorpusError([f"{path}: not UTF-8 text"]) from None
    except ValueError as exc:  # tomllib.TOMLDecodeError, from parse_toml
        raise CorpusError([f"{path}: not valid TOML: {exc}"]) from None


class Entry(NamedTuple):
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


def _corpus_texts(path: Path, raw: dict, problems: list[str]) -> CorpusTexts | None:
    """What the manifest says of the corpus itself, or None after adding its problems."""
    try:
        return corpus_texts(raw)
    except ValidationError as exc:
        problems += [_error_line(path, err, raw) for err in exc.errors()]
        return None


def manifest_problems(
    path: Path, raw: dict
) -> tuple[list[Entry], CorpusTexts | None, list[str]]:
    """Validate the manifest part by part, so one bad entry hides no other problem.

    Returns every entry (with its `DocumentMeta`, or None where it is invalid), the
    corpus's texts (None if invalid) and every problem: field errors, duplicate ids
    and duplicate or unsafe file names.
    """
    problems: list[str] = []
    texts = _corpus_texts(path, raw, problems)
    raw_entries = raw.get("documents")
    if raw_entries is None:
        problems.append(f"{path}: field documents: missing field")
    elif not isinstance(raw_entries, list):
        problems.append(f"{path}: field documents: must be [[documents]] tables")
    elif not raw_entries:
        problems.append(f"{path}: field documents: needs at least 1 document")
    if not isinstance(raw_entries, list):
        return [], texts, problems
    entries: list[Entry] = []
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
        entries.append(Entry(i, where, meta, file, _raw_spans(item)))
    return entries, texts, problems


def corpus_texts(raw: dict) -> CorpusTexts:
    """What the manifest says of the corpus itself (its documents aside)."""
    return CorpusTexts.model_validate({k: v for k, v in raw.items() if k != "documents"})


def read_manifest(root: Path) -> Manifest:
    """The validated manifest of `root`; CorpusError lists every problem in it."""
    path = root / MANIFEST
    raw = read_raw(path)
    _, _, problems = manifest_problems(path, raw)
    if problems:
        raise CorpusError(problems)
    return Manifest.model_validate(raw)


