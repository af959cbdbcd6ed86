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
from chatbot.evaluation.judge import TurnResult  # noqa: E402
from chatbot.evaluation.run import judge_turns, turn_groups  # noqa: E402

DEFAULT = sorted(str(p) for p in (ROOT / "tests/data/tuning").glob("d*.jsonl"))


def main(files: list[str]) -> None:
    full = Chatbot().memory
    if full is None:
        raise SystemExit("the corpus has no memory.json")
    read: list[TurnResult] = []
    alone: dict[str, list[TurnResult]] = defaultdict(list)
    for name in files:
        cases = [c for c in load_any(Path(name)) if isinstance(c, DialogueCase)]
        r, a = judge_turns(Chatbot(memory=full.without(Path(name).stem)), cases)
        read += r
        for kind, turns in a.items():
            alone[kind] += turns
    print(f"{len(files)} sets, each against the memory without it")
    for kind, f in sorted(turn_groups(read, alone).items()):
        print(f"  {kind:24s} {f.cases:4d} turns: hit@1 {f.hit1:.3f}  hit@3 {f.hit3:.3f}  "
              f"no_match {f.abstention:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT)
