"""The fitted model that orders candidate quotes and decides whether the best answers.

Three small linear models over named features (`features.py`): one scores each
candidate (fitted listwise: the right quote should come first); one turns the best
candidate's standing into the chance that it answers at all (logistic), and below
`threshold` the answer is "I can't find that"; one gives each later candidate its own
chance of answering too (logistic), and below `later_threshold` it is not shown. The
weights live in the reviewed files `data/ranking_model*.toml`, written by
`benchmarks/fit_ranking.py` with its cross-validated figures; the file must name
exactly the features the code computes.
"""

import math
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.data import load_data_file
from chatbot.retrieval.features import ANSWERABLE_FEATURES, LATER_FEATURES, RANKING_FEATURES


class Linear(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    bias: float = 0.0
    weights: dict[str, float]

    def apply(self, names: tuple[str, ...], values: tuple[float, ...]) -> float:
        w = self.weights
        return self.bias + sum(w[n] * v for n, v in zip(names, values, strict=True))


class RankingModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    fitted_on: list[str] = Field(min_length=1)
    cross_validated: dict[str, float]
    ranking: Linear
    answerable: Linear
    threshold: float = Field(ge=0, le=1)
    later: Linear
    later_threshold: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _names_match_the_code(self) -> "RankingModel":
        for part, names in (("ranking", RANKING_FEATURES), ("answerable", ANSWERABLE_FEATURES),
                            ("later", LATER_FEATURES)):
            have = set(getattr(self, part).weights)
            if have != set(names):
                missing, extra = set(names) - have, have - set(names)
                raise ValueError(f"{part}: missing {sorted(missing)}, unknown {sorted(extra)}")
        return self

    def score(self, features: tuple[float, ...]) -> float:
        return self.ranking.apply(RANKING_FEATURES, features)

    def chance(self, features: tuple[float, ...]) -> float:
        """How likely the best candidate answers the question (0-1)."""
        return logistic(self.answerable.apply(ANSWERABLE_FEATURES, features))

    def later_chance(self, features: tuple[float, ...]) -> float:
        """How likely a candidate after the first answers the question too (0-1)."""
        return logistic(self.later.apply(LATER_FEATURES, features))


def logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


MODEL_FILES = {False: "ranking_model.toml", True: "ranking_model_memory.toml"}
"""The model fitted without the memory features (for a corpus that brings no labelled
questions: they are all 0), and the one fitted with them."""


@cache
def load_model(with_memory: bool = False) -> RankingModel:
    return load_data_file(MODEL_FILES[with_memory], RankingModel)
