"""Running a case file: each single question alone, each conversation turn by turn."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from chatbot.evaluation.cases import DialogueCase, EvalCase, load_any
from chatbot.evaluation.judge import TurnResult, judge
from chatbot.evaluation.report import (
    Figures,
    Report,
    figures,
    format_report,
    report,
    threshold_failures,
)

if TYPE_CHECKING:
    import argparse

    from chatbot.bot import Chatbot


def evaluate(
    bot: Chatbot, cases: Sequence[EvalCase | DialogueCase], *, alone: bool = True
) -> Report:
    results, asked_alone = judge_turns(bot, cases, alone=alone)
    return report(results, turn_groups(results, asked_alone))


def judge_turns(
    bot: Chatbot, cases: Sequence[EvalCase | DialogueCase], *, alone: bool = True
) -> tuple[list[TurnResult], dict[str, list[TurnResult]]]:
    """Each case judged: single questions alone, each conversation turn by turn; and,
    by kind of turn, the same follow-ups and topic changes asked alone (unless
    `alone` is False: a floor that needs only the turns is then twice as quick)."""
    results: list[TurnResult] = []
    asked_alone: dict[str, list[TurnResult]] = defaultdict(list)
    for case in cases:
        if isinstance(case, EvalCase):
            results.append(judge(bot, case, bot.ask(case.question), "single"))
            continue
        conversation = bot.conversation()
        for n, turn in enumerate(case.turns, 1):
            single = turn.case(f"{case.id}/{n}")
            results.append(judge(bot, single, conversation.ask(turn.question), turn.turn))
            if alone and turn.turn != "opening":
                asked_alone[turn.turn].append(judge(bot, single, bot.ask(turn.question), turn.turn))
    return results, asked_alone


def turn_groups(
    results: list[TurnResult], alone: dict[str, list[TurnResult]]
) -> dict[str, Figures]:
    """Per kind of turn, and (to compare) the same follow-ups and topic changes asked
    alone, with no conversation before them."""
    kinds = sorted({r.group for r in results} - {"single"})
    groups = {kind: figures([r for r in results if r.group == kind]) for kind in kinds}
    for kind, turns in sorted(alone.items()):
        groups[f"{kind} asked alone"] = figures(turns)
    return groups


def run_eval_command(bot: Chatbot, args: argparse.Namespace, stdout: TextIO) -> int:
    try:
        cases = load_any(args.file)
    except (OSError, ValueError) as exc:
        print(f"chatbot: error: {exc}", file=sys.stderr)
        return 2
    rep = evaluate(bot, cases, alone=not args.no_alone)
    stdout.write((rep.model_dump_json(indent=2) if args.json else format_report(rep)) + "\n")
    missed = threshold_failures(rep, args)
    for line in missed:
        print(f"chatbot eval: threshold missed: {line}", file=sys.stderr)
    return 1 if missed else 0
