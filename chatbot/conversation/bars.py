"""How sure a follow-up's answer must be, by the kind of search that found it.

A follow-up is searched in turn in the passage last quoted, its documents, every
source, and so on (`reading.py`). The chance that the best candidate answers comes
from one model fitted on questions that stand alone; a search kept to one passage
always finds a "best" candidate, so the same bar does not fit every kind of search.
Each kind's bar is fitted by `benchmarks/fit_follow_ups.py` on the tuning
conversations, with the figures it cross-validated, into the reviewed file
`data/follow_up_bars.toml`; a kind it does not name uses the model's own threshold.
"""

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.data import load_data_file

SCOPE_NAMES = ("alone", "carried", "topic", "passage", "detail", "pattern", "documents",
               "anywhere", "fallback")
"""Every kind of search a reading makes (`reading.Scope.name`)."""


class Bars(BaseModel):
    """The bars for one fitted model (with or without the memory)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    bars: dict[str, float] = {}
    """Kind of search -> the chance its best candidate needs (above 1: never answers)."""
    cross_validated: dict[str, float] = {}
    """Figures the fit printed, leaving out each conversation set in turn."""

    @model_validator(mode="after")
    def _known_scopes(self) -> "Bars":
        unknown = set(self.bars) - set(SCOPE_NAMES)
        if unknown:
            raise ValueError(f"unknown kinds of search: {sorted(unknown)}")
        if any(not 0 <= v <= 1.01 for v in self.bars.values()):
            raise ValueError("a bar is a chance (0-1), or 1.01 for never")
        return self


class BarsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    fitted_on: list[str] = Field(min_length=1)
    with_memory: Bars
    without_memory: Bars

    def for_model(self, with_memory: bool) -> dict[str, float]:
        return (self.with_memory if with_memory else self.without_memory).bars


@cache
def load_bars() -> BarsFile:
    return load_data_file("follow_up_bars.toml", BarsFile)
