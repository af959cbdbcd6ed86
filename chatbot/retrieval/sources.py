"""Naming a source: "the factsheet", "the wellington clinic's post".

A question that names a source asks what that source says. The names of each kind of
source are reviewed words in `data/source_names.toml`; a name is read with the words
just before it in the same phrase ("the wellington acupuncture clinic's post"), since
those words name the document too, not what is asked of it. Which of them only name it
("uk" in "the uk factsheet") is told by what the corpus says of its documents (title,
publisher, description): `described`.
"""

from collections.abc import Iterable
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.data import load_data_file
from chatbot.models import DocumentMeta, SourceKind
from chatbot.tokenizer import words

IN_A_NAME = frozenset({"a", "an", "the", "this", "that", "these", "those", "my", "your", "his",
                       "her", "their", "our", "its", "s"})
"""Stop words inside a source's name ("the clinic's post"); any other ends it."""
ANY_SOURCE = frozenset(SourceKind)
"""The kinds a name of no kind ("the post", "that page") may be."""


class SourceName(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: list[str] = Field(min_length=1)
    kinds: list[SourceKind]


class SourceNamesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    not_examples: list[str] = Field(min_length=1)
    names: list[SourceName] = Field(min_length=1)
    examples: dict[str, list[SourceKind]] = Field(min_length=1)

    @model_validator(mode="after")
    def _each_name_once(self) -> "SourceNamesFile":
        seen: set[tuple[str, ...]] = set()
        for name in self.names:
            for phrase in name.words:
                key = tuple(words(phrase))
                if not 1 <= len(key) <= 2 or key in seen:
                    raise ValueError(f"source name {phrase!r}: one or two words, named once")
                seen.add(key)
        return self


class Mention(NamedTuple):
    """Where a question names a source."""

    name: frozenset[str]
    """The naming words ("clinic", "post")."""
    phrase: frozenset[str]
    """Every word of the phrase that names it ("wellington", "clinic", "post")."""
    kinds: frozenset[SourceKind]
    """The kinds of source it may be."""
    described: frozenset[str] = frozenset()
    """The words the corpus describes the documents of those kinds with."""


class SourceReader:
    def __init__(self, stop_words: frozenset[str], names: SourceNamesFile | None = None,
                 described: dict[SourceKind, frozenset[str]] | None = None) -> None:
        names = names or load_source_names()
        self.stop_words = stop_words
        self.described = described or {}
        """Each kind of source -> the words of its documents' titles, publishers and
        descriptions."""
        self.names: dict[tuple[str, ...], frozenset[SourceKind]] = {
            tuple(words(phrase)): frozenset(n.kinds) or ANY_SOURCE
            for n in names.names for phrase in n.words
        }

    def read(self, question_words: list[str]) -> list[Mention]:
        """Each phrase of the question that names a source, in order."""
        out: list[Mention] = []
        i = 0
        while i < len(question_words):
            n, kinds = self._name_at(question_words, i)
            if not n:
                i += 1
                continue
            start = i
            while start > 0 and self._in_name(question_words[start - 1]):
                start -= 1
            end = i + n
            while (more := self._name_at(question_words, end))[0]:  # "clinic blog post"
                kinds &= more[1]
                end += more[0]
            name = frozenset(question_words[i:end])
            phrase = frozenset(question_words[start:end])
            if out and out[-1].phrase & phrase:  # one phrase: "the clinic's blog"
                last = out.pop()
                name, phrase, kinds = name | last.name, phrase | last.phrase, kinds & last.kinds
            kinds = kinds or ANY_SOURCE
            described = frozenset().union(*(self.described.get(k, ()) for k in kinds))
            out.append(Mention(name, phrase, kinds, described))
            i = end
        return out

    def _name_at(self, seq: list[str], i: int) -> tuple[int, frozenset[SourceKind]]:
        for n in (2, 1):
            kinds = self.names.get(tuple(seq[i : i + n]))
            if kinds is not None and i + n <= len(seq):
                return n, kinds
        return 0, frozenset()

    def _in_name(self, word: str) -> bool:
        return word not in self.stop_words or word in IN_A_NAME


def load_source_names() -> SourceNamesFile:
    return load_data_file("source_names.toml", SourceNamesFile)


def described_words(documents: Iterable[DocumentMeta]) -> dict[SourceKind, frozenset[str]]:
    """Each kind of source -> the words of its documents' titles, publishers and
    descriptions: what a person reading the list of sources would call them by."""
    out: dict[SourceKind, set[str]] = {}
    for doc in documents:
        said = (doc.title, doc.publisher or "", doc.description)
        out.setdefault(doc.kind, set()).update(w for text in said for w in words(text))
    return {kind: frozenset(found) for kind, found in out.items()}
