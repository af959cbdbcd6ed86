"""Fit retrieval's combining constants on the tuning questions, with cross-validation.

    python benchmarks/fit_ranking.py [--write] [FILES...]

Each combination of the grid below is run on every tuning question once; then, for
each of K folds, the combination that does best on the other folds is scored on the
held-out fold. The cross-validated figures (what a new question can expect) are
printed beside the in-sample ones of the combination chosen on all the data.
`--write` puts the chosen values into `chatbot/data/ranking.toml`.

The objective weighs the two things a patient meets: a right first quote for a
question the sources answer (hit@1) and an honest "I can't find that" for one they
don't (abstention); a wrong quote counts against both. The sealed test batch is never
passed here.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402
from chatbot.evaluation import EvalCase, hit_rank, load_cases  # noqa: E402
from chatbot.models import SourceKind  # noqa: E402
from chatbot.retrieval.settings import RankingSettings  # noqa: E402

TUNING = [
    "tests/data/dev_questions.jsonl",
    "tests/data/heldout_questions.jsonl",
    "tests/data/blind_questions.jsonl",
    "tests/data/tuning/qa1.jsonl",
    "tests/data/tuning/qa2.jsonl",
    "tests/data/tuning/qa3.jsonl",
    "tests/data/tuning/qa4.jsonl",
]
GRID: dict[str, list[float]] = {
    "coverage_threshold": [0.4, 0.5, 0.6],
    "quote_coverage_threshold": [0.4, 0.5, 0.6],
    "known_miss_weight": [0.5, 0.75],
    "personal_blog": [0.85, 1.0],
    "clinic_marketing_blog": [0.7, 0.85, 1.0],
}
SOURCE_KEYS = {"personal_blog", "clinic_marketing_blog"}
FOLDS = 5
Outcome = tuple[bool, bool]  # (counts as right, is answerable)


def apply(bot: Chatbot, base: RankingSettings, values: dict[str, float]) -> None:
    """Point every part of the bot's retrieval at one combination of the grid."""
    weights = dict(base.source_weights)
    weights.update({SourceKind(k): v for k, v in values.items() if k in SOURCE_KEYS})
    plain = {k: v for k, v in values.items() if k not in SOURCE_KEYS}
    settings = base.model_copy(update={**plain, "source_weights": weights})
    r = bot.retriever
    r.settings = r.rule.settings = r.quotes.settings = settings
    r.source_weights = {d.id: weights.get(d.kind, 1.0) for d in bot.documents}


def outcomes(bot: Chatbot, cases: list[EvalCase]) -> list[Outcome]:
    stems = {Path(d.file).stem: d.id for d in bot.documents}
    out = []
    for case in cases:
        answer = bot.ask(case.question)
        if case.status == "answered":
            out.append((hit_rank(case, answer, stems) == 1, True))
        elif case.status == "no_match":
            out.append((answer.status == "no_match", False))
    return out


def figures(results: list[Outcome]) -> tuple[float, float]:
    hits = [ok for ok, answerable in results if answerable]
    abst = [ok for ok, answerable in results if not answerable]
    return sum(hits) / max(len(hits), 1), sum(abst) / max(len(abst), 1)


def objective(results: list[Outcome]) -> float:
    hit1, abstention = figures(results)
    return hit1 + abstention


def cross_validate(table: dict[tuple, list[Outcome]], n: int) -> list[Outcome]:
    order = list(range(n))
    random.Random(0).shuffle(order)
    held: list[Outcome] = []
    for fold in range(FOLDS):
        test = set(order[fold::FOLDS])
        best = max(table, key=lambda combo: (
            objective([o for i, o in enumerate(table[combo]) if i not in test]), combo))
        held.extend(o for i, o in enumerate(table[best]) if i in test)
    return held


def write(values: dict[str, float], cv: tuple[float, float], path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text = re.sub(rf"(?m)^{key} = [0-9.]+", f"{key} = {value}", text)
    note = (f"# Fitted by benchmarks/fit_ranking.py: cross-validated hit@1 {cv[0]:.3f}, "
            f"abstention {cv[1]:.3f}.")
    text = re.sub(r"(?m)^# Fitted by benchmarks/fit_ranking.py.*$", note, text)
    path.write_text(text, encoding="utf-8")


def report(label: str, figs: tuple[float, float]) -> None:
    print(f"{label:22s} hit@1 {figs[0]:.3f}  abstention {figs[1]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", default=TUNING)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    cases = [c for f in args.files for c in load_cases(ROOT / f)]
    cases = [c for c in cases if c.status != "urgent"]
    bot = Chatbot()
    base = bot.retriever.settings
    keys = list(GRID)
    table: dict[tuple, list[Outcome]] = {}
    combos = list(itertools.product(*GRID.values()))
    for i, combo in enumerate(combos, 1):
        apply(bot, base, dict(zip(keys, combo, strict=True)))
        table[combo] = outcomes(bot, cases)
        print(f"\r{i}/{len(combos)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    n = len(next(iter(table.values())))
    best = max(table, key=lambda combo: (objective(table[combo]), combo))
    cv = figures(cross_validate(table, n))
    current = tuple(
        base.source_weights.get(SourceKind(k), 1.0) if k in SOURCE_KEYS else getattr(base, k)
        for k in keys
    )
    print(f"{len(cases)} tuning questions, {len(table)} combinations, {FOLDS}-fold CV")
    if current in table:
        report("current (in-sample)", figures(table[current]))
    report("chosen (in-sample)", figures(table[best]))
    report("cross-validated", cv)
    chosen = dict(zip(keys, best, strict=True))
    print("values:", ", ".join(f"{k}={v}" for k, v in chosen.items()))
    if args.write:
        write(chosen, cv, ROOT / "chatbot" / "data" / "ranking.toml")
        print("written to chatbot/data/ranking.toml")


if __name__ == "__main__":
    main()
