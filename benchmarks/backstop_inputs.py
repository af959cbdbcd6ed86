"""What the safety backstop is fitted and scored on: the features of each message, and
the concept check's reading of it (today's and, for an sf batch, at its first run).

Used by `fit_safety_backstop.py`; the messages themselves come from `backstop_data`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from backstop_data import ALWAYS, Case, load_cases, load_first_decided, load_first_runs, small_talk
from logistic import Sparse

import chatbot.safety.check as safety_check
from chatbot import Chatbot
from chatbot.safety.backstop import promotable
from chatbot.safety.features import FeatureSpec, Featurizer, real_words_sha256, words_read

ROOT = Path(__file__).resolve().parents[1]
TIME_CONCEPTS = ("recent", "now", "future")
"""The lexicon's concepts of when ("tonight", "now", "tomorrow"): their one-word terms
say when something happens, not what (the concept check reads the onset). Alone they
decided a short message's chance ("feeling rubbish tonight": 0.995), so, like function
words, they count only inside 2-grams ("since tonight", "tonight he")."""


def _function_words() -> frozenset[str]:
    """The retrieval's stop words and the one-word time terms, copied into the
    backstop's file at each fit."""
    stop = tomllib.loads((ROOT / "chatbot" / "data" / "vocabulary.toml")
                         .read_text(encoding="utf-8"))["stop_words"]
    concepts = safety_check.load_safety(backstop=False).lexicons.concepts
    time = {t for name in TIME_CONCEPTS for t in concepts[name].terms
            if " " not in t and t.isalpha()}
    return frozenset(stop) | time


SPEC = FeatureSpec(bits=15, word_ngrams=(1, 2), char_ngrams=(3, 5),
                   function_words=_function_words(), real_words_sha256=real_words_sha256())


@dataclass(frozen=True)
class Data:
    """What is fitted (`cases`, features `x`) and what is scored: all but `ALWAYS`."""

    cases: list[Case]
    x: Sparse
    words: np.ndarray
    min_words: int

    @property
    def mask(self) -> np.ndarray:
        return np.array([c.group not in ALWAYS for c in self.cases])

    @property
    def scored(self) -> list[Case]:
        return [c for c in self.cases if c.group not in ALWAYS]

    def chances(self, oof: np.ndarray) -> np.ndarray:
        """The scored messages' chances, 0 for one shorter than `min_words` (not read)."""
        mask = self.mask
        return np.where(self.words[mask] >= self.min_words, oof[mask], 0.0)


def concept_bot() -> Chatbot:
    """The bot with the concept check alone: the file being refitted may be stale or
    of an older shape, and the concept check's tiers never depend on it."""
    full = safety_check.load_safety
    safety_check.load_safety = lambda: full(backstop=False)  # type: ignore[assignment]
    try:
        return Chatbot()
    finally:
        safety_check.load_safety = full


def readings(cases: list[Case]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Today's concept tiers, and which messages the urgent threshold may promote: on
    today's check, and on the check as each sf batch first met it (elsewhere today's)."""
    check = concept_bot().safety
    verdicts = [check.concepts(c.text) for c in cases]
    now = np.array([promotable(v.tier, v.decided_by, v.decided_by in check.rules, check.unsure)
                    for v in verdicts])
    tiers, decided = load_first_runs(ROOT), load_first_decided(ROOT)
    first = now.copy()
    for i, case in enumerate(cases):
        if case.group in tiers:
            tier, by = tiers[case.group][case.id], decided[case.group].get(case.id)
            first[i] = promotable(None if tier == "none" else tier, by,
                                  bool(by and by.startswith("rule:")), check.unsure)
    return [v.tier or "none" for v in verdicts], now, first


def load_data() -> Data:
    """The scored cases, then the small talk fitted on in every fold; `min_words`: the
    fewest words of any emergency (the classifier is not asked about shorter messages)."""
    cases = load_cases(ROOT) + small_talk(ROOT)
    featurizer = Featurizer(SPEC)
    x = Sparse.from_slots([featurizer.slots(c.text) for c in cases], 1 << SPEC.bits)
    words = np.array([words_read(c.text) for c in cases])
    least = int(min(n for n, c in zip(words, cases, strict=True) if c.kind == "emergency"))
    return Data(cases, x, words, least)
