"""A message as a fixed-size vector for the learned backstop: hashed word and
character n-grams.

Words are the safety check's own reading (`text.sentences`: "she's" is "she is",
"self-harm" is "self harm"); word n-grams stay within a sentence. Character n-grams
are taken from each word with its edges marked ("<chest>"), so a misspelling or a
word no lexicon holds ("brething", "sips") still shares most of its features with
words seen in training. Each n-gram is hashed (CRC-32, the same on every machine and
in every process, unlike Python's `hash`) into one of 2**bits slots; a message's
vector has 1 in the slots it uses, scaled to unit length. The training script and the
chatbot use this one definition.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from chatbot.safety.text import sentences


class FeatureSpec(BaseModel):
    """The feature definition, stored with the weights it was fitted for."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hash: str = Field(default="crc32", pattern="^crc32$")
    bits: int = Field(ge=8, le=22)
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (3, 5)
    function_words: frozenset[str] = frozenset()
    """Words read whole only, by their word n-grams ("and", "what", "the"): their
    character n-grams would weigh them many times over, and they say how a message is
    written (a story, a question), not what it is about."""
    function_unigrams: bool = True
    """False: a function word counts only inside a word 2-gram ("going to", "no pain")."""


class Featurizer:
    def __init__(self, spec: FeatureSpec) -> None:
        self.spec = spec
        self._mask = (1 << spec.bits) - 1
        self._chars = lru_cache(maxsize=20_000)(self._word_slots)

    def _slot(self, gram: str) -> int:
        return zlib.crc32(gram.encode("utf-8")) & self._mask

    def _char_grams(self, word: str) -> list[str]:
        low, high = self.spec.char_ngrams
        marked = f"<{word}>"
        return ["c " + marked[i:i + n] for n in range(low, high + 1)
                for i in range(len(marked) - n + 1)]

    def _word_grams(self, tokens: tuple[str, ...]) -> list[str]:
        low, high = self.spec.word_ngrams
        skip = frozenset() if self.spec.function_unigrams else self.spec.function_words
        return ["w " + " ".join(tokens[i:i + n]) for n in range(low, high + 1)
                for i in range(len(tokens) - n + 1) if n > 1 or tokens[i] not in skip]

    def _word_slots(self, word: str) -> frozenset[int]:
        """A word's character n-gram slots (cached: most words come up again)."""
        if word in self.spec.function_words:
            return frozenset()
        return frozenset(map(self._slot, self._char_grams(word)))

    def grams(self, message: str) -> list[str]:
        """Every n-gram, for a reviewer's list of what weighs most."""
        out: list[str] = []
        for sentence in sentences(message, frozenset()):
            out += [g for word in sentence.words if word not in self.spec.function_words
                    for g in self._char_grams(word)]
            out += self._word_grams(sentence.words)
        return out

    def slots(self, message: str) -> list[int]:
        """The sorted slots a message uses, each once."""
        used: set[int] = set()
        for sentence in sentences(message, frozenset()):
            for word in sentence.words:
                used |= self._chars(word)
            used.update(map(self._slot, self._word_grams(sentence.words)))
        return sorted(used)
