"""Plain-text rendering of an Answer, shared by plain mode, `chatbot ask` and the TUI.

One function, `sections`, decides what a person is shown for an answer and in which
order; the plain text, the Markdown export and the Textual widgets all draw from it,
so the caveats and the source can never be left out of one view but not another.
Nothing here imports Textual: every string stays literal text.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from dataclasses import dataclass
from typing import Literal, TextIO

from chatbot.messages import MESSAGES
from chatbot.models import Answer, Passage

SectionKind = Literal[
    "safety_net",
    "follows",
    "message",
    "quote",
    "source",
    "caveats",
    "notices",
    "team_questions",
    "suggestions",
    "notes_hint",
]

URGENT_LABEL = "URGENT"
SAFETY_NET_LABEL = "Safety first"
"""Label of a safety net: a possible red flag, shown before anything else."""
CAVEATS_LABEL = "About this evidence"
"""Plain words for "caveats"; `MESSAGES.answered` points to it by name."""
NO_DATE = "no date given"
TEAM_QUESTIONS_LABEL = "Questions to ask your MS team"
LEAD_IN_LABEL = "The quote is one point of a list that begins"
"""Label of a list's lead-in, shown as its own quote before a quote of one bullet."""


@dataclass(frozen=True)
class Section:
    """One labelled part of an answer; `lines` are corpus or bot text, shown as is."""

    kind: SectionKind
    title: str
    lines: tuple[str, ...]


def source_line(passage: Passage) -> str:
    """ "title — kind — date": the three facts a reader needs to weigh a quote."""
    kind = passage.source_label or passage.source_kind.label
    if passage.author:
        kind = f"{kind}, by {passage.author}"
    return f"{passage.title} — {kind} — {passage.date or NO_DATE}"


def caveats_for(answer: Answer, passage: Passage | None, first: bool = True) -> list[str]:
    """The passage's own caveats, then the answer's (with the first passage only: the
    same two notes under every passage are noise to a tired reader), no repeats."""
    seen: list[str] = []
    for caveat in [*(passage.caveats if passage else []), *(answer.caveats if first else [])]:
        if caveat not in seen:
            seen.append(caveat)
    return seen


def passage_count(answer: Answer) -> int:
    return len(answer.passages)


def sections(
    answer: Answer, passage_index: int = 0, *, general: bool = True, commands: bool = True
) -> list[Section]:
    """What to show for `answer` with passage `passage_index` (0 = the first reply).

    A later passage ("more") repeats the source, its own caveats and the notices, but
    not the answer's caveats, the questions for the MS team or the suggestions, which
    were shown with the first. A conversation shows those general notes once
    (`general=False` after that): each later answer names the command that shows
    them again, so every answer fits the first screen. `commands`: the interface takes
    typed commands ("alone", "notes"), so the texts that name them are shown.
    `Passage.evidence` holds machine tags; its words for people are in the caveats.
    """
    total = len(answer.passages)
    passage = answer.passages[passage_index] if passage_index < total else None
    first = passage_index == 0
    out: list[Section] = []
    if answer.safety_net is not None:
        # Before everything, and again with each later passage: a possible emergency
        # must not scroll out of sight behind quotes.
        out.append(Section("safety_net", SAFETY_NET_LABEL, (answer.safety_net.message,)))
    if first and answer.follows is not None:
        text = MESSAGES.follows.replace("{question}", _short(answer.follows))
        if commands and "alone" in answer.choices:
            text = f"{text} {MESSAGES.choice_alone}"
        out.append(Section("follows", "", (text,)))
    if not first:
        heading = f"Passage {passage_index + 1} of {total} for: {_short(answer.question)}"
        out.append(Section("message", "", (heading,)))
    elif general or answer.status != "answered":
        # "Here is what my sources say..." explains how to read an answer: once per
        # conversation, like the general notes, so later answers fit the screen.
        title = URGENT_LABEL if answer.status == "urgent" else ""
        out.append(Section("message", title, (answer.message,)))
    if answer.notices:
        # Fixed notices ("never stop a medicine without your MS team") come before any
        # quote, so they are on the first screen, not below the fold.
        out.append(Section("notices", "Important", tuple(answer.notices)))
    if passage is not None:
        if passage.lead_in:
            out.append(Section("quote", LEAD_IN_LABEL, (passage.lead_in,)))
        label = f"Quote, passage {passage_index + 1} of {total}"
        out.append(Section("quote", label, (passage.quote,)))
        out.append(Section("source", "Source", (source_line(passage),)))
    caveats = caveats_for(answer, passage, first and general)
    if caveats:
        out.append(Section("caveats", CAVEATS_LABEL, tuple(caveats)))
    if first and not general and (answer.caveats or answer.questions_for_team):
        out.append(Section("notes_hint", "", (MESSAGES.notes_hint,)))
    if first and general and answer.questions_for_team:
        out.append(
            Section(
                "team_questions",
                TEAM_QUESTIONS_LABEL,
                tuple(answer.questions_for_team),
            )
        )
    if first and answer.suggestions:
        out.append(Section("suggestions", "You could ask", tuple(answer.suggestions)))
    return out


def titled_message(part: Section) -> str:
    """The message with its label ("URGENT: ..."), unless the text already starts so."""
    text = "\n".join(part.lines)
    if not part.title or text.startswith(part.title):
        return text
    return f"{part.title}: {text}"


def _indent(text: str, prefix: str) -> list[str]:
    return [f"{prefix}{line}" if line.strip() else "" for line in text.splitlines() or [""]]


def render_sections(parts: list[Section]) -> str:
    """Plain lines, no box drawing; labels end in a colon so screen readers say them."""
    lines: list[str] = []
    for part in parts:
        if part.kind in ("message", "safety_net", "follows", "notes_hint"):
            lines.append(titled_message(part))
        elif part.kind == "quote":
            lines.append(f"{part.title}:")
            for quote in part.lines:
                lines.extend(_indent(f"\u201c{quote.strip()}\u201d", "    "))
        elif part.kind == "source":
            lines.append(f"{part.title}: {part.lines[0]}")
        else:
            lines.append(f"{part.title}:")
            for item in part.lines:
                item_lines = item.splitlines() or [""]
                lines.append(f"  - {item_lines[0]}")
                lines.extend(f"    {rest}" for rest in item_lines[1:])
    return "\n".join(lines)


def render_answer(answer: Answer, passage_index: int = 0, *, general: bool = True) -> str:
    """The whole answer as plain text (by default with its first, best passage)."""
    return render_sections(sections(answer, passage_index, general=general))


def general_notes(answer: Answer) -> list[Section]:
    """The answer-level caveats and the questions for the MS team, on request."""
    out = []
    if answer.caveats:
        out.append(Section("caveats", CAVEATS_LABEL, tuple(answer.caveats)))
    if answer.questions_for_team:
        out.append(Section("team_questions", TEAM_QUESTIONS_LABEL,
                           tuple(answer.questions_for_team)))
    return out


_LEAD = re.compile(r"^(\s*(?:- |\d+\. )?)")


def wrap_lines(text: str, width: int) -> str:
    """Wrap each line at word boundaries to `width`, keeping its indent (and a list
    item's hanging indent), so a terminal never breaks a word in two. Words are never
    split or hyphenated: the quote's words stay whole, only where lines break moves."""
    out: list[str] = []
    for line in text.splitlines():
        lead = _LEAD.match(line).group(1)  # type: ignore[union-attr]
        if len(line) <= width or not line.strip():
            out.append(line)
            continue
        out.extend(
            textwrap.wrap(
                line,
                width=width,
                subsequent_indent=" " * len(lead),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def _short(question: str, limit: int = 70) -> str:
    """A long message named in a heading: its start, so the heading stays one line."""
    question = " ".join(question.split())
    if len(question) <= limit:
        return question
    cut = question[: limit - 1]
    # At a space when there is one in the last third, never in the middle of a word.
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 2 // 3 else cut).rstrip(" ,;:-") + "…"


def for_terminal(text: str, stream: TextIO) -> str:
    """`text` wrapped to the terminal's width when `stream` is one; unchanged when it
    is a pipe or a file, so scripts and transcripts get the lines as they are."""
    try:
        if not stream.isatty():
            return text
    except (AttributeError, ValueError):
        return text
    return wrap_lines(text, max(shutil.get_terminal_size().columns - 1, 20))
