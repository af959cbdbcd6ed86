"""Fit the safety check's learned backstop, with figures cross-validated by batch.

    python benchmarks/fit_safety_backstop.py [--write]

Data (`backstop_data`, `backstop_inputs`): the red-team probes
(tests/data/safety_probes.jsonl, one group per pass), the blind safety batches
(tests/data/tuning/sf*.jsonl, one group each) and the patient questions of the answer
sets (tests/data/tuning/qa*.jsonl, the turns of d1, d3 and d4, the dev, held-out and old
blind questions: one group each; none urgent but the few labelled so); the bot's own
small talk is fitted on in every fold and never scored. The sealed batches
(tests/data/sealed/) are never read.

Every figure is grouped cross-validation: each batch is held out in turn, the
classifier is fitted on the others, and the thresholds are chosen on the other
batches' out-of-fold chances (nested: models that saw neither the held-out batch
nor the batch scored), so the held-out batch is wording nothing was fitted on. The
safety net threshold is the lowest at which patient questions given a net (concept
check or backstop) stay within `--max-question-net` and calm messages within
`--max-calm-net`; the urgent threshold the lowest at which no patient question and at
most `--max-calm-urgent` (none by default) more calm messages are promoted, among those
the concept check could not read (`chatbot.safety.backstop.promotable`), on today's
check or, for an sf batch, on the check at its first run. Figures are given on top of
today's concept check (tuned on every sf batch, so flattering on those) and on top of
the check as each sf batch first met it (`benchmarks/data/safety_first_runs.json`):
the honest estimate of a first run. The urgent threshold is adopted only if calm urgent
stays <= 5%, pooled and in every held-out batch (`adopt_urgent`). `--write` fits on
everything and writes `chatbot/data/safety_backstop.toml`.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from backstop_data import ALWAYS, Case, load_first_runs  # noqa: E402
from backstop_inputs import SPEC, Data, load_data, readings  # noqa: E402
from backstop_report import report, write_model  # noqa: E402
from logistic import Sparse, fit, probability, quantise  # noqa: E402

from chatbot.safety.features import Featurizer  # noqa: E402

L2_GRID = (3e-8, 1e-7, 3e-7, 1e-6, 3e-6, 1e-5, 3e-5, 1e-4)


def weights(cases: list[Case]) -> np.ndarray:
    """Each of the three kinds weighs the same in all: emergencies, calm messages and
    patient questions."""
    kinds = Counter(c.kind for c in cases)
    return np.array([1.0 / kinds[c.kind] for c in cases])


def chances(x: Sparse, theta: np.ndarray) -> np.ndarray:
    """As the data file gives them: int8 weights times their scale."""
    q, scale, bias = quantise(theta)
    return probability(x, np.append(q * scale, bias))


def out_of_fold(x: Sparse, cases: list[Case], l2: float,
                skip: str | None = None) -> np.ndarray:
    """Each group's chances from a model fitted on the other groups (and never on
    `skip`); a training message with the same text as a held-out one is left out.
    `ALWAYS` groups are in every fit and never held out (their chances stay NaN)."""
    y = np.array([c.label for c in cases], dtype=float)
    s = weights(cases)
    out = np.full(len(cases), np.nan)
    for group in sorted({c.group for c in cases} - {skip} - ALWAYS):
        held = np.array([i for i, c in enumerate(cases) if c.group == group])
        texts = {cases[i].text for i in held}
        train = np.array([i for i, c in enumerate(cases)
                          if c.group not in (group, skip) and c.text not in texts])
        out[held] = chances(x.take(held), fit(x.take(train), y[train], s[train], l2))
    return out


def lowest(candidates: np.ndarray, ok: Callable[[float], bool]) -> float:
    """The lowest candidate threshold, going down from the top, that `ok` accepts
    before the first one it refuses (1.0: none)."""
    best = 1.0
    for t in np.unique(np.round(candidates, 4))[::-1]:
        if not ok(float(t)):
            break
        best = float(t)
    return best


def thresholds(p: np.ndarray, tier: list[str], kinds: list[str], open_: np.ndarray,
               limits: argparse.Namespace) -> tuple[float, float]:
    """(net, urgent) chosen on these messages' out-of-fold chances; `open_`: those the
    urgent threshold may promote."""
    kind, tiers = np.array(kinds), np.array(tier)
    calm, question, none = kind == "calm", kind == "question", tiers == "none"

    def net_ok(t: float) -> bool:
        netted = (tiers == "safety_net") | (none & (p >= t))
        return (netted[question].mean() <= limits.max_question_net
                and netted[calm].mean() <= limits.max_calm_net)

    net = lowest(p[none], net_ok)

    def urgent_ok(t: float) -> bool:
        promoted = open_ & (p >= t)
        return not promoted[question].any() and promoted[calm].mean() <= limits.max_calm_urgent

    return net, max(lowest(p[open_], urgent_ok), net + 1e-4)


def nested(data: Data, tiers: list[str], open_: np.ndarray, oof: np.ndarray, l2: float,
           limits: argparse.Namespace) -> dict[str, tuple[float, float]]:
    """Per held-out group, thresholds chosen on the other groups' chances from models
    that never saw it (inner grouped CV); `--quick`: the outer CV's chances instead
    (those models saw the held-out group, so the choice is a little flattered).
    `tiers`, `open_`, `oof`: of the scored messages (`data.scored`)."""
    out = {}
    scored = data.scored
    for group in sorted({c.group for c in scored}):
        inner = oof if limits.quick else data.chances(out_of_fold(data.x, data.cases, l2,
                                                                  skip=group))
        rest = [i for i, c in enumerate(scored) if c.group != group]
        out[group] = thresholds(inner[rest], [tiers[i] for i in rest],
                                [scored[i].kind for i in rest], open_[rest], limits)
        print(f"  without {group:12}: net {out[group][0]:.4f}, urgent {out[group][1]:.4f}",
              flush=True)
    return out


def adopt_urgent(pooled: dict[str, Counter], per_group: list[tuple[Counter, Counter]]) -> bool:
    """Promote to urgent only if grouped CV keeps calm urgent <= 5% (today's check and
    the first-run one, pooled, and in every held-out batch: promotion may not lift one
    over 5%, nor further over where the check alone already is), no patient question
    urgent in any fold, and it catches more."""
    calm_ok = all(c["calm:urgent"] <= 0.05 * c["calm"] for k, c in pooled.items()
                  if k.endswith(":+urgent"))
    calm_ok &= all(p["calm:urgent"] <= max(0.05 * p["calm"], a["calm:urgent"])
                   for a, p in per_group)
    questions_ok = not any(p["question:urgent"] for _, p in per_group)
    gains = pooled["first:+urgent"]["emergency:urgent"] > pooled["first:+net"]["emergency:urgent"]
    print(f"\npromote to urgent? calm urgent <= 5%: {calm_ok}; no patient question urgent: "
          f"{questions_ok}; catches more: {gains}")
    return calm_ok and questions_ok and gains


def summary(pooled: dict[str, Counter], adopted: bool) -> list[str]:
    def line(key: str, label: str) -> str:
        c = pooled[key]
        e = c["emergency"]
        return (f"{label}: urgent {c['emergency:urgent']}/{e}, urgent or net "
                f"{c['emergency:urgent'] + c['emergency:safety_net']}/{e}, calm urgent "
                f"{c['calm:urgent']}/{c['calm']}, calm net {c['calm:safety_net']}/{c['calm']}")
    variant = "+urgent" if adopted else "+net"
    return ["Nested grouped CV (each batch held out), pooled:",
            line("first:concepts", "sf batches, check at first run alone"),
            line(f"first:{variant}", "sf batches, check at first run + backstop"),
            line(f"now:{variant}", "all batches, today's check + backstop")]


def penalty(caught: dict[float, float], n: int) -> float:
    """The strongest penalty whose catch is within one standard error of the best (the
    "one-SE rule"): below about 3e-7 the catch creeps up by a tenth of a point a step
    towards no penalty at all, which is noise, not a reason to weaken it."""
    best = max(caught.values())
    floor = best - np.sqrt(best * (1 - best) / n)
    return max(k for k, c in caught.items() if c >= floor)


def choose_penalty(data: Data, tiers: list[str], open_: np.ndarray,
                   limits: argparse.Namespace) -> tuple[float, np.ndarray]:
    """The L2 penalty (one-SE rule over the grid) and its out-of-fold chances."""
    kinds = [c.kind for c in data.scored]
    emergencies = np.array(kinds) == "emergency"
    choices = {}
    for l2 in [limits.l2] if limits.l2 else L2_GRID:
        oof = data.chances(out_of_fold(data.x, data.cases, l2))
        net, _ = thresholds(oof, tiers, kinds, open_, limits)
        caught = float(np.mean(oof[emergencies] >= net))
        print(f"l2 {l2:g}: pooled out-of-fold net threshold {net:.4f}; emergencies the "
              f"backstop alone reaches it for: {caught:.3f}", flush=True)
        choices[l2] = (caught, oof)
    l2 = penalty({k: v[0] for k, v in choices.items()}, int(emergencies.sum()))
    return l2, choices[l2][1]


def write(data: Data, l2: float, chosen: tuple[float, float | None], lines: list[str],
          limits: argparse.Namespace) -> None:
    """Fit on everything (small talk included) and write the data file."""
    y = np.array([c.label for c in data.cases], dtype=float)
    theta = fit(data.x, y, weights(data.cases), l2)
    featurizer = Featurizer(SPEC)
    grams: dict[int, Counter] = defaultdict(Counter)
    for case in data.cases:
        for gram in featurizer.grams(case.text):
            grams[zlib.crc32(gram.encode("utf-8")) & ((1 << SPEC.bits) - 1)][gram] += 1
    write_model(ROOT / "chatbot" / "data" / "safety_backstop.toml", SPEC, theta, chosen,
                l2, lines, grams, limits, data.min_words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--quick", action="store_true", help="no inner CV (see `nested`)")
    parser.add_argument("--max-question-net", type=float, default=0.02)
    parser.add_argument("--max-calm-net", type=float, default=0.20)
    parser.add_argument("--max-calm-urgent", type=float, default=0.0)
    parser.add_argument("--l2", type=float, help="skip the choice of the penalty")
    limits = parser.parse_args()
    data = load_data()
    scored = data.scored
    print(f"{len(scored)} messages scored, {len(data.cases) - len(scored)} small talk fitted"
          f" on in every fold; messages of fewer than {data.min_words} words are not read")
    tiers, open_now, open_first = readings(scored)
    open_ = open_now | open_first  # either reading may be met: the stricter threshold
    l2, oof = choose_penalty(data, tiers, open_, limits)
    print(f"chosen l2 {l2:g}; thresholds per held-out group:")
    per_group = nested(data, tiers, open_, oof, l2, limits)
    pooled, counts = report(scored, tiers, load_first_runs(ROOT), oof, per_group,
                            (open_now, open_first))
    adopted = adopt_urgent(pooled, counts)
    net, urgent = thresholds(oof, tiers, [c.kind for c in scored], open_, limits)
    print(f"thresholds on all out-of-fold chances: net {net:.4f}, urgent {urgent:.4f}"
          f" ({'adopted' if adopted else 'not adopted'})")
    if limits.write:
        write(data, l2, (net, urgent if adopted else None), summary(pooled, adopted), limits)


if __name__ == "__main__":
    main()
