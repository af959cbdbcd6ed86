"""Fit each kind of follow-up search's bar to answer, with cross-validated figures.

    python benchmarks/fit_follow_ups.py [--write] [--after A,B ...] [FILES...]

A follow-up is searched in turn in the passage last quoted, its documents, every
source... (`chatbot/conversation/reading.py`); the first search whose best candidate's
chance of answering reaches its kind's bar answers. The chance comes from the model
fitted on questions that stand alone, so its threshold need not suit a search kept to
one passage, which always has a "best" candidate.

Every turn after the first of the tuning conversations (tests/data/tuning/d*.jsonl) is
asked as `chatbot eval` asks it; for each search of its reading, what is recorded is the
chance, the first's answerable features, whether it has hits and the rank of the first
right one. The follow-up model (`bars.FollowUpModel`) is fitted first, logistic, on every
search read with an earlier question that has hits: is its first a right answer? Its
features are the answerable model's and the kind of search; each kind's bar is then
fitted on its chances (`--no-model`: on the answerable model's, as before it). With the memory, each
set is asked by a bot whose memory leaves that set out, and the turns before are
answered with the model's threshold. The bars are then chosen by coordinate descent
on a grid to maximise hit@1 (answerable turns) + no_match (unanswerable turns).
"alone" is never fitted here: it is the bar of every question that stands alone,
fitted with the model on thousands of them.

`--after A,B` (given several times) also chooses how much another conversation's
follow-up counts in the memory when it followed another chunk of the same document (A)
or another document (B): each pair is fitted and cross-validated in full, the best by
follow-up hit@1 + no_match is kept (`memory_after` in ranking.toml, with `--write`).

The figures printed are cross-validated on real conversations: each set is asked
again, turn by turn, with the bars fitted on the other sets (fourth session, ten sets:
follow-up hit@1 0.597 -> 0.593, hit@3 0.655 -> 0.678, no_match 0.664 -> 0.817; on d11's
first run alone, the bars cost hit@1 0.592 -> 0.531). Figures only, never a message.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from fit_rows import document_stems, replayed_turns  # noqa: E402
from fitting import fit_logistic  # noqa: E402

from chatbot.bot import Chatbot  # noqa: E402
from chatbot.conversation.bars import (  # noqa: E402
    KIND_FEATURES,
    SCOPE_NAMES,
    FollowUpModel,
    kind_feature,
)
from chatbot.evaluation.cases import DialogueCase, load_any  # noqa: E402
from chatbot.evaluation.judge import TurnResult, quote_rank  # noqa: E402
from chatbot.evaluation.run import judge_turns, turn_groups  # noqa: E402
from chatbot.retrieval.features import ANSWERABLE_FEATURES  # noqa: E402
from chatbot.retrieval.memory import QuestionMemory  # noqa: E402

DEFAULT = sorted(str(p) for p in (ROOT / "tests/data/tuning").glob("d*.jsonl"))
FITTED = tuple(n for n in SCOPE_NAMES if n != "alone")
# Steps of 0.05 (seventh session; replayed on the recorded searches, each set left
# out: follow-up hit@1 0.801 with steps of 0.1, 0.812 with 0.05, 0.803 with 0.025).
GRID = (*(round(0.05 * i, 2) for i in range(21)), 1.01)
OUT = ROOT / "chatbot" / "data" / "follow_up_bars.toml"


class Search(NamedTuple):
    name: str
    chance: float
    found: bool
    rank: int | None
    """The rank (from 1) of the first right passage among its hits, or None."""
    features: tuple[float, ...] = ()
    """The first's answerable features (empty: no hits), for the follow-up model."""


class TurnRow(NamedTuple):
    set: str
    turn: str
    answerable: bool
    searches: tuple[Search, ...]


def record(bot: Chatbot, name: str, cases: list[DialogueCase]) -> list[TurnRow]:
    """Each later turn's searches, asked after the turns before it; each judged as
    `chatbot eval` judges a turn (`quote_rank`)."""
    stems = document_stems(bot)
    rows = []
    for dialogue in cases:
        for case, kind, scopes in replayed_turns(bot, dialogue):
            searches = []
            for scope in scopes:
                found = bot.retriever.scored_search(
                    scope.text, within=scope.within, context=scope.context, after=scope.after,
                    quoted=scope.quoted)
                quotes = [(h.chunk.doc_id, bot.document_text(h.chunk.doc_id)[
                    h.quote_start : h.quote_end]) for h in found.hits]
                searches.append(Search(scope.name, found.chance, bool(found.hits),
                                       quote_rank(case, quotes, stems), found.features))
            rows.append(TurnRow(name, kind, case.status == "answered", tuple(searches)))
    return rows


def outcome(row: TurnRow, bars: dict[str, float], default: float) -> int | str | None:
    """The rank of the first right passage shown, None for a wrong one, "none" for no_match."""
    for s in row.searches:
        if s.found and s.chance >= bars.get(s.name, default):
            return s.rank
    return "none"


def figures(rows: list[tuple[TurnRow, dict[str, float]]], default: float) -> tuple[float, ...]:
    """hit@1, hit@3 and no_match of turns, each judged with its own bars."""
    got = [(r, outcome(r, b, default)) for r, b in rows]
    answerable = [o for r, o in got if r.answerable]
    other = [o for r, o in got if not r.answerable]
    n, m = max(len(answerable), 1), max(len(other), 1)
    return (sum(o == 1 for o in answerable) / n,
            sum(isinstance(o, int) and o <= 3 for o in answerable) / n,
            sum(o == "none" for o in other) / m)


def fit_model(rows: list[TurnRow]) -> FollowUpModel:
    """The follow-up model: logistic, on every search read with an earlier question
    that found a candidate, of whether that first candidate is a right answer (on
    standardised features, the weights then put back on the features as they are)."""
    searches = [(s, r.answerable) for r in rows for s in r.searches
                if s.found and s.name != "alone"]
    x = np.array([[*s.features, *(float(kind_feature(s.name) == k) for k in KIND_FEATURES)]
                  for s, _ in searches])
    y = np.array([float(ok and s.rank == 1) for s, ok in searches])
    mean, spread = x.mean(axis=0), x.std(axis=0)
    spread[spread == 0] = 1.0
    w, b = fit_logistic((x - mean) / spread, y)
    raw = w / spread
    names = (*ANSWERABLE_FEATURES, *KIND_FEATURES)
    return FollowUpModel(bias=round(float(b - raw @ mean), 6),
                         weights={n: round(float(v), 6) for n, v in zip(names, raw, strict=True)})


def rechanced(rows: list[TurnRow], model: FollowUpModel | None) -> list[TurnRow]:
    """The rows with each follow-up search's chance from `model` (None: as recorded)."""
    if model is None:
        return rows
    return [r._replace(searches=tuple(
        s._replace(chance=model.chance(s.features, s.name))
        if s.found and s.name != "alone" else s for s in r.searches)) for r in rows]


def fit(rows: list[TurnRow], default: float, with_model: bool = True
        ) -> tuple[dict[str, float], FollowUpModel | None]:
    """The follow-up model, then each kind's bar on its chances."""
    model = fit_model(rows) if with_model else None
    return fit_bars(rechanced(rows, model), default), model


def fit_bars(rows: list[TurnRow], default: float) -> dict[str, float]:
    """Coordinate descent over the grid; ties go to the value nearest the model's own."""
    bars: dict[str, float] = {}

    def gain(value: float, name: str) -> tuple[float, float]:
        h1, _, nm = figures([(r, {**bars, name: value}) for r in rows], default)
        return h1 + nm, -abs(value - default)

    for _ in range(3):
        for name in FITTED:
            bars[name] = max((*GRID, default), key=lambda v, n=name: gain(v, n))
    return bars


def cross_validated(
    rows: list[TurnRow], default: float, bots: dict[str, Chatbot], cases: dict[str, list],
    with_model: bool = True,
) -> dict[str, tuple[float, ...]]:
    """Per kind of turn: each set's conversations asked again, turn by turn, with the
    bars fitted on the other sets (so an earlier turn's answer changes the reading of
    the next as it would), and the same turns asked alone."""
    read: list[TurnResult] = []
    alone: dict[str, list[TurnResult]] = defaultdict(list)
    for name, bot in bots.items():
        bot.bars, bot.follow_model = fit([r for r in rows if r.set != name], default, with_model)
        got, by_kind = judge_turns(bot, cases[name])
        read += got
        for kind, turns in by_kind.items():
            alone[kind] += turns
    return {k: (f.hit1, f.hit3, f.abstention) for k, f in turn_groups(read, alone).items()}


def run(files: list[str], with_memory: bool, after: tuple[float, float] | None = None,
        with_model: bool = True
        ) -> tuple[dict[str, float], dict[str, float], FollowUpModel | None]:
    """The bars (and follow-up model) fitted on every set, and the cross-validated
    figures to write."""
    full = Chatbot().memory if with_memory else None
    if with_memory and full is None:
        raise SystemExit("the corpus has no memory.json")
    if full is not None and after is not None:
        full = QuestionMemory(full.questions, full.stop_words, full.neighbours, full.power, after,
                              full.unseen)
        print(f"memory_after = {list(after)}")
    rows: list[TurnRow] = []
    bots: dict[str, Chatbot] = {}
    cases: dict[str, list] = {}
    for name in files:
        stem = Path(name).stem
        bot = bots[stem] = Chatbot(memory=full.without(stem) if full is not None else False)
        bot.bars = {}  # recorded as the model's threshold answers, whatever the file says
        bot.follow_model = None
        cases[stem] = [c for c in load_any(Path(name)) if isinstance(c, DialogueCase)]
        rows += record(bot, stem, cases[stem])
    default = bot.retriever.model.threshold
    label = "with the memory" if with_memory else "without the memory"
    before = {k: figures([(r, {}) for r in rows if r.turn == k], default)
              for k in sorted({r.turn for r in rows})}
    cv = cross_validated(rows, default, bots, cases, with_model)
    bars, model = fit(rows, default, with_model)
    print(f"{label}: {len(rows)} turns; the model's threshold {default}; fitted {bars}"
          f"{'' if with_model else ' (no follow-up model: the answerable model chances)'}")
    for kind in before:
        print(f"  {kind:24s} the model's threshold everywhere: "
              "hit@1 {:.3f}  hit@3 {:.3f}  no_match {:.3f}".format(*before[kind]))
    for kind, f in cv.items():
        print(f"  {kind:24s} cross-validated (each set left out): "
              "hit@1 {:.3f}  hit@3 {:.3f}  no_match {:.3f}".format(*f))
    flat = {f"{k.replace(' ', '_')}_{m}": round(v, 4) for k, f in cv.items()
            for m, v in zip(("hit1", "hit3", "no_match"), f, strict=True)}
    return bars, flat, model


def write(files: list[str], fitted: dict[bool, tuple]) -> None:
    def inline(values: dict) -> str:
        return "{" + ", ".join(f"{k} = {v}" for k, v in values.items()) + "}"

    def table(section: str, bars: dict, cv: dict, model: FollowUpModel | None) -> str:
        out = f"[{section}]\nbars = {inline(bars)}\ncross_validated = {inline(cv)}\n"
        if model is not None:
            weights = "".join(f"{k} = {v}\n" for k, v in model.weights.items())
            out += (f"\n[{section}.model]\nbias = {model.bias}\n\n"
                    f"[{section}.model.weights]\n{weights}")
        return out

    names = [Path(f).stem for f in files]
    OUT.write_text(
        "# How sure a follow-up's answer must be, by the kind of search that found it\n"
        "# (chatbot/conversation/bars.py). Written by benchmarks/fit_follow_ups.py; refit\n"
        "# after the ranking model is refitted. Edit by refitting, not by hand.\n"
        f"fitted_on = {names!r}\n\n{table('with_memory', *fitted[True])}\n"
        f"{table('without_memory', *fitted[False])}", encoding="utf-8")
    print(f"written: {OUT.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", default=DEFAULT)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--no-model", action="store_true",
                        help="bars on the answerable model's chances (as before the "
                        "follow-up model), for comparison")
    parser.add_argument("--after", action="append", default=[],
                        type=lambda v: tuple(float(x) for x in v.split(",")))
    args = parser.parse_args()
    model = not args.no_model
    tried = {a: run(args.files, True, a, model) for a in args.after}
    best = max(tried, default=None, key=lambda a: tried[a][1]["follow_up_hit1"]
               + tried[a][1]["follow_up_no_match"])
    fitted = {True: tried[best] if best else run(args.files, True, with_model=model),
              False: run(args.files, False, with_model=model)}
    if best:
        print(f"chosen memory_after = {list(best)}")
    if args.write:
        write(args.files, fitted)
        if best:
            path = ROOT / "chatbot" / "data" / "ranking.toml"
            path.write_text(re.sub(r"(?m)^memory_after = \[.*\]", f"memory_after = {list(best)}",
                                   path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
