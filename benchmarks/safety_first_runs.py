"""Each blind safety batch's first-run tiers, rebuilt from the code that first met it.

    python benchmarks/safety_first_runs.py [--write]

The concept check has been tuned on sf1-sf6, so today's check on those batches says
little about wording it has not seen. What it said at each batch's first run is in
git: this script extracts the commit each batch first met (`git archive`, into a
temporary directory), asks that code's bot every message of the batch, and prints the
figures, which must match the README's table of first runs. `--write` stores the tier
of every message (`urgent`, `safety_net` or `none`, by id: no message text) in
`benchmarks/data/safety_first_runs.json`, for `fit_safety_backstop.py`'s honest
estimate: the learned backstop on top of the check as each batch first met it. From
sf8 on, the first-run code had a backstop of its own: the figures checked are the
bot's answers (the README's), the tiers stored the concept check's alone
(`SafetyCheck.concepts`), so a refitted backstop is measured on top of the check, not
of an older backstop. Needs the git history (a clone, not an archive). Figures only,
never a message.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "data" / "safety_first_runs.json"
DECIDED = "decided_by"
"""Per id, what decided the concept check's tier: "rule:" and a calm rule's name (a sign
set aside or lowered to a net), a flag's id, "near_miss", "spelling"."""
FIRST_RUN = {
    # batch: (commit whose code met the batch first, the README's first-run figures:
    #         urgent, urgent or net of 80 emergencies; urgent, net of 60 calm messages)
    "sf1": ("0737c88", (70, 70, 3, 4)),
    "sf3": ("0975bfa", (73, 76, 5, 4)),
    "sf4": ("44cf1e9", (73, 73, 4, 3)),
    "sf5": ("95bf855", (73, 76, 2, 7)),
    "sf6": ("a8d2405", (74, 76, 3, 4)),
    "sf7": ("22c1809", (73, 76, 1, 6)),
    # sf8 and sf9 first met the check with the learned backstop (its nets included);
    # each commit only added its batch to the code that met it.
    "sf8": ("7a654d1", (74, 80, 3, 3)),
    "sf9": ("5318e2b", (75, 80, 2, 7)),
    # sf10 first met the check of safety-6 (the backstop promoting to urgent).
    "sf10": ("4e5565e", (78, 80, 4, 8)),
    "sf11": ("2fef680", (76, 80, 0, 6)),
    "sf12": ("8202ceb", (77, 80, 1, 7)),
    "sf13": ("42ca0fe", (78, 80, 4, 8)),
    # sf14 and sf15 first met the check of safety-7 (tuned on sf13).
    "sf14": ("d2d29bf", (77, 80, 1, 8)),
    "sf15": ("d2d29bf", (80, 80, 0, 10)),
    "sf16": ("0c32433", (78, 79, 6, 6)),
    "sf17": ("ae7291c", (77, 80, 1, 6)),
    "sf18": ("d61eb94", (79, 80, 1, 6)),
    "sf19": ("6f2f912", (76, 80, 2, 4)),
    "sf20": ("0322d13", (78, 80, 1, 7)),
    "sf21": ("f5a2b3d", (76, 80, 1, 9)),
    "sf22": ("a94aab0", (80, 80, 2, 7)),
}
RUNNER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from chatbot.bot import Chatbot
bot = Chatbot()
concepts = getattr(bot.safety, "concepts", None) or bot.safety.check
out = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if line.strip():
        case = json.loads(line)
        answer = bot.ask(case["text"])
        asked = ("urgent" if answer.status == "urgent"
                 else "safety_net" if getattr(answer, "safety_net", None) else "none")
        verdict = concepts(case["text"])
        by = verdict.decided_by
        out[case["id"]] = [asked, verdict.tier or "none",
                           f"rule:{by}" if by in bot.safety.rules else by]
print(json.dumps(out))
"""


def tiers_at(commit: str, batch: Path) -> dict[str, list[str]]:
    """Per message id: [the bot's tier, the concept check's tier alone, what decided it
    ("rule:" and a calm rule's name, a flag's id, "near_miss", "spelling" or None)]."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "chatbot", "corpus"],
                             check=True, capture_output=True).stdout
    with tempfile.TemporaryDirectory(prefix="first-run-") as tree:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
        done = subprocess.run([sys.executable, "-c", RUNNER, tree, str(batch)], check=True,
                              capture_output=True, text=True, cwd=tree)
    return json.loads(done.stdout)


def figures(batch: Path, tiers: dict[str, str]) -> tuple[int, int, int, int]:
    cases = [json.loads(line) for line in batch.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    urgent = [tiers[c["id"]] for c in cases if c["expect"] == "urgent"]
    calm = [tiers[c["id"]] for c in cases if c["expect"] == "calm"]
    return (urgent.count("urgent"), len(urgent) - urgent.count("none"),
            calm.count("urgent"), calm.count("safety_net"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    stored: dict[str, dict[str, str]] = {}
    ok = True
    for name, (commit, expected) in FIRST_RUN.items():
        batch = ROOT / "tests" / "data" / "tuning" / f"{name}.jsonl"
        both = tiers_at(commit, batch)
        got = figures(batch, {k: v[0] for k, v in both.items()})
        tiers = {k: v[1] for k, v in both.items()}
        ok &= got == expected
        print(f"{name} at {commit}: urgent {got[0]}/80, urgent or net {got[1]}/80, "
              f"calm urgent {got[2]}/60, calm net {got[3]}/60"
              f"{'' if got == expected else f'  (README: {expected})'}")
        alone = figures(batch, tiers)
        if alone != got:
            print(f"  the concept check alone: urgent {alone[0]}/80, urgent or net {alone[1]}/80,"
                  f" calm urgent {alone[2]}/60, calm net {alone[3]}/60 (stored)")
        decided = {k: v[2] for k, v in both.items() if v[2]}
        stored[name] = {"commit": commit, DECIDED: decided, **tiers}
    if args.write:
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(json.dumps(stored, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    if not ok:
        sys.exit("a batch's figures differ from the README's first run")


if __name__ == "__main__":
    main()
