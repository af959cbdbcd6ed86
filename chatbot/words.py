"""The one word splitter: lowercased words of a normalised text, as documents,
questions and the safety check all read them."""

import re
from collections.abc import Iterable
from itertools import chain
from typing import NamedTuple

from chatbot.normalise import normalise
from chatbot.stemming import Memo

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


# "14 patients", "Nine patients", "20 people": a count of people in a study. The
# token lets "how many people took part?" find the sentence that says how many.
PEOPLE_WORDS = ("patients", "people", "individuals", "participants", "adults", "volunteers")
_PEOPLE_COUNT = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty)\s+"
    r"(?:\w+\s+){0,2}?(?:" + "|".join(PEOPLE_WORDS) + r")\b",
)  # matched on lowercased text
_ANY_PEOPLE_WORD = re.compile("|".join(PEOPLE_WORDS))
PEOPLE_COUNT_TOKEN = "peoplecount"


def _token_words(token: str) -> tuple[str, ...]:
    if token.endswith("'s"):
        token = token[:-2]
    token = token.replace("'", "")
    if "-" in token:
        parts = [p for p in token.split("-") if p]
        return (*parts, "".join(parts))
    return (token,) if token else ()


_TOKEN_WORDS = Memo(_token_words)


def words(text: str) -> list[str]:
    """Lowercased words; "it's" -> "it", "can't" -> "cant", and a hyphenated word
    gives its parts and its joined form ("electro-acupuncture" -> electro,
    acupuncture, electroacupuncture)."""
    text = normalise(text)
    out = _WORD.findall(text)
    if "'" in text or "-" in text:
        out = list(chain.from_iterable(map(_TOKEN_WORDS.__getitem__, out)))
    # else each token is its own word: most texts (a vocabulary phrase, a question)
    # take this path, about twice as fast.
    if _ANY_PEOPLE_WORD.search(text):  # a cheap test before the slower pattern
        out.extend(PEOPLE_COUNT_TOKEN for _ in _PEOPLE_COUNT.finditer(text))
    return out



class Phrases:
    """Phrases to leave out of a text's words, the longest first at each position:
    fillers such as "in plain words". A text holding none of their last words holds
    none of them, which one pass in C tells (most passages of a large corpus)."""

    def __init__(self, phrases: Iterable[str] = ()) -> None:
        self.keys = frozenset(k for k in (tuple(words(p)) for p in phrases) if k)
        self._longest = max(map(len, self.keys), default=0)
        self._lasts = frozenset(k[-1] for k in self.keys)

    def drop(self, text_words: list[str]) -> list[str]:
        if self._lasts.isdisjoint(text_words):
            return text_words
        out: list[str] = []
        i = 0
        while i < len(text_words):
            for size in range(min(self._longest, len(text_words) - i), 0, -1):
                if tuple(text_words[i : i + size]) in self.keys:
                    i += size
                    break
            else:
                out.append(text_words[i])
                i += 1
        return out


class Ignored(NamedTuple):
    """What says nothing of what is asked: stop words and fillers, and filler phrases
    ("in plain words"); the memory compares labelled questions without them."""

    words: frozenset[str]
    phrases: Phrases = Phrases()
