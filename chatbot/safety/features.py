"""A message as a fixed-size vector for the learned backstop: hashed word n-grams,
and the stems or character n-grams of its words.

Words are the safety check's own reading (`text.sentences`: "she's" is "she is",
"self-harm" is "self harm"); word n-grams stay within a sentence. A real word (the
spelling corrector's list of common English words) is read whole, as its stem
("breathing" and "breathes" are "breath"), so "bread" shares nothing with "breath". A
word no such list holds, a misspelling, slang or a medicine's name ("brething",
"cnt", "amitriptyline"), is read by its character n-grams with its edges marked
("<bret", "hing>"), so it still shares most of its features with the word meant.
Function words ("and", "what", "the") count only inside word 2-grams: they say how a
message is written (a story, a question), not what it is about; so do the lexicon's
one-word time terms ("tonight", "now"), which say when, not what. Each feature is
hashed (CRC-32, the same on every machine and in every process, unlike Python's
`hash`) into one of 2**bits slots; a message's vector has 1 in the slots it uses,
scaled to unit length. The training script and the chatbot use this one definition.
"""

import hashlib
import zlib
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from chatbot.safety.text import sentences
from chatbot.spelling import english_words
from chatbot.tokenizer import stem


def words_read(message: str) -> int:
    """How many words the backstop reads in a message (the safety check's reading)."""
    return sum(len(s.words) for s in sentences(message, frozenset()))


def real_words_sha256() -> str:
    """Of the list of real words as read: a refit records it, a test compares."""
    return hashlib.sha256("\n".join(sorted(english_words())).encode("utf-8")).hexdigest()


def _words(value: object) -> object:
    return frozenset(value.split()) if isinstance(value, str) else value


class FeatureSpec(BaseModel):
    """The feature definition, stored with the weights it was fitted for."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hash: str = Field(default="crc32", pattern="^crc32$")
    bits: int = Field(ge=8, le=22)
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (3, 5)
    function_words: Annotated[frozenset[str], BeforeValidator(_words)] = frozenset()
    """Written as one text, words between spaces (TOML reads one string faster than an
    array of them, and start-up is paid on every run)."""
    real_words_sha256: str = Field(pattern="^[0-9a-f]{64}$")
    """The list of real words the weights were fitted with (`chatbot/data/
    english_words.txt`): a changed list calls for a refit."""


class Featurizer:
    def __init__(self, spec: FeatureSpec) -> None:
        self.spec = spec
        self._mask = (1 << spec.bits) - 1
        self._slots = lru_cache(maxsize=20_000)(self._word_slots)

    def _slot(self, gram: str) -> int:
        return zlib.crc32(gram.encode("utf-8")) & self._mask

    def _word_features(self, word: str) -> list[str]:
        if word in self.spec.function_words:
            return []
        if word in english_words():
            return ["s " + stem(word)]
        low, high = self.spec.char_ngrams
        marked = f"<{word}>"
        return ["c " + marked[i:i + n] for n in range(low, high + 1)
                for i in range(len(marked) - n + 1)]

    def _word_grams(self, tokens: tuple[str, ...]) -> list[str]:
        low, high = self.spec.word_ngrams
        return ["w " + " ".join(tokens[i:i + n]) for n in range(low, high + 1)
                for i in range(len(tokens) - n + 1)
                if n > 1 or tokens[i] not in self.spec.function_words]

    def _word_slots(self, word: str) -> frozenset[int]:
        """A word's own slots (cached: most words come up again)."""
        return frozenset(map(self._slot, self._word_features(word)))

    def grams(self, message: str) -> list[str]:
        """Every feature as text, for a reviewer's list of what weighs most."""
        out: list[str] = []
        for sentence in sentences(message, frozenset()):
            out += [g for word in sentence.words for g in self._word_features(word)]
            out += self._word_grams(sentence.words)
        return out

    def slots(self, message: str) -> list[int]:
        """The sorted slots a message uses, each once."""
        used: set[int] = set()
        for sentence in sentences(message, frozenset()):
            for word in sentence.words:
                used |= self._slots(word)
            used.update(map(self._slot, self._word_grams(sentence.words)))
        return sorted(used)
