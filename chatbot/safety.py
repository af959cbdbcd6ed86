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
                flag.id,
                re.compile("|".join(f"(?:{p})" for p in flag.patterns)),
                flag.message.format(emergency=emergency, crisis=crisis),
            )
            for flag in data.flags
        ]

        self._medicines = re.compile("|".join(f"(?:{p})" for p in data.medicines.patterns))

    def mentions_medicine(self, message: str) -> bool:
        return self._medicines.search(normalise(message)) is not None

    def red_flag(self, message: str) -> Alarm | None:
        text = normalise(message)
        for flag_id, pattern, reply in self._flags:
            if pattern.search(text):
                return Alarm(flag=flag_id, message=reply)
        return None


def load_safety() -> SafetyFile:
    return load_data_file("safety.toml", SafetyFile)
