"""Writing a corpus's memory of labelled questions (`memory.json`, read by memory.py).

Each labelled question (`chatbot eval` format, or a conversation's turns that stand
alone) becomes one row, [id, set, stems, answered, sentences, after]: its word stems as
the memory compares them, whether the documents answer it, and, when they do, each
sentence holding one of its gold phrases (in the document its `expect_doc` names, if
any). A conversation's follow-up is also a row as it was typed ("how many people were
in it?"), with `after` the chunks that answered the turn before it. Red-flag cases
are left out: they are the safety check's, not retrieval's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.evaluation import EvalCase, normalise, standalone_cases
from chatbot.evaluation.cases import DialogueCase, load_any
from chatbot.retrieval.memory import question_stems
from chatbot.words import Ignored

if TYPE_CHECKING:
    from chatbot.bot import Chatbot

Sentence = tuple[str, str, int, str]
"""(document id, chunk id, start offset, normalised text) of one quotable unit."""


def sentences(bot: Chatbot) -> list[Sentence]:
    out = []
    for chunk in bot.chunks:
        text = bot.document_text(chunk.doc_id)
        out.extend((chunk.doc_id, chunk.chunk_id, a, normalise(text[a:b]))
                   for a, b in chunk.units)
    return out


def entry(case: EvalCase, group: str, units: list[Sentence], doc_ids: dict[str, str],
          stop_words: Ignored, after: list[str] | None = None) -> list:
    phrases = [normalise(p) for p in case.expect_any]
    docs = {doc_ids.get(d, d) for d in case.expect_doc}
    hit = sorted({(chunk_id, start) for doc, chunk_id, start, text in units
                  if (not docs or doc in docs) and any(p in text for p in phrases)})
    return [case.id, group, " ".join(question_stems(case.question, stop_words)),
            case.status == "answered", [list(u) for u in hit], after or []]


def follow_up_cases(path: Path) -> list[tuple[EvalCase, EvalCase]]:
    """Each conversation's follow-up as typed, with the turn before it."""
    out = []
    for case in load_any(path):
        if isinstance(case, DialogueCase):
            turns = [t.case(f"{case.id}/{n}") for n, t in enumerate(case.turns, 1)]
            out += [(turns[n], turns[n - 1]) for n, t in enumerate(case.turns)
                    if n and t.turn == "follow_up"]
    return out


def memory_json(bot: Chatbot, files: Iterable[Path], names: list[str]) -> str:
    """The memory file's text for these question files (`names`: as recorded)."""
    units = sentences(bot)
    doc_ids = {Path(d.file).stem: d.id for d in bot.documents}
    stop = bot.retriever.analyzer.ignored
    questions = []
    for path in files:
        group = Path(path).stem.removesuffix("_questions")
        for case in standalone_cases(Path(path)):
            if case.status not in ("answered", "no_match"):
                continue
            item = entry(case, group, units, doc_ids, stop)
            # An answer whose phrases are in no sentence (a title, an advert) teaches nothing.
            if item[2] and (item[4] or not item[3]):
                questions.append(item)
        for case, before in follow_up_cases(Path(path)):
            if case.status not in ("answered", "no_match"):
                continue
            chunks = sorted({c for c, _ in entry(before, group, units, doc_ids, stop)[4]})
            item = entry(case, group, units, doc_ids, stop, chunks)
            if item[2] and chunks and (item[4] or not item[3]):
                questions.append(item)
    rows = ",\n".join(json.dumps(q, ensure_ascii=False, separators=(",", ":")) for q in questions)
    head = json.dumps(names, ensure_ascii=False)
    return f'{{"built_from": {head},\n"questions": [\n{rows}\n]}}\n'

