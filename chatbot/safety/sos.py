"""A message that is only a call for help ("help!!", "sos", "999") needs no detection:
it gets the emergency and crisis contacts at once."""

from __future__ import annotations

from chatbot.tokenizer import words


def normal_words(message: str) -> str:
    """The message's words, a word said twice in a row once: "help help!!" -> "help"."""
    out: list[str] = []
    for word in words(message):
        if not out or out[-1] != word:
            out.append(word)
    return " ".join(out)


def is_sos(message: str, sos_words: frozenset[str]) -> bool:
    return len(message) <= 40 and normal_words(message) in sos_words
