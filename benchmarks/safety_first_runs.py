"""Each blind safety batch's first-run tiers, rebuilt from the code that first met it.

    python benchmarks/safety_first_runs.py [--write]

The concept check has been tuned on sf1-sf6, so today's check on those batches says
little about wording it has not seen. What it said at each batch's first run is in
git: this script extracts the commit each batch first met (`git archive`, into a
temporary directory), asks that code's bot every message of the batch, and prints the
figures, which must match the README's table of first runs. `--write` stores the tier
of every message (`urgent`, `safety_net` or `none`, by id: no message text) in
`benchmarks/data/safety_first_runs.json`, for `fit_safety_backstop.py`'s honest
estimate: the learned backstop on top of the check as each batch first met it.
Needs the git history (a clone, not an archive). Figures only, never a message.
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
FIRST_RUN = {
    # batch: (commit whose code met the batch first, the README's first-run figures:
    #         urgent, urgent or net of 80 emergencies; urgent, net of 60 calm messages)
    "sf1": ("0737c88", (70, 70, 3, 4)),
    "sf3": ("0975bfa", (73, 76, 5, 4)),
    "sf4": ("44cf1e9", (73, 73, 4, 3)),
    "sf5": ("95bf855", (73, 76, 2, 7)),
    "sf6": ("a8d2405", (74, 76, 3, 4)),
    "sf7": ("22c1809", (73, 76, 1, 6)),
}
RUNNER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from chatbot.bot import Chatbot
bot = Chatbot()
out = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if line.strip():
        case = json.loads(line)
        answer = bot.ask(case["text"])
        out[case["id"]] = ("urgent" if answer.status == "urgent"
                           else "safety_net" if getattr(answer, "safety_net", None) else "none")
print(json.dumps(out))
"""


def tiers_at(commit: str, batch: Path) -> dict[str, str]:
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
        tiers = tiers_at(commit, batch)
        got = figures(batch, tiers)
        ok &= got == expected
        print(f"{name} at {commit}: urgent {got[0]}/80, urgent or net {got[1]}/80, "
              f"calm urgent {got[2]}/60, calm net {got[3]}/60"
              f"{'' if got == expected else f'  (README: {expected})'}")
        stored[name] = {"commit": commit, **tiers}
    if args.write:
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(json.dumps(stored, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    if not ok:
        sys.exit("a batch's figures differ from the README's first run")


if __name__ == "__main__":
    main()
