"""First-run figures of the red-flag check on a batch of messages, by category.

    python scripts/safety_figures.py BATCH.jsonl

Each line: {"id", "text", "expect": "urgent"|"calm", "category", "who"} (the probes
file's "safety_net" expectation is shown as its own group). Prints, per
category and overall: urgent recall (emergencies given the urgent reply), urgent-or-
safety-net recall, and for calm messages the rates of the urgent reply and of the
safety net. It prints figures only, never a message, so a blind batch can be run once
and its figures written down before anyone reads it.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chatbot.bot import Chatbot


def main(path: str) -> None:
    bot = Chatbot()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        answer = bot.ask(case["text"])
        tier = "urgent" if answer.status == "urgent" else (
            "safety_net" if answer.safety_net else "none")
        for key in (f"{case['expect']}:{case.get('category', '?')}", f"{case['expect']}:ALL"):
            counts[key]["n"] += 1
            counts[key][tier] += 1
    print(f"{'group':34} {'n':>4} {'urgent':>8} {'urg|net':>8} {'net':>8}")
    for key in sorted(counts, key=lambda k: (k.endswith(":ALL"), k)):
        c = counts[key]
        n = c["n"]
        urgent, net = c["urgent"] / n, c["safety_net"] / n
        if key.startswith(("urgent:", "safety_net:")):
            print(f"{key:34} {n:4} {urgent:8.1%} {urgent + net:8.1%} {net:8.1%}")
        else:
            print(f"{key:34} {n:4} {urgent:8.1%} {'':>8} {net:8.1%}")
    u, k = counts["urgent:ALL"], counts["calm:ALL"]
    if u["n"]:
        print(f"urgent recall: {u['urgent']}/{u['n']} = {u['urgent'] / u['n']:.1%}")
        both = u["urgent"] + u["safety_net"]
        print(f"urgent-or-safety-net recall: {both}/{u['n']} = {both / u['n']:.1%}")
    if k["n"]:
        print(f"calm -> urgent: {k['urgent']}/{k['n']} = {k['urgent'] / k['n']:.1%}")
        print(f"calm -> safety net: {k['safety_net']}/{k['n']} = {k['safety_net'] / k['n']:.1%}")


if __name__ == "__main__":
    main(sys.argv[1])
