"""First runs of blind batches: with and without the memory, one README row each.

A blind batch is run once, before anyone reads it, and its figures go in the README.
This prints those figures as table rows (and writes the full reports as JSON when
``--out`` is given), so the run is the same every session. The "without the memory"
figures use a copy of the corpus with ``memory.json`` left out.

    python benchmarks/first_runs.py tests/data/unread/qa60.jsonl tests/data/unread/d67.jsonl
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _eval(path: Path, corpus: Path | None) -> dict:
    """One `chatbot eval --json` report (the command a user runs)."""
    command = [sys.executable, "-m", "chatbot", "eval", str(path), "--json"]
    if corpus is not None:
        command += ["--corpus", str(corpus)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout)


def _without_memory(target: Path) -> Path:
    """The bundled corpus without its labelled questions."""
    corpus = ROOT / "corpus"
    shutil.copytree(corpus, target, ignore=shutil.ignore_patterns("memory.json"))
    return target


def _group(report: dict, name: str, key: str) -> float:
    group = report["groups"].get(name, {})
    return group.get(key, float("nan"))


def _answer_row(name: str, full: dict, bare: dict) -> str:
    return (
        f"| {name} ({full['answerable']} answerable, {full['cases'] - full['answerable']}"
        f" unanswerable) | **{full['hit1']:.3f}** | **{full['hit3']:.3f}**"
        f" | **{full['abstention']:.2f}** | {bare['hit1']:.3f} / {bare['hit3']:.3f}"
        f" / {bare['abstention']:.2f} |"
    )


def _dialogue_row(name: str, full: dict, bare: dict) -> str:
    follow = full["groups"]["follow_up"]
    topic = full["groups"].get("topic_change", {})
    return (
        f"| {name} ({follow['cases']} follow-ups, {topic.get('cases', 0)} topic changes)"
        f" | {_group(full, 'follow_up asked alone', 'hit1'):.3f}"
        f" | **{follow['hit1']:.3f}** | **{follow['hit3']:.3f}**"
        f" | **{follow['abstention']:.3f}**"
        f" | **{_group(full, 'topic_change', 'hit1'):.3f}**"
        f" ({_group(full, 'topic_change asked alone', 'hit1'):.3f})"
        f" | **{_group(full, 'topic_change', 'abstention'):.3f}**"
        f" ({_group(full, 'topic_change asked alone', 'abstention'):.3f})"
        f" | {_group(bare, 'follow_up', 'hit1'):.3f}"
        f" / {_group(bare, 'follow_up', 'abstention'):.3f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, help="write the full reports here (JSON)")
    args = parser.parse_args()
    reports = {}
    with tempfile.TemporaryDirectory() as tmp:
        bare_corpus = _without_memory(Path(tmp) / "corpus")
        for path in args.files:
            full, bare = _eval(path, None), _eval(path, bare_corpus)
            reports[path.stem] = {"with_memory": full, "without_memory": bare}
            dialogue = "follow_up" in full["groups"]
            row = _dialogue_row if dialogue else _answer_row
            print(row(path.stem, full, bare), flush=True)
            print(f"  (pooled counts: {full['cases']} cases, invariant violations "
                  f"{full['invariant_violations']}, false urgent {full['false_urgent']})")
    if args.out:
        args.out.write_text(json.dumps(reports, indent=1))


if __name__ == "__main__":
    main()
