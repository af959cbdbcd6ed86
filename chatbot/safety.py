"""Red flags and medicine notices, checked before any retrieval.

The patterns and the fixed messages live in `data/safety.toml`; the emergency and
crisis numbers come from the environment so they can suit the person's country.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from chatbot.data import load_data_file

EMERGENCY_ENV = "CHATBOT_EMERGENCY"
CRISIS_ENV = "CHATBOT_CRISIS"


class RedFlag(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    patterns: list[str] = Field(min_length=1)
    message: str
    calm_guards: bool = True
    """Whether a past-time or "what if" sentence can set a match aside."""


class Calm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    negators: list[str] = Field(min_length=1)
    personal_now: str
    still_now: str
    past: str
    general_question: str
    reported: str


class SafetySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    emergency: str
    crisis: str


class Medicines(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    patterns: list[str] = Field(min_length=1)


class SafetyFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    flags: list[RedFlag] = Field(min_length=1)
    calm: Calm
    medicines: Medicines
    settings: SafetySettings


@dataclass(frozen=True)
class Alarm:
    flag: str
    message: str


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, single spaces: what the patterns are written for."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


class SafetyCheck:
    def __init__(self, data: SafetyFile | None = None) -> None:
        data = data or load_safety()
        emergency = os.environ.get(EMERGENCY_ENV) or data.settings.emergency
        crisis = os.environ.get(CRISIS_ENV) or data.settings.crisis
        self._flags = [
            (
                flag,
                re.compile("|".join(f"(?:{p})" for p in flag.patterns)),
                flag.message.format(emergency=emergency, crisis=crisis),
            )
            for flag in data.flags
        ]
        self._negators = frozenset(data.calm.negators)
        self._personal_now = re.compile(data.calm.personal_now)
        self._still_now = re.compile(data.calm.still_now)
        self._past = re.compile(data.calm.past)
        self._general_question = re.compile(data.calm.general_question)
        self._reported = re.compile(data.calm.reported)

        self._medicines = re.compile("|".join(f"(?:{p})" for p in data.medicines.patterns))

    def mentions_medicine(self, message: str) -> bool:
        return self._medicines.search(normalise(message)) is not None

    def red_flag(self, message: str) -> Alarm | None:
        """The first flag with a match that is not a calm mention, or None."""
        text = normalise(message)
        for flag, pattern, reply in self._flags:
            for match in pattern.finditer(text):
                if not self._is_calm(text, match, flag.calm_guards):
                    return Alarm(flag=flag.id, message=reply)
        return None

    def _is_calm(self, text: str, match: re.Match[str], guards: bool) -> bool:
        """"I don't have chest pain", "chest pain years ago", "can you faint from it?"."""
        before = re.findall(r"[a-z']+", text[: match.start()])[-3:]
        if any(word in self._negators for word in before):
            return True
        if not guards:
            return False
        start = max(text.rfind(c, 0, match.start()) for c in ".?!;") + 1
        ends = [i for i in (text.find(c, match.end()) for c in ".?!;") if i >= 0]
        sentence = text[start : min(ends) if ends else len(text)].strip()
        if self._past.search(sentence) and not self._still_now.search(sentence):
            return True  # "years ago I had a collapsed lung"
        if self._personal_now.search(sentence):
            return False  # "my throat is swelling", "is it normal that I can't breathe"
        return bool(self._general_question.search(sentence) or self._reported.search(sentence))


def load_safety() -> SafetyFile:
    return load_data_file("safety.toml", SafetyFile)
