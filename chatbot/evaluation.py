"""Scripted Q&A: run a case file through the bot and report the figures.

Case file format (JSON Lines, one case per line; blank lines and lines starting with
`#` are skipped):

    {"id": "fatigue-01", "question": "can needles help my tiredness",
     "status": "answered", "expect_any": ["less fatigue", "reduced fatigue"],
     "expect_doc": ["002_f51d5e6b808b7eee"], "notice": "medicine"}

- `status`: the expected status: "answered", "no_match" or "urgent".
- `expect_any` (answered): a passage is a hit when its quote contains one of these
  phrases (case-insensitive, spaces and quote marks normalised).
- `expect_doc` (optional): document ids or file stems; without `expect_any`, a
  passage from one of them is a hit; with it, the phrase must also match.
- `notice` (optional): "medicine" means the answer must carry the medicine notice.

Figures: hit@1 and hit@3 over answerable cases; abstention = share of no_match
cases answered no_match; urgent recall; false urgent = non-urgent cases flagged
urgent; plus the invariants every answer must keep (caveated, quotes verbatim at
their offsets, nothing quoted from a never-quote span).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chatbot.models import Answer, Status
from chatbot.normalise import normalise as normalise_text

if TYPE_CHECKING:
    import argparse

    from chatbot.bot import Chatbot


class EvalCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    question: str
    status: Status
    expect_any: list[str] = Field(default_factory=list)
    expect_doc: list[str] = Field(default_factory=list)
    notice: Literal["medicine"] | None = None
    note: str | None = None
    kind: str | None = None
    """What kind of question it is, as its writer saw it (for per-kind figures)."""


class CaseResult(BaseModel):
    id: str
    question: str
    expected: Status
    got: Status
    hit_rank: int | None
    problems: list[str]


class Report(BaseModel):
    cases: int
    answerable: int
    hit1: float
    hit3: float
    abstention: float
    urgent_recall: float
    false_urgent: int
    medicine_notice_recall: float
    invariant_violations: int
    failures: list[CaseResult]


def normalise(text: str) -> str:
    """Text as phrases are matched: the one normalisation, spaces collapsed."""
    return " ".join(normalise_text(text).split())


def load_cases(path: Path) -> list[EvalCase]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            cases.append(EvalCase.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise ValueError(f"{path}:{n}: {first}") from None
    return cases


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
        if not p.caveats:
            problems.append(f"passage {p.chunk_id} has no caveats")
    return problems


def hit_rank(case: EvalCase, answer: Answer, stems: dict[str, str]) -> int | None:
    """The rank (from 1) of the first passage that matches the case, or None.
    `stems` maps document file stems to ids, so a case may name either."""
    docs = {stems.get(d, d) for d in case.expect_doc}
    phrases = [normalise(p) for p in case.expect_any]
    for i, p in enumerate(answer.passages):
        quote = normalise(p.quote)
        if (not phrases or any(ph in quote for ph in phrases)) and (
            not docs or p.doc_id in docs
        ):
            return i + 1
    return None


def evaluate(bot: Chatbot, cases: list[EvalCase]) -> Report:
    stems = {Path(d.file).stem: d.id for d in bot.documents}
    results: list[CaseResult] = []
    hit1 = hit3 = answerable = 0
    abst_total = abst_ok = urg_total = urg_ok = false_urgent = 0
    med_total = med_ok = violations = 0
    for case in cases:
        answer = bot.ask(case.question)
        problems = invariant_problems(bot, answer)
        violations += len(problems)
        rank = None
        if case.status == "answered":
            answerable += 1
            rank = hit_rank(case, answer, stems)
            hit1 += rank == 1
            hit3 += rank is not None and rank <= 3
            if rank is None:
                problems.append("no passage matches the expected phrases")
            elif rank > 1:
                problems.append(f"first match at rank {rank}")
        elif case.status == "no_match":
            abst_total += 1
            abst_ok += answer.status == "no_match"
        else:
            urg_total += 1
            urg_ok += answer.status == "urgent"
        if case.status != "urgent" and answer.status == "urgent":
            false_urgent += 1
        if answer.status != case.status:
            problems.append(f"status {answer.status}, expected {case.status}")
        if case.notice == "medicine":
            med_total += 1
            if answer.notices:
                med_ok += 1
            else:
                problems.append("medicine notice missing")
        if problems:
            results.append(CaseResult(id=case.id, question=case.question, expected=case.status,
                                      got=answer.status, hit_rank=rank, problems=problems))
    return Report(
        cases=len(cases),
        answerable=answerable,
        hit1=_ratio(hit1, answerable),
        hit3=_ratio(hit3, answerable),
        abstention=_ratio(abst_ok, abst_total),
        urgent_recall=_ratio(urg_ok, urg_total),
        false_urgent=false_urgent,
        medicine_notice_recall=_ratio(med_ok, med_total),
        invariant_violations=violations,
        failures=results,
    )


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def format_report(report: Report) -> str:
    lines = [
        f"cases: {report.cases} (answerable {report.answerable})",
        f"hit@1: {report.hit1:.3f}",
        f"hit@3: {report.hit3:.3f}",
        f"abstention accuracy: {report.abstention:.3f}",
        f"urgent recall: {report.urgent_recall:.3f}",
        f"false urgent: {report.false_urgent}",
        f"medicine notice recall: {report.medicine_notice_recall:.3f}",
        f"invariant violations: {report.invariant_violations}",
    ]
    if report.failures:
        lines.append(f"failing cases ({len(report.failures)}):")
        for f in report.failures:
            lines.append(f"  {f.id}: {f.question!r}: {'; '.join(f.problems)}")
    return "\n".join(lines)


def threshold_failures(report: Report, args: argparse.Namespace) -> list[str]:
    out = []
    for name in ("hit1", "hit3", "abstention", "urgent_recall"):
        floor = getattr(args, f"min_{name}")
        if floor is not None and getattr(report, name) < floor:
            out.append(f"{name} {getattr(report, name):.3f} is below {floor}")
    if args.max_false_urgent is not None and report.false_urgent > args.max_false_urgent:
        out.append(f"false urgent {report.false_urgent} is above {args.max_false_urgent}")
    if report.invariant_violations:
        out.append(f"{report.invariant_violations} invariant violations")
    return out


def run_eval_command(bot: Chatbot, args: argparse.Namespace, stdout: TextIO) -> int:
    import sys

    try:
        cases = load_cases(args.file)
    except (OSError, ValueError) as exc:
        print(f"chatbot: error: {exc}", file=sys.stderr)
        return 2
    report = evaluate(bot, cases)
    stdout.write((report.model_dump_json(indent=2) if args.json else format_report(report)) + "\n")
    missed = threshold_failures(report, args)
    for line in missed:
        print(f"chatbot eval: threshold missed: {line}", file=sys.stderr)
    return 1 if missed else 0
