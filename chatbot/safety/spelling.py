"""A second reading of a message with its misspellings corrected ("cheast", "brething").

Only a word that is neither a lexicon word nor a real word (the corpus's and the
vocabulary's, given when the check is built) is corrected, and only to a lexicon word, so "fewer"
never becomes "fever". The speller is built on the first unknown word: most
messages have none, and start-up stays cheap.

Spoken, dialect and non-native forms are no guess and are read first, in the typed
reading: a word ("cannae", "tae") or a phrase ("not able to") is its standard form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from chatbot.safety.text import Sentence
from chatbot.spelling import Speller


class Corrector:
    def __init__(self, lexicon_words: Callable[[], set[str]], min_length: int,
                 keep: list[str], spoken: dict[str, str] | None = None,
                 known_words: Iterable[str] = (), not_first: Iterable[str] = (),
                 no_as_not: Iterable[str] = ()) -> None:
        spoken = spoken or {}
        self._spoken = {k: v for k, v in spoken.items() if " " not in k}
        self._phrases: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for key, value in sorted(spoken.items(), key=lambda kv: -len(kv[0].split())):
            if " " in key:
                parts = tuple(key.split())
                self._phrases.setdefault(parts[0], []).append((parts, tuple(value.split())))
        self._not_first = frozenset(not_first)
        self._no_as_not = frozenset(no_as_not)
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

    def variants(self, sentence: Sentence) -> Sentence:
        """Spoken forms that are no guess: a dialect word ("tae") is its standard one, a
        phrase ("not able to") its standard form (the new words take the clause of the
        first), a dropped g ("wheezin", "breathin") the lexicon's "-ing" word. A word in
        `not_first` is read so only after another word of its clause ("at aw" is "at
        all"; "aw, my poor mum" is an exclamation)."""
        words, clauses = self._rephrase(sentence.words, sentence.clauses)
        spoken = self._spoken
        if spoken:
            words = tuple(spoken.get(w, w) if w not in self._not_first
                          or (i and clauses[i - 1] == clauses[i]) else w
                          for i, w in enumerate(words))
        words = tuple(w + "g" if w.endswith("in") and w not in self._lexicon
                      and w + "g" in self._lexicon else w for w in words)
        if self._no_as_not and "no" in words:
            words = self._dialect_no(words)
        return Sentence(words, clauses)

    def _dialect_no(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Scots "no" for "not" before a verb: "he is no answering" is "not answering";
        "there is no bleeding" and "no swelling" stay as they are."""
        out = list(words)
        for i in range(1, len(words) - 1):
            if (words[i] == "no" and words[i - 1] in self._no_as_not
                    and words[i + 1].endswith("ing") and (i < 2 or words[i - 2] != "there")):
                out[i] = "not"
        return tuple(out)

    def _rephrase(self, words: tuple[str, ...], clauses: tuple[int, ...]
                  ) -> tuple[tuple[str, ...], tuple[int, ...]]:
        if not self._phrases or not any(w in self._phrases for w in words):
            return words, clauses
        out_words: list[str] = []
        out_clauses: list[int] = []
        i = 0
        while i < len(words):
            for parts, value in self._phrases.get(words[i], ()):
                if words[i:i + len(parts)] == parts:
                    out_words += value
                    out_clauses += [clauses[i]] * len(value)
                    i += len(parts)
                    break
            else:
                out_words.append(words[i])
                out_clauses.append(clauses[i])
                i += 1
        return tuple(out_words), tuple(out_clauses)

    def correct(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._word(w) for w in words)

    def _word(self, word: str) -> str:
        # Known words first: the lexicon's word set is built only for the others.
        if len(word) < self._min_length or word in self._real or word in self._lexicon:
            return word
        if self._speller is None:
            self._speller = Speller(set(self._lexicon), set(self._lexicon))
        return self._speller.correct(word) or word
