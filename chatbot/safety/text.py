"""A message as sentences of clauses of words: what the safety rules are read over.

A message is normalised once (`chatbot.normalise`) and split into sentences by the
one splitter, as a typed message (`chatbot.sentences.typed_sentences`: any ".", "?",
"!", ";", line break or spaced dash, whatever follows). A clause also ends at a
comma, a colon, a bracket, an ellipsis ("just... gone" is one thought) or one of the
lexicon's clause-break words ("but"). Words come from `chatbot.tokenizer.words`.
"""

import re
from typing import NamedTuple

from chatbot.normalise import normalise
from chatbot.sentences import typed_sentences
from chatbot.words import PEOPLE_COUNT_TOKEN, words

_CLAUSE_END = re.compile(r"[,:()\[\]\"\u201c\u201d\u2026]+|\.{2,}")
_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")
_OD_D = re.compile(r"\bod['\u2019]d\b", re.IGNORECASE)
_HE_SHE_IS = re.compile(r"\b(he|she)['\u2019]s\b", re.IGNORECASE)
""""she's tired" is "she is tired" (the tokenizer drops "'s", as for "mum's")."""
""""OD'd" would become the word "odd" ("looks odd on one side"): read as "overdosed"."""
ANSWERED = "qanswer"
_ANSWERED = re.compile(
    r"\s*\?+(?=\s*(?:nope|nah|(?:no|none|not really)(?:\s*[,.!;:]|\s*$|\s+(?:just|only|but"
    r"|its|it's|i|im|i'm|thanks|thank)\b)))", re.IGNORECASE)
"""A question answered no ("chest pain? no, just aching legs") stays one sentence, the
answer marked by the word `ANSWERED`, so a calm rule can look back at the question."""


class Sentence(NamedTuple):
    """The words of one sentence, and for each word the number of its clause."""

    words: tuple[str, ...]
    clauses: tuple[int, ...]


def sentences(message: str, clause_breaks: frozenset[str],
              joins: frozenset[tuple[str, str]] = frozenset(),
              continues: frozenset[tuple[str, ...]] = frozenset()) -> list[Sentence]:
    """The message's sentences; hyphenated words are read as separate words
    ("self-harm" as "self harm"), so a term is written one way only. `joins`: word
    pairs ("and", "her") that start a new clause at their first word; `continues`: words
    that, after a comma, go on with the clause before ("side effects, like fainting")."""
    out: list[Sentence] = []
    message = _OD_D.sub("overdosed", _HYPHEN.sub(" ", normalise(message)))
    message = _HE_SHE_IS.sub(r"\1 is", message)
    message = _ANSWERED.sub(f", {ANSWERED} ", message)
    for part in typed_sentences(message):
        tokens: list[str] = []
        clauses: list[int] = []
        clause = 0
        for chunk in _CLAUSE_END.split(part):
            chunk_words = [w for w in words(chunk) if w != PEOPLE_COUNT_TOKEN]
            if tokens and any(tuple(chunk_words[:len(c)]) == c for c in continues):
                clause = clauses[-1]  # an example list goes on with its clause
            for i, word in enumerate(chunk_words):
                starts = word in clause_breaks or (
                    i + 1 < len(chunk_words) and (word, chunk_words[i + 1]) in joins)
                if starts and tokens and clauses[-1] == clause:
                    clause += 1
                tokens.append(word)
                clauses.append(clause)
            clause += 1
        if tokens:
            out.append(Sentence(tuple(tokens), tuple(clauses)))
    return out
