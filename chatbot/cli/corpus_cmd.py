"""`chatbot corpus check`, `chatbot corpus list` (and `corpus new`, in corpus_new)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from chatbot.cli.text import one_line, printable
from chatbot.corpus import CorpusError
from chatbot.provenance import provenance_lines

USAGE_ERROR = 2
CHECK_FAILED = 1


def print_problems(problems: list[str]) -> None:
    for problem in problems:
        print(f"chatbot: {one_line(problem)}", file=sys.stderr)


def corpus_check(root: Path | None, stdout: TextIO, strict: bool = False) -> int:
    """Problems first (the corpus cannot be used: exit 1); then, for a usable corpus,
    one "warning:" line per missing or overdue field and per example question its
    documents do not answer (exit 0, or 1 with `strict`)."""
    from chatbot.bot import Chatbot
    from chatbot.corpus import (
        check_corpus,
        corpus_warnings,
        default_corpus_dir,
        example_warnings,
        vocabulary_warnings,
    )

    where = root or default_corpus_dir()
    problems = check_corpus(where)
    for problem in problems:
        stdout.write(one_line(problem) + "\n")
    if problems:
        print(f"chatbot corpus check: {_count(len(problems), 'problem')} in {where}",
              file=sys.stderr)
        return CHECK_FAILED
    bot = Chatbot(where)
    warnings = [*corpus_warnings(bot.corpus), *vocabulary_warnings(bot.corpus, bot),
                *example_warnings(bot.corpus, bot)]
    for warning in warnings:
        stdout.write("warning: " + one_line(warning) + "\n")
    stdout.write(f"OK: {where}: {_count(len(bot.documents), 'document')}, "
                 f"{_count(len(bot.chunks), 'passage')}, {_count(len(warnings), 'warning')}\n")
    return CHECK_FAILED if strict and warnings else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def corpus_list(root: Path | None, as_json: bool, stdout: TextIO) -> int:
    from chatbot.corpus import chunk_counts, load_corpus

    try:
        corpus = load_corpus(root)
    except CorpusError as exc:
        print_problems(exc.problems)
        return USAGE_ERROR
    counts = chunk_counts(corpus)
    rows = [
        {
            "id": doc.meta.id,
            "kind": doc.meta.kind.value,
            "dates": doc.meta.date_label or "no date given",
            "passages": counts[doc.meta.id],
            "file": doc.meta.file,
            "title": doc.meta.title,
            **{k: v.isoformat() if isinstance(v, dt.date) else v
               for k, v in doc.meta.provenance.items()},
        }
        for doc in corpus.documents
    ]
    if as_json:
        import json  # only here: `ask` and the chat never need it

        for row in rows:
            stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 0
    from chatbot.render_text import for_terminal, wrap_lines

    # One short block per document, not a wide table: it fits 80 columns (long
    # titles wrap with their indent) and a screen reader reads it line by line.
    blocks = []
    for row, doc in zip(rows, corpus.documents, strict=True):
        blocks.append(
            f"{row['id']}: {row['passages']} passages\n"
            f"  Title: {row['title']}\n"
            f"  Kind: {row['kind']} ({doc.meta.kind.label})\n"
            f"  Dates: {row['dates']}\n"
            + "".join(f"  {line}\n" for line in provenance_lines(doc.meta))
            + f"  File: {row['file']}\n"
        )
    # Wrapped at 79 columns in a pipe too (scripts read `--json`).
    text = for_terminal(wrap_lines(printable("\n".join(blocks)), 79), stdout)
    stdout.write(text + "\n")
    return 0


