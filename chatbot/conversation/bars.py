"""How sure a follow-up's answer must be, by the kind of search that found it.

A follow-up is searched in turn in the passage last quoted, its documents, every
source, and so on (`reading.py`). A search kept to one passage always finds a "best"
candidate, and one read with an earlier question is not one that stands alone, so the
chance that its best answers comes from a model of its own (`FollowUpModel`: the same
features as the answerable model's, weighted afresh, and the kind of search), fitted
on the searches of the tuning conversations; each kind's bar is fitted on that
chance. Both are fitted by `benchmarks/fit_follow_ups.py`, with the figures it
cross-validated, into the reviewed file `data/follow_up_bars.toml`; a kind it does not
name uses the model's own threshold. A search read alone keeps the answerable model,
fitted on thousands of questions that stand alone.
"""

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.data import load_data_file
from chatbot.retrieval.features import ANSWERABLE_FEATURES
from chatbot.retrieval.model import Linear, logistic

SCOPE_NAMES = ("alone", "carried", "topic", "passage", "detail", "pattern", "documents",
               "anywhere", "fallback")
"""Every kind of search a reading makes (`reading.Scope.name`)."""


def kind_feature(scope: str) -> str:
    """The follow-up model's feature naming a kind of search (1 for its own, else 0)."""
    return f"search_{scope}"


KIND_FEATURES = tuple(kind_feature(name) for name in SCOPE_NAMES if name != "alone")


class FollowUpModel(Linear):
    """The chance that a follow-up search's best candidate answers (logistic)."""

    @model_validator(mode="after")
    def _names_match_the_code(self) -> "FollowUpModel":
        if set(self.weights) != {*ANSWERABLE_FEATURES, *KIND_FEATURES}:
            raise ValueError("the follow-up model must weigh exactly the answerable "
                             "features and each kind of search")
        return self

    def chance(self, features: tuple[float, ...], scope: str) -> float:
        kind = self.weights.get(kind_feature(scope), 0.0)
        return logistic(self.apply(ANSWERABLE_FEATURES, features) + kind)


class Bars(BaseModel):
    """The bars for one fitted model (with or without the memory)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    model: FollowUpModel | None = None
    """None: each search's chance is the answerable model's."""
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

    def model_for(self, with_memory: bool) -> FollowUpModel | None:
        return (self.with_memory if with_memory else self.without_memory).model


@cache
def load_bars() -> BarsFile:
    return load_data_file("follow_up_bars.toml", BarsFile)
