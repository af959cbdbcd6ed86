"""Stems, computed once per word: the Snowball English stemmer (Porter2, in C) behind
a bounded memo, shared by every part that reads words."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import Stemmer

_STEMMER = Stemmer.Stemmer("english")
_STEMMER.maxCacheSize = 0
"""`STEMS` below is the one cache: PyStemmer's own (10,000 words by default) makes each
new word cost two to four times as much to stem (1.2-2 ms against 0.5 ms for the
2,000 words a bot is built with)."""

_K = TypeVar("_K")
_V = TypeVar("_V")
_MEMO_LIMIT = 500_000


class Memo(dict[_K, _V]):
    """A dict that computes a missing key once: `map(memo.__getitem__, words)` then runs
    at C speed for every word seen before. It holds the keys seen (a corpus's
    vocabulary and the questions' words, quotes' spans...), emptied if it ever reaches
    `limit` (default _MEMO_LIMIT)."""

    def __init__(self, compute: Callable[[_K], _V], limit: int = _MEMO_LIMIT) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: _K) -> _V:
        if len(self) >= self._limit:
            self.clear()  # bounded, whatever a long session types
        value = self[key] = self._compute(key)
        return value


STEMS: Memo[str, str] = Memo(_STEMMER.stemWord)
"""Word -> stem, for every word seen (map(STEMS.__getitem__, words) is fast)."""


def stem(word: str) -> str:
    return STEMS[word]


def stem_all(words: Iterable[str]) -> None:
    """Stem many words in one call to the C stemmer (ten times faster than one by
    one): the vocabulary's and the corpus's words, once, when the analyser is built."""
    new = [w for w in set(words) if w not in STEMS]
    if len(STEMS) + len(new) < _MEMO_LIMIT:
        STEMS.update(zip(new, _STEMMER.stemWords(new), strict=True))
