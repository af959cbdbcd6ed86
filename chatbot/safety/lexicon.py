"""Find every term of every concept and calm trigger in a sentence's words.

A plain dictionary from first word to terms: building it for some 3,000 terms costs
about a millisecond, where compiling the old 300 regular expressions cost 35-55 ms.
"""

import threading
from typing import NamedTuple

from chatbot.stemming import Memo

COUNT_MIN = 5
WORDS_KEPT = 50_000
"""How many words' matching class and prefix terms `Lexicon.find` keeps."""
YEARS = range(1950, 2040)
FEVER = (range(38, 43), range(100, 107))
"""A body temperature that is a fever, in Celsius or Fahrenheit ("39.5" is read as the
words "39" and "5", so a fever term is "#temp #digit")."""


def _is_fever(number: str) -> bool:
    return number.isdigit() and any(int(number) in span for span in FEVER)


class Mention(NamedTuple):
    """Words [start, end) of a sentence that say `label` (a concept or a calm rule)."""

    label: str
    start: int
    end: int


def _word_matches(pattern: str, word: str) -> bool:
    if pattern == "#count":
        return word.isdigit() and int(word) >= COUNT_MIN
    if pattern == "#year":
        return word.isdigit() and len(word) == 4 and int(word) in YEARS
    if pattern == "#temp":
        return _is_fever(word)
    if pattern == "#digit":
        return len(word) == 1 and word.isdigit()
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return pattern == word


class Lexicon:
    """Plain terms in a dictionary by their words (one lookup per start and length);
    terms with a class or a prefix ("#count", "suicid*") are few and tried word by
    word, by their first word's kind."""

    def __init__(self, terms: dict[str, list[str]]) -> None:
        self._exact: dict[tuple[str, ...], list[str]] = {}
        self._lengths: dict[str, set[int]] = {}
        self._wild: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        # Terms opening with a class or a prefix, by that first part: a word is tried
        # against each first part once ("#count", "suicid*"), not against every term.
        self._open: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        # Plain terms wait, grouped by their first word, until a message has that word:
        # most words of the lexicon never come up, and start-up is paid on every run.
        self._pending: dict[str, list[tuple[str, str]]] = {}
        # The terms opening with a class or a prefix that each word seen matches.
        self._opened: Memo[str, list[tuple[tuple[str, ...], str]]] = Memo(
            self._opening, WORDS_KEPT)
        self._lock = threading.Lock()  # two chats asking at once index a word once
        pending = self._pending
        for label, label_terms in terms.items():
            for term in label_terms:
                if "*" in term or "#" in term:
                    parts = tuple(term.split())
                    first = parts[0]
                    if first[0] == "#" or first[-1] == "*":
                        self._open.setdefault(first, []).append((parts, label))
                    else:
                        self._wild.setdefault(first, []).append((parts, label))
                    continue
                first = term.partition(" ")[0]
                waiting = pending.get(first)
                if waiting is None:
                    pending[first] = [(term, label)]
                else:
                    waiting.append((term, label))

    def _index(self, word: str) -> None:
        with self._lock:  # checked under the lock: never read half an index
            waiting = self._pending.pop(word, None)
            if waiting is None:
                return
            sizes = self._lengths.setdefault(word, set())
            for term, label in waiting:
                parts = tuple(term.split())
                self._exact.setdefault(parts, []).append(label)
                sizes.add(len(parts))

    def words(self) -> set[str]:
        """Every plain word of every term: what a misspelling may be corrected to.
        Computed on demand (most messages need no correction)."""
        for word in list(self._pending):
            self._index(word)
        wild = [parts for entries in self._wild.values() for parts, _ in entries]
        opened = [parts for entries in self._open.values() for parts, _ in entries]
        return {part for parts in (*self._exact, *wild, *opened)
                for part in parts if part.isalpha()}

    def _opening(self, word: str) -> list[tuple[tuple[str, ...], str]]:
        return [e for first, entries in self._open.items()
                if _word_matches(first, word) for e in entries]

    def find(self, words: tuple[str, ...]) -> list[Mention]:
        out: list[Mention] = []
        n = len(words)
        exact, lengths, wild = self._exact, self._lengths, self._wild
        for i, word in enumerate(words):
            if word in self._pending or self._lock.locked():
                self._index(word)
            for size in lengths.get(word, ()):
                if i + size <= n:
                    labels = exact.get(words[i : i + size])
                    if labels:
                        out.extend(Mention(label, i, i + size) for label in labels)
            for parts, label in (*wild.get(word, ()), *self._opened[word]):
                end = i + len(parts)
                if end <= n and all(_word_matches(p, w)
                                    for p, w in zip(parts[1:], words[i + 1:end], strict=True)):
                    out.append(Mention(label, i, end))
        return out
