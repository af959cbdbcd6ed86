"""Spelling correction for questions: a misspelt word becomes the nearest known word.

Its own module because two readers use it: the question analyser (corpus and
vocabulary words) and the safety check (the words its lexicons use).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from functools import cache

from chatbot.data import DATA_DIR
from chatbot.stemming import Memo

_LONGEST_CORRECTED = 24
"""Longer "words" are not words ("electroacupuncture" has 18 letters), and the
candidates of a word grow with the square of its length."""
WORDS_KEPT = 50_000
"""How many typed words' corrections a `Speller` keeps before starting afresh."""


class Speller:
    """Corrects a misspelt word to a known word by edit distance (symmetric deletes).

    Distance 1, or 2 for words of 11 letters or more; the first letter must match.
    Four-letter words correct only to vocabulary words, shorter ones never: too many
    real words lie one edit apart, and a real word the corpus lacks ("diabetes",
    "insurance") must stay itself so that it counts against a match.
    """

    def __init__(
        self, known: set[str], lexicon: set[str], real_words: Container[str] = frozenset()
    ) -> None:
        self.known = {w for w in known if w.isalpha() and len(w) >= 4}
        self.lexicon = lexicon
        self.real_words = real_words
        """Real words that are never "corrected": "lung" is not a misspelt "long"."""
        self._deletes: dict[str, set[str]] = {}
        # Each typed word's correction, worked out once (a conversation's misspellings
        # come again).
        self._corrected: Memo[str, str | None] = Memo(self._correct, WORDS_KEPT)
        for w in self.known:
            for d in _deletes(w, 2 if len(w) >= 10 else 1):
                self._deletes.setdefault(d, set()).add(w)

    def correct(self, word: str) -> str | None:
        """The known word one edit away (two for long words), or None."""
        return self._corrected[word]

    def _correct(self, word: str) -> str | None:
        if not word.isalpha() or not 4 <= len(word) <= _LONGEST_CORRECTED:
            return None
        if word in self.real_words:
            return None
        limit = 2 if len(word) >= 11 else 1
        # Four-letter words ("stif", "hlep", "payn") only correct to the vocabulary's
        # own words: among all corpus words, too many lie one edit away.
        allowed = self.lexicon if len(word) == 4 else None
        candidates: set[str] = set()
        for d in _deletes(word, limit):
            candidates |= self._deletes.get(d, set())
        best: tuple[int, str] | None = None
        for cand in candidates:
            if cand[0] != word[0] or (allowed is not None and cand not in allowed):
                continue
            dist = _osa_distance(word, cand)
            if dist <= limit and (best is None or (dist, cand) < best):
                best = (dist, cand)
        return best[1] if best else None


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _osa_distance(a: str, b: str) -> int:
    """Edit distance where swapping two neighbouring letters counts as one edit."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


class SortedWords:
    """A word list kept as its sorted text, one word a line, and searched there by
    bisection: no set of 28,000 strings to build (3-5 ms on every start) for the few
    words a message holds; a look-up costs about 15 string comparisons."""

    def __init__(self, text: str) -> None:
        self._text = text if text.endswith("\n") else text + "\n"

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        text = self._text
        lo, hi = 0, len(text)  # both at the start of a line
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", lo, mid) + 1 or lo  # the line holding mid
            end = text.index("\n", start)
            line = text[start:end]
            if line == word:
                return True
            if line < word:
                lo = end + 1
            else:
                hi = start
        return False

    def __iter__(self) -> Iterator[str]:
        return iter(self._text.split())

    def __len__(self) -> int:
        return self._text.count("\n")


@cache
def english_words() -> SortedWords:
    """Common English words (data/english_words.txt, from the wordfreq lists), sorted,
    read on the first message: a real word is never turned into a corpus word. The
    comment lines at its top are skipped; a test checks the rest is sorted."""
    text = (DATA_DIR / "english_words.txt").read_text(encoding="utf-8")
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    return SortedWords(text[start:])
