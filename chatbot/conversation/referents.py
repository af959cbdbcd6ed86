"""What a pointer naming a kind of study points at: "how many studies were in that
review?" after the bladder study's note points at no passage just quoted (the note is
of an open study, not a review), so it is searched for everywhere; after an answer
that quoted the review second, at that passage."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from chatbot.retrieval.studies import Span

if TYPE_CHECKING:
    from chatbot.models import Passage

Says = Callable[[tuple[Span, ...], tuple[str, ...]], bool]
"""Whether the passages about a study use any of the words given (as stems)."""


def named_kinds(key: tuple[str, ...], pointers: Sequence[tuple[int, int]],
                kinds: Sequence[str]) -> tuple[str, ...]:
    """The kinds of study the message's pointers name, in the pointer ("the review")
    or right after it ("those trials")."""
    return tuple(dict.fromkeys(w for s, e in pointers for w in key[s : e + 1] if w in kinds))


def pointed_at(passages: Sequence["Passage"], named: tuple[str, ...],
               study: Callable[[str, int, int], tuple[Span, ...]],
               says: Says) -> "Passage | None":
    """The first passage just quoted whose study is of a kind named (the first one
    when none is named); None: none is."""
    if not named:
        return passages[0]
    return next((p for p in passages
                 if says(study(p.chunk_id, p.quote_start, p.quote_end), named)), None)


def study_says(text: Callable[[Span], str], terms: Callable[[str], list[str]]) -> Says:
    """`Says` over the corpus: a word's stems among the terms of the passages' text."""

    def says(spans: tuple[Span, ...], words: tuple[str, ...]) -> bool:
        wanted = set(terms(" ".join(words)))
        return any(wanted.intersection(terms(text(span))) for span in spans)

    return says
