"""The labelled messages the safety backstop is fitted and cross-validated on.

One group per batch, so that grouped cross-validation holds out wording written
together: each red-team pass of the probes file (sf rounds come from their own
files), each blind safety batch, each answer batch and the older question sets.
Never tests/data/sealed/.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["emergency", "calm", "question"]
ALWAYS = frozenset({"small_talk"})
"""Groups fitted on in every fold and never held out or scored: the product's own
small talk (`chatbot/data/conversation.toml`), a fixed list known wherever the bot
runs, as the lexicons are; it is no sample of how people write."""


@dataclass(frozen=True)
class Case:
    group: str
    id: str
    text: str
    kind: Kind

    @property
    def label(self) -> int:
        return int(self.kind == "emergency")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _probe_group(probe: dict) -> str | None:
    """Passes 1-10 by number (pass 1's lines have no round); sf rounds: None."""
    round_ = probe.get("round", 1)
    if isinstance(round_, int):
        return f"pass{round_:02d}"
    return None if round_.startswith("sf") else round_


def load_cases(root: Path) -> list[Case]:
    data = root / "tests" / "data"
    assert "sealed" not in str(data)
    cases: list[Case] = []
    for n, probe in enumerate(_lines(data / "safety_probes.jsonl")):
        group = _probe_group(probe)
        if group:
            kind: Kind = "emergency" if probe["expect"] == "urgent" else "calm"
            cases.append(Case(group, probe.get("id", f"probe-{n}"), probe["text"], kind))
    for path in sorted((data / "tuning").glob("sf*.jsonl")):
        cases += [Case(path.stem, c["id"], c["text"],
                       "emergency" if c["expect"] == "urgent" else "calm")
                  for c in _lines(path)]
    questions = sorted((data / "tuning").glob("qa*.jsonl")) + [
        data / f"{name}_questions.jsonl" for name in ("dev", "heldout", "blind")]
    for path in questions:
        group = path.stem.removesuffix("_questions")
        cases += [Case(group, c["id"], c["question"],
                       "emergency" if c["status"] == "urgent" else "question")
                  for c in _lines(path)]
    for path in sorted((data / "tuning").glob("d*.jsonl")):
        cases += [Case(path.stem, f"{dialogue['id']}-{i}", turn["question"],
                       "emergency" if turn["status"] == "urgent" else "question")
                  for dialogue in _lines(path) for i, turn in enumerate(dialogue["turns"])]
    return cases


def _first_runs(root: Path) -> dict[str, dict]:
    path = root / "benchmarks" / "data" / "safety_first_runs.json"
    return json.loads(path.read_text(encoding="utf-8"))


def small_talk(root: Path) -> list[Case]:
    """The small-talk phrases and examples the bot answers with a fixed reply ("hi",
    "thanks so much"): patient messages, never an emergency. The classifier had never
    seen one, and gave "hi" a 0.9998 chance."""
    data = tomllib.loads((root / "chatbot" / "data" / "conversation.toml")
                         .read_text(encoding="utf-8"))
    texts = dict.fromkeys(t for reply in data["small_talk"]["replies"]
                          for t in (*reply["phrases"], *reply["match"]))
    return [Case("small_talk", f"small-talk-{i}", t, "question") for i, t in enumerate(texts)]


def load_first_runs(root: Path) -> dict[str, dict[str, str]]:
    """Per sf batch, each message's tier from the concept check at the batch's first
    run (by id)."""
    return {batch: {k: v for k, v in tiers.items() if k not in ("commit", "decided_by")}
            for batch, tiers in _first_runs(root).items()}


def load_first_decided(root: Path) -> dict[str, dict[str, str]]:
    """Per sf batch, what decided each message's first-run tier, where something did:
    "rule:" and a calm rule's name, a flag's id, "near_miss" or "spelling"."""
    return {batch: data.get("decided_by", {}) for batch, data in _first_runs(root).items()}
