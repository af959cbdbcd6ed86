"""A second reading of a message with its misspellings corrected ("cheast", "brething").

Only a word that is neither a lexicon word nor a real word (the corpus's and the
vocabulary's, given when the check is built) is corrected, and only to a lexicon word, so "fewer"
never becomes "fever". The speller is built on the first unknown word: most
messages have none, and start-up stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from chatbot.spelling import Speller


class Corrector:
    def __init__(self, lexicon_words: Callable[[], set[str]], min_length: int,
                 keep: list[str], spoken: dict[str, str] | None = None,
                 known_words: Iterable[str] = ()) -> None:
        self._spoken = spoken or {}
        self._lexicon_words = lexicon_words
        self._lexicon_cache: frozenset[str] | None = None
        self._min_length = min_length
        self._keep = frozenset(keep)
        self._real = frozenset(known_words) | self._keep
        self._speller: Speller | None = None

    @property
    def _lexicon(self) -> frozenset[str]:
        if self._lexicon_cache is None:
            self._lexicon_cache = frozenset(w for w in self._lexicon_words() if len(w) >= 4)
        return self._lexicon_cache

    def variants(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Spoken forms that are no guess: a dialect word ("tae") is its standard one, a
        dropped g ("wheezin", "breathin") the lexicon's "-ing" word."""
        spoken = self._spoken
        words = tuple(spoken.get(w, w) for w in words) if spoken else words
        return tuple(w + "g" if w.endswith("in") and w not in self._lexicon
                     and w + "g" in self._lexicon else w for w in words)

    def correct(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._word(w) for w in words)

    def _word(self, word: str) -> str:
        # Known words first: the lexicon's word set is built only for the others.
        if len(word) < self._min_length or word in self._real or word in self._lexicon:
            return word
        if self._speller is None:
            self._speller = Speller(set(self._lexicon), set(self._lexicon))
        return self._speller.correct(word) or word
