"""Judging one answer against its case: the hit rank, the status, the invariants."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from chatbot.evaluation.cases import EvalCase, TurnKind, normalise
from chatbot.models import Answer, Status

if TYPE_CHECKING:
    from chatbot.bot import Chatbot

NOT_QUOTING: tuple[Status, ...] = ("no_match", "reply")
"""Statuses that show no quote: for a question the sources cannot answer, both are right."""


class TurnResult(BaseModel):
    id: str
    question: str
    group: TurnKind
    expected: Status
    got: Status
    hit_rank: int | None
    notice_expected: bool
    notice_shown: bool
    problems: list[str]
    invariant_problems: int


def invariant_problems(bot: Chatbot, answer: Answer) -> list[str]:
    """What must hold for every answer, whatever the question."""
    problems = []
    if answer.status == "answered" and not answer.caveats:
        problems.append("answered without answer-level caveats")
    if answer.status != "answered" and answer.passages:
        problems.append(f"{answer.status} answer quotes passages")
    for p in answer.passages:
        doc = bot.corpus.get(p.doc_id)
        if doc.text[p.quote_start : p.quote_end] != p.quote:
            problems.append(f"quote from {p.chunk_id} is not verbatim at its offsets")
        if any(s < p.quote_end and e > p.quote_start for s, e in doc.excluded):
            problems.append(f"quote from {p.chunk_id} overlaps a never-quote span")
        if p.lead_in is not None:
            start = p.lead_in_start or 0
            end = start + len(p.lead_in)
            if doc.text[start:end] != p.lead_in or end > p.quote_start:
                problems.append(f"lead-in of {p.chunk_id} is not verbatim before its quote")
            if any(s < end and e > start for s, e in doc.excluded):
                problems.append(f"lead-in of {p.chunk_id} overlaps a never-quote span")
        if not p.caveats:
            problems.append(f"passage {p.chunk_id} has no caveats")
    return problems


def hit_rank(case: EvalCase, answer: Answer, stems: dict[str, str]) -> int | None:
    """The rank (from 1) of the first passage that matches the case, or None.
    `stems` maps document file stems to ids, so a case may name either."""
    return quote_rank(case, [(p.doc_id, p.quote) for p in answer.passages], stems)


def quote_rank(case: EvalCase, quotes: Sequence[tuple[str, str]],
               stems: dict[str, str]) -> int | None:
    """`hit_rank` of (document id, quote) pairs, as a benchmark has them before an
    Answer is made."""
    docs = {stems.get(d, d) for d in case.expect_doc}
    phrases = [normalise(p) for p in case.expect_any]
    for i, (doc_id, text) in enumerate(quotes):
        quote = normalise(text)
        if (not phrases or any(ph in quote for ph in phrases)) and (
            not docs or doc_id in docs
        ):
            return i + 1
    return None


def judge(bot: Chatbot, case: EvalCase, answer: Answer, group: TurnKind) -> TurnResult:
    stems = {Path(d.file).stem: d.id for d in bot.documents}
    broken = invariant_problems(bot, answer)
    problems = list(broken)
    rank = None
    if case.status == "answered":
        rank = hit_rank(case, answer, stems)
        if rank is None:
            problems.append("no passage matches the expected phrases")
        elif rank > 1:
            problems.append(f"first match at rank {rank}")
    right_status = answer.status == case.status or (
        case.status == "no_match" and answer.status in NOT_QUOTING)
    if not right_status:
        problems.append(f"status {answer.status}, expected {case.status}")
    notice = case.notice == "medicine"
    if notice and not answer.notices:
        problems.append("medicine notice missing")
    return TurnResult(
        id=case.id, question=case.question, group=group, expected=case.status,
        got=answer.status, hit_rank=rank, notice_expected=notice,
        notice_shown=bool(answer.notices), problems=problems,
        invariant_problems=len(broken),
    )
