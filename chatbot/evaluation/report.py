"""Figures from judged turns: overall, and per kind of turn."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from pydantic import BaseModel

from chatbot.evaluation.judge import NOT_QUOTING, TurnResult


class Figures(BaseModel):
    cases: int
    answerable: int
    hit1: float
    hit3: float
    abstention: float
    """Share of cases the sources cannot answer that got no quote."""


class CaseResult(BaseModel):
    id: str
    question: str
    expected: str
    got: str
    hit_rank: int | None
    problems: list[str]


class Report(Figures):
    urgent_recall: float
    false_urgent: int
    medicine_notice_recall: float
    invariant_violations: int
    groups: dict[str, Figures] = {}
    """Per kind of turn (dialogues), and the same turns asked alone, to compare."""
    failures: list[CaseResult]


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def figures(results: Sequence[TurnResult]) -> Figures:
    answerable = [r for r in results if r.expected == "answered"]
    unanswerable = [r for r in results if r.expected == "no_match"]
    return Figures(
        cases=len(results),
        answerable=len(answerable),
        hit1=_ratio(sum(r.hit_rank == 1 for r in answerable), len(answerable)),
        hit3=_ratio(sum(r.hit_rank is not None and r.hit_rank <= 3 for r in answerable),
                    len(answerable)),
        abstention=_ratio(sum(r.got in NOT_QUOTING for r in unanswerable), len(unanswerable)),
    )


def report(results: Sequence[TurnResult], groups: dict[str, Figures]) -> Report:
    urgent = [r for r in results if r.expected == "urgent"]
    notices = [r for r in results if r.notice_expected]
    return Report(
        **figures(results).model_dump(),
        urgent_recall=_ratio(sum(r.got == "urgent" for r in urgent), len(urgent)),
        false_urgent=sum(r.expected != "urgent" and r.got == "urgent" for r in results),
        medicine_notice_recall=_ratio(sum(r.notice_shown for r in notices), len(notices)),
        invariant_violations=sum(r.invariant_problems for r in results),
        groups=groups,
        failures=[
            CaseResult(id=r.id, question=r.question, expected=r.expected, got=r.got,
                       hit_rank=r.hit_rank, problems=r.problems)
            for r in results if r.problems
        ],
    )


def format_report(rep: Report) -> str:
    lines = [
        f"cases: {rep.cases} (answerable {rep.answerable})",
        f"hit@1: {rep.hit1:.3f}",
        f"hit@3: {rep.hit3:.3f}",
        f"abstention accuracy: {rep.abstention:.3f}",
        f"urgent recall: {rep.urgent_recall:.3f}",
        f"false urgent: {rep.false_urgent}",
        f"medicine notice recall: {rep.medicine_notice_recall:.3f}",
        f"invariant violations: {rep.invariant_violations}",
    ]
    for name, fig in rep.groups.items():
        lines.append(f"{name}: {fig.cases} turns (answerable {fig.answerable}): hit@1 "
                     f"{fig.hit1:.3f}, hit@3 {fig.hit3:.3f}, abstention {fig.abstention:.3f}")
    if rep.failures:
        lines.append(f"failing cases ({len(rep.failures)}):")
        for f in rep.failures:
            lines.append(f"  {f.id}: {f.question!r}: {'; '.join(f.problems)}")
    return "\n".join(lines)


def threshold_failures(rep: Report, args: argparse.Namespace) -> list[str]:
    out = []
    for name in ("hit1", "hit3", "abstention", "urgent_recall"):
        floor = getattr(args, f"min_{name}")
        if floor is not None and getattr(rep, name) < floor:
            out.append(f"{name} {getattr(rep, name):.3f} is below {floor}")
    if args.max_false_urgent is not None and rep.false_urgent > args.max_false_urgent:
        out.append(f"false urgent {rep.false_urgent} is above {args.max_false_urgent}")
    if rep.invariant_violations:
        out.append(f"{rep.invariant_violations} invariant violations")
    return out
