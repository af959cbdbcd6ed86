"""Figures of the safety backstop's grouped cross-validation, and the data file it writes.

A message's tier is the concept check's; where that is none, the backstop's net if its
chance reaches the net threshold; with the urgent threshold, a message the check could
not read (`chatbot.safety.backstop.promotable`) is promoted to urgent at or above it.
Figures only, never a message.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from backstop_data import Case
from logistic import quantise

from chatbot.safety.features import FeatureSpec

QA = "qa"
"""Groups whose name starts so are the answer tuning sets, the patient questions the
brief measures; the other question groups are reported beside them."""


def final(tier: str, chance: float, net: float, urgent: float | None, open_: bool) -> str:
    if tier == "urgent" or (urgent is not None and open_ and chance >= urgent):
        return "urgent"
    if tier == "safety_net" or chance >= net:
        return "safety_net"
    return "none"


Counts = dict[str, Counter]


def tally(cases: list[Case], tiers: list[str], chances: np.ndarray,
          thresholds: dict[str, tuple[float, float]], open_: np.ndarray | None) -> Counts:
    """Per group: counts of each kind, and of each kind's final tier; `open_`: which
    messages may be promoted (None: no promotion)."""
    out: Counts = defaultdict(Counter)
    for i, (case, tier, chance) in enumerate(zip(cases, tiers, chances, strict=True)):
        net, urgent = thresholds[case.group]
        got = final(tier, chance, net, urgent if open_ is not None else None,
                    bool(open_ is not None and open_[i]))
        out[case.group][case.kind] += 1
        out[case.group][f"{case.kind}:{got}"] += 1
    return out


def _cells(c: Counter) -> list[str]:
    e, k, q = c["emergency"], c["calm"], c["question"]
    urgent = c["emergency:urgent"]
    either = urgent + c["emergency:safety_net"]
    cells = [f"{urgent}/{e}" if e else "-", f"{either}/{e}" if e else "-",
             f"{c['calm:urgent']}/{k}" if k else "-", f"{c['calm:safety_net']}/{k}" if k else "-",
             f"{c['question:safety_net']}/{q}" if q else "-",
             f"{c['question:urgent']}/{q}" if q else "-"]
    return cells


def _rate(c: Counter, key: str, kind: str) -> str:
    return f"{c[key] / c[kind]:.1%}" if c[kind] else "-"


def table(title: str, variants: dict[str, Counts], groups: list[str]) -> None:
    print(f"\n== {title} ==")
    head = ["urgent", "urg|net", "calm urg", "calm net", "Q net", "Q urgent"]
    print(f"{'group':12} {'variant':10} " + " ".join(f"{h:>9}" for h in head))
    pools: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for group in groups:
        for name, counts in variants.items():
            print(f"{group:12} {name:10} " + " ".join(f"{x:>9}" for x in _cells(counts[group])))
            pool = "qa" if group.startswith(QA) else (
                "questions" if counts[group]["question"] else "safety")
            pools[name][pool] += counts[group]
            pools[name]["all"] += counts[group]
    for pool in ("safety", "qa", "questions", "all"):
        for name in variants:
            c = pools[name][pool]
            if not sum(c.values()):
                continue
            cells = _cells(c)
            rates = [_rate(c, "emergency:urgent", "emergency"),
                     f"{(c['emergency:urgent'] + c['emergency:safety_net']) / c['emergency']:.1%}"
                     if c["emergency"] else "-",
                     _rate(c, "calm:urgent", "calm"), _rate(c, "calm:safety_net", "calm"),
                     _rate(c, "question:safety_net", "question"),
                     _rate(c, "question:urgent", "question")]
            print(f"{'POOLED ' + pool:12} {name:10} " + " ".join(f"{x:>9}" for x in cells))
            print(f"{'':12} {'':10} " + " ".join(f"{x:>9}" for x in rates))


def report(cases: list[Case], tiers: list[str], first_runs: dict[str, dict[str, str]],
           chances: np.ndarray, thresholds: dict[str, tuple[float, float]],
           open_: tuple[np.ndarray, np.ndarray]
           ) -> tuple[dict[str, Counter], list[tuple[Counter, Counter]]]:
    """Print the figures; return the pooled counts the urgent decision rests on, and
    each group's counts without and with promotion. `open_`: which messages may be
    promoted, on today's check and on the check at each sf batch's first run."""
    alone = {g: (2.0, None) for g in thresholds}
    groups = sorted(thresholds, key=lambda g: (g.startswith(QA), g))
    now = {"concepts": tally(cases, tiers, chances, alone, None),
           "+net": tally(cases, tiers, chances, thresholds, None),
           "+urgent": tally(cases, tiers, chances, thresholds, open_[0])}
    table("on today's concept check (tuned on every sf batch), nested grouped CV", now, groups)
    sf = [i for i, c in enumerate(cases) if c.group in first_runs]
    first = [first_runs[cases[i].group][cases[i].id] for i in sf]
    sub = [cases[i] for i in sf]
    then = {"concepts": tally(sub, first, chances[sf], alone, None),
            "+net": tally(sub, first, chances[sf], thresholds, None),
            "+urgent": tally(sub, first, chances[sf], thresholds, open_[1][sf])}
    table("on the check as each sf batch FIRST met it (honest first-run estimate)", then,
          sorted(first_runs))
    pooled: dict[str, Counter] = {}
    for name, variants in (("now", now), ("first", then)):
        for variant, counts in variants.items():
            pooled[f"{name}:{variant}"] = sum(counts.values(), Counter())
    per_group = [(view["concepts"][g], view["+urgent"][g])
                 for view in (now, then) for g in view["+urgent"]]
    return pooled, per_group


def strongest(theta: np.ndarray, grams: dict[int, Counter], n: int = 15) -> list[str]:
    w = theta[:-1]
    order = np.argsort(w)
    picks = [*order[::-1][:n], *order[:n]]
    return [f"{w[i]:+.2f} " + " | ".join(g for g, _ in grams[int(i)].most_common(2))
            for i in picks if grams.get(int(i))]


def write_model(path: Path, spec: FeatureSpec, theta: np.ndarray,
                chosen: tuple[float, float | None], l2: float, summary: list[str],
                grams: dict[int, Counter], limits: argparse.Namespace,
                min_words: int = 1) -> None:
    q, scale, bias = quantise(theta)
    raw = q.tobytes()
    net, urgent = chosen
    lines = [
        "# The safety check's learned backstop. WRITTEN BY benchmarks/fit_safety_backstop.py:",
        "# do not edit by hand (the sha256 below would no longer match). Refit with",
        "#   python benchmarks/fit_safety_backstop.py --write",
        "# A logistic regression over hashed word 1-2-grams, the stems of real words and",
        "# the character 3-5-grams of other words (chatbot/safety/features.py), fitted",
        "# on the probes, the sf batches, the patient questions of the answer sets and",
        "# the bot's own small talk (never tests/data/sealed/), each of the three kinds",
        "# (emergencies, calm messages, patient messages) weighing the same; L2",
        f"# penalty {l2:g}, chosen by grouped CV (one-SE rule). When the concept check",
        "# gives no tier and the chance is at or above `safety_net`, the answer opens with",
        "# texts.backstop_net (safety_flags.toml). The threshold is the lowest at which,",
        "# over the batches' out-of-fold chances, patient questions netted stay",
        f"# <= {limits.max_question_net:.0%} and calm messages netted <= {limits.max_calm_net:.0%}."
        " At or above `urgent`,",
        "# a message the concept check could not read (no sign, a near miss, a spelling",
        "# guess, a plea) gets the urgent reply: the lowest threshold at which no patient",
        f"# question and at most {limits.max_calm_urgent:.0%} of calm messages would be"
        " promoted, written only",
        "# if nested grouped CV showed calm urgent <= 5% and no patient question urgent.",
        *(f"# {line}" for line in summary),
        "",
        f"safety_net = {net:.4f}",
        "# The fewest words of any emergency fitted on: a shorter message is not read.",
        f"min_words = {min_words}",
        *([f"urgent = {urgent:.4f}"] if urgent is not None else []),
        f"bias = {bias!r}",
        f"scale = {scale!r}",
        f'sha256 = "{hashlib.sha256(raw).hexdigest()}"',
        "# What weighs most each way (weight, the n-grams that share its slot):",
        "strongest = [",
        *(f"  {json.dumps(s)}," for s in strongest(theta, grams)),
        "]",
        "# A literal string: tomllib reads it about 40 times faster than a basic one.",
        f"weights = '{base64.b64encode(raw).decode('ascii')}'",
        "",
        "[features]",
        f'hash = "{spec.hash}"',
        f"bits = {spec.bits}",
        f"word_ngrams = [{spec.word_ngrams[0]}, {spec.word_ngrams[1]}]",
        f"char_ngrams = [{spec.char_ngrams[0]}, {spec.char_ngrams[1]}]",
        "# The list of real words read whole, as their stem (english_words.txt):",
        f'real_words_sha256 = "{spec.real_words_sha256}"',
        "# Counted only inside word 2-grams: the retrieval's stop words at the fit.",
        f"function_words = '{' '.join(sorted(spec.function_words))}'",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path}")
