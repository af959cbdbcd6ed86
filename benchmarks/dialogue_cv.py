"""Conversations against a memory that has not seen them (figures only).

    python benchmarks/dialogue_cv.py [FILES...]

Each tuning conversation set (tests/data/tuning/d*.jsonl) is asked turn by turn by a
bot whose memory of labelled questions leaves that set out, as a new blind batch of
conversations meets the memory; the figures per kind of turn are summed over the
sets. The model's weights are the bundled ones (fitted on single questions and the
turns that stand alone), so this is close to, not exactly, a first run.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot.bot import Chatbot  # noqa: E402
from chatbot.evaluation.cases import DialogueCase, load_any  # noqa: E402
from chatbot.evaluation.judge import TurnResult, judge  # noqa: E402
from chatbot.evaluation.report import figures  # noqa: E402
from chatbot.retrieval.memory import QuestionMemory  # noqa: E402

DEFAULT = sorted(str(p) for p in (ROOT / "tests/data/tuning").glob("d*.jsonl"))


def turns(bot: Chatbot, cases: list) -> tuple[list[TurnResult], list[TurnResult]]:
    """Each turn in its conversation, and each later turn asked alone."""
    read, alone = [], []
    for case in cases:
        if not isinstance(case, DialogueCase):
            continue
        conversation = bot.conversation()
        for n, turn in enumerate(case.turns, 1):
            single = turn.case(f"{case.id}/{n}")
            read.append(judge(bot, single, conversation.ask(turn.question), turn.turn))
            if turn.turn != "opening":
                alone.append(judge(bot, single, bot.ask(turn.question), turn.turn))
    return read, alone


def main(files: list[str]) -> None:
    full = Chatbot().memory
    if full is None:
        raise SystemExit("the corpus has no memory.json")
    read: list[TurnResult] = []
    alone: list[TurnResult] = []
    for name in files:
        group = Path(name).stem
        memory = QuestionMemory([q for q in full.questions if q.group != group],
                                full.stop_words, full.neighbours, full.power)
        r, a = turns(Chatbot(memory=memory), load_any(Path(name)))
        read += r
        alone += a
    by_kind: dict[str, list[TurnResult]] = defaultdict(list)
    for r in read:
        by_kind[r.group].append(r)
    for r in alone:
        by_kind[f"{r.group} asked alone"].append(r)
    print(f"{len(files)} sets, each against the memory without it")
    for kind, results in sorted(by_kind.items()):
        f = figures(results)
        print(f"  {kind:24s} {f.cases:4d} turns: hit@1 {f.hit1:.3f}  hit@3 {f.hit3:.3f}  "
              f"no_match {f.abstention:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT)
