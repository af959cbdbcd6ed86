"""The one list of medicines (`data/medicines.toml`), read by everyone who needs it.

The red-flag check reads it as its concept `medicine`, the bot adds the medicine
notice when a message names one, and retrieval asks whether a question word is one.
One list, so a medicine added for the notice is also known to the overdose flag and
to the no-match rule.
"""

from functools import cache
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from chatbot.data import load_data_file


def _split(value: object) -> object:
    """Terms written as one text, between commas or line breaks (TOML reads one long
    string much faster than an array of short ones)."""
    if isinstance(value, str):
        return [term.strip() for line in value.splitlines() for term in line.split(",")
                if term.strip()]
    return value


Terms = Annotated[list[str], BeforeValidator(_split), Field(min_length=1)]


class MedicineList(BaseModel):
    """The reviewed file: words for medicines in general, what medicines come in,
    and medicines by name."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    general: Terms
    forms: Terms
    named: Terms

    @model_validator(mode="after")
    def _clean(self) -> "MedicineList":
        terms = self.terms
        bad = [t for t in terms if t != " ".join(t.split()) or t != t.lower()]
        if bad:
            raise ValueError(f"terms must be lower case, single-spaced: {bad}")
        twice = sorted({t for t in terms if terms.count(t) > 1})
        if twice:
            raise ValueError(f"listed twice: {twice}")
        return self

    @property
    def terms(self) -> list[str]:
        return [*self.general, *self.forms, *self.named]


@cache
def load_medicines() -> MedicineList:
    return load_data_file("medicines.toml", MedicineList)


class Medicines:
    """Answers "is this word (or phrase, as the analyser reads it) a medicine?"."""

    def __init__(self, medicines: MedicineList | None = None) -> None:
        medicines = medicines or load_medicines()
        self.list = medicines
        self.general = frozenset(medicines.general)
        self.named = frozenset(medicines.named)
        self.terms = frozenset(medicines.terms)
        self.phrases = frozenset(t for t in medicines.named if " " in t)
        """Names of two or more words: one term each, like the vocabulary's phrases."""

    def names(self, words: str) -> bool:
        return words in self.terms
