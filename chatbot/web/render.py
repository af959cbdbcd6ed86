"""Answers as the parts a page shows, and the templates that draw them.

What is shown, and in which order, is `render_text.sections` (shared with the plain
text, the Markdown export and the TUI), so the web page can never drop a caveat or a
source the other interfaces show. This module only pairs each part with the
passage it belongs to (for the "read it in the document" link) and fills templates.
Jinja2 escapes every value (autoescape), corpus and user text alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from chatbot.messages import MESSAGES
from chatbot.models import Answer, Passage
from chatbot.render_text import Section, sections

TITLE = "Acupuncture and MS: what the sources say"


@dataclass(frozen=True)
class Part:
    """One section of an answer, with the passage it is about (for the source link)."""

    section: Section
    passage: Passage | None
    link: str | None


@dataclass(frozen=True)
class Turn:
    """One question and its answer: the safety net, how the message was read, the
    first passage's parts, then the other passages' parts."""

    number: int
    question: str
    answer: Answer
    net: list[Part]
    parts: list[Part]
    more: list[list[Part]]

    @property
    def follows_note(self) -> str | None:
        """The earlier question this one was read with, unless the shared sections
        already show it (the page then shows theirs instead of its own line)."""
        if any(part.section.kind == "follows" for part in self.parts):
            return None
        return self.answer.follows


def quote_link(passage: Passage) -> str:
    """The source with this quote marked; only offsets in the URL, never words."""
    query = urlencode({"start": passage.quote_start, "end": passage.quote_end})
    return f"/sources/{passage.doc_id}?{query}#quote"


def _parts(answer: Answer, index: int) -> list[Part]:
    passage = answer.passages[index] if index < len(answer.passages) else None
    link = quote_link(passage) if passage is not None else None
    # The page takes no typed commands ("alone", "notes"): texts naming them are left out.
    return [Part(section, passage, link)
            for section in sections(answer, index, commands=False)]


def turn(number: int, answer: Answer) -> Turn:
    """The view of the `number`-th answer of a conversation (1-based)."""
    first = _parts(answer, 0)
    net = [part for part in first if part.section.kind == "safety_net"]
    rest = [part for part in first if part.section.kind != "safety_net"]
    more = [_parts(answer, i) for i in range(1, len(answer.passages))]
    return Turn(number, answer.question, answer, net, rest, more)


def paragraphs(text: str) -> list[list[str]]:
    """Blank-line separated paragraphs, each as its lines (a fixed text's layout)."""
    out: list[list[str]] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if lines:
            out.append(lines)
    return out


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("chatbot.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = paragraphs
    env.globals["TITLE"] = TITLE
    env.globals["ALONE_BUTTON"] = MESSAGES.choice_alone_button
    return env


def page(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
