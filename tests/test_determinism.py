"""The same question gives byte-identical JSON, in one process and across processes.

Set iteration order in Python depends on the hash seed, which differs per process;
running the whole question set under different PYTHONHASHSEED values catches any
ranking, tie-break or caveat order that leans on it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from chatbot import Chatbot
from chatbot.corpus import CORPUS_ENV

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

EXTRA = [
    "can acupuncture help fatigue",
    "I have chest pain and can't breathe",
    "what is the capital of peru",
    "",
    "x" * 5000,
    "bladder \x00 \x1b[31m 🧠 مرحبا",
]


def questions() -> list[str]:
    out = []
    for name in ("dev_questions.jsonl", "heldout_questions.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(json.loads(line)["question"])
    return out + EXTRA


def test_two_bots_in_one_process_agree() -> None:
    first, second = Chatbot(), Chatbot()
    for q in questions():
        a = first.ask(q).model_dump_json()
        assert a == first.ask(q).model_dump_json(), q  # asking twice changes nothing
        assert a == second.ask(q).model_dump_json(), q


def run_batch(seed: str, lines: list[str], *options: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != CORPUS_ENV}
    env.update(PYTHONPATH=str(ROOT), PYTHONHASHSEED=seed)
    proc = subprocess.run(
        [sys.executable, "-m", "chatbot", "ask", "--json", *options, "-"],
        input="\n".join(lines).encode("utf-8") + b"\n", capture_output=True, env=env,
        cwd=ROOT, timeout=120, check=True,
    )
    return proc.stdout


def test_processes_with_different_hash_seeds_agree_byte_for_byte() -> None:
    lines = [q for q in questions() if q.strip() and "\n" not in q]
    outputs = {seed: run_batch(seed, lines) for seed in ("0", "1", "12345")}
    assert outputs["0"] == outputs["1"] == outputs["12345"]
    # ... and equal to what the library gives in this process (another seed again).
    bot = Chatbot()
    expected = "".join(bot.ask(q).model_dump_json() + "\n" for q in lines).encode("utf-8")
    assert outputs["0"] == expected
    assert len(outputs["0"].splitlines()) == len(lines)


def test_single_question_process_matches_batch() -> None:
    env = {k: v for k, v in os.environ.items() if k != CORPUS_ENV}
    env.update(PYTHONPATH=str(ROOT), PYTHONHASHSEED="random")
    q = "can acupuncture help with bladder problems"
    runs = {
        subprocess.run(
            [sys.executable, "-m", "chatbot", "ask", "--json", q], capture_output=True,
            env=env, cwd=ROOT, timeout=60, check=True,
        ).stdout
        for _ in range(2)
    }
    assert runs == {(Chatbot().ask(q).model_dump_json() + "\n").encode("utf-8")}


def test_conversations_agree_across_hash_seeds() -> None:
    """A follow-up is read alone or with the turn before by comparing two closenesses
    to the memory; summed in a set's order they differed in the last digits by hash
    seed, which flipped a tie ("how many meridians are there supposed to be" was no_match
    under PYTHONHASHSEED=3, answered under 0)."""
    talk = ["isnt the whole qi and meridians thing just made up?",
            "how many meridians are there supposed to be", "",
            "does acupuncture help bladder problems in ms", "how many people were in it?",
            "what about sleep?"]
    outputs = {seed: run_batch(seed, talk, "--dialogue") for seed in ("0", "3", "12345")}
    assert outputs["0"] == outputs["3"] == outputs["12345"]
