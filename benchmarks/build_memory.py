"""Write the bundled corpus's memory of labelled questions (`corpus/memory.json`).

    python benchmarks/build_memory.py [--check] [FILES...]

From the tuning sets (every single question, and each conversation's turns that stand
alone; `chatbot/retrieval/memory_build.py`); the sealed test batches are never read.
`--check` fails when the file differs from what the sets and the corpus give today
(a test does the same), so a changed chunking or question set cannot leave a stale
memory. After rebuilding, refit: `python benchmarks/fit_ranking.py --memory --write`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot.bot import Chatbot  # noqa: E402
from chatbot.retrieval.memory import MEMORY_FILE  # noqa: E402
from chatbot.retrieval.memory_build import memory_json  # noqa: E402

TUNING = ROOT / "tests" / "data" / "tuning"
SETS = [
    "tests/data/dev_questions.jsonl",
    "tests/data/heldout_questions.jsonl",
    "tests/data/blind_questions.jsonl",
    *sorted(str(p.relative_to(ROOT)) for p in TUNING.glob("qa*.jsonl")),
    *sorted(str(p.relative_to(ROOT)) for p in TUNING.glob("d*.jsonl")),
]


def bundled_memory(files: list[str] = SETS) -> tuple[Path, str]:
    """Where the bundled memory lives, and what it should hold."""
    bot = Chatbot(memory=False)
    return bot.corpus.root / MEMORY_FILE, memory_json(bot, [ROOT / f for f in files], files)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", default=SETS)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    path, text = bundled_memory(args.files)
    if args.check:
        same = path.is_file() and path.read_text(encoding="utf-8") == text
        print("memory up to date" if same else f"{path} is stale: rebuild it")
        raise SystemExit(0 if same else 1)
    path.write_text(text, encoding="utf-8")
    print(f"written: {path} ({text.count(chr(10)) - 3} questions, {len(args.files)} sets)")


if __name__ == "__main__":
    main()
