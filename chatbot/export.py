"""Markdown export of a conversation, written only when the person asks for it.

Pure functions over `(question, Answer)` pairs, with no Textual import, so the CLI
can offer the same export. Every passage of every answer goes in (not just the ones
shown on screen) together with its source and caveats: a printed copy shown to an
MS team must carry the warnings with the quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from chatbot.models import Answer
from chatbot.provenance import provenance_lines
from chatbot.render_text import URGENT_LABEL, sections

Exchange = tuple[str, Answer]

# The characters CommonMark reads as inline markup (links, emphasis, code, HTML,
# tables, headings); others are left alone so the file stays readable as text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")

HEADING = "Conversation with the information chatbot"


def md_literal(text: str) -> str:
    """Backslash-escape Markdown punctuation: `Grade [A]` must not become a link."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _quote_block(text: str) -> list[str]:
    """A blockquote that keeps the source's line breaks (two trailing spaces each)."""
    lines = [f"> {md_literal(line)}  " if line.strip() else ">" for line in text.splitlines()]
    if lines:
        lines[-1] = lines[-1].rstrip()
    return lines


def _answer_markdown(answer: Answer) -> list[str]:
    lines: list[str] = []
    indexes = range(len(answer.passages)) or range(1)
    for index in indexes:
        for part in sections(answer, index):
            if part.kind == "safety_net":
                if index == 0:
                    lines += [f"**{part.title}:** {md_literal(part.lines[0])}", ""]
                continue
            if part.kind == "message":
                if index > 0:
                    lines.append(f"### Passage {index + 1} of {len(answer.passages)}")
                    lines.append("")
                    continue
                text = md_literal(" ".join(part.lines))
                if part.title == URGENT_LABEL:
                    text = f"**{URGENT_LABEL}:** {text}"
                    if part.lines[0].startswith(URGENT_LABEL):
                        text = f"**{md_literal(part.lines[0])}**"
                lines += [text, ""]
            elif part.kind == "quote":
                lines += [f"**{part.title}:**", ""]
                for quote in part.lines:
                    lines += _quote_block(quote.strip())
                lines.append("")
            elif part.kind in ("follows", "notes_hint"):
                # Untitled lines ("Read with your earlier question: ..."): a paragraph
                # of their own, in italics, never an empty "**:**" heading.
                lines += [f"*{md_literal(' '.join(part.lines))}*", ""]
            elif part.kind == "source":
                lines += [f"**{part.title}:** {md_literal(part.lines[0])}", ""]
                about = provenance_lines(answer.passages[index])
                lines += [*(f"- {md_literal(line)}" for line in about), ""]
            else:
                lines += [f"**{part.title}:**", ""]
                lines += [f"- {md_literal(' '.join(item.split()))}" for item in part.lines]
                lines.append("")
    return lines


def conversation_markdown(conversation: Sequence[Exchange], intro: str = "") -> str:
    """The conversation as one Markdown document; `intro` is e.g. MESSAGES.welcome."""
    lines = [f"# {HEADING}", ""]
    for paragraph in re.split(r"\n\s*\n", intro.strip()) if intro.strip() else []:
        lines += [md_literal(" ".join(paragraph.split())), ""]
    for number, (question, answer) in enumerate(conversation, start=1):
        lines += [f"## Question {number}: {md_literal(question)}", ""]
        lines += _answer_markdown(answer)
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(path: Path, conversation: Sequence[Exchange], intro: str = "") -> Path:
    """Write the export to `path` (with ~ expanded) and return where it went."""
    target = path.expanduser()
    target.write_text(conversation_markdown(conversation, intro), encoding="utf-8")
    return target
