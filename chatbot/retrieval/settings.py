"""Every tuned constant of retrieval, read from the reviewed file `data/ranking.toml`.

One place, so a reviewer sees each value beside the measurement that chose it, and
`benchmarks/fit_ranking.py` can refit them without touching code.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.data import load_data_file
from chatbot.models import SourceKind


class RankingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    coverage_threshold: float = Field(gt=0, le=1)
    quote_coverage_threshold: float = Field(gt=0, le=1)
    known_miss_weight: float = Field(ge=0)
    incidental_weight: float = Field(ge=0)
    subject_miss_weight: float = Field(ge=0)
    length_normalisation: float = Field(ge=0, le=1)
    candidates: int = Field(ge=1)
    frame_weight: float = Field(ge=0, le=1)
    expansion_weight: float = Field(ge=0, le=1)
    multi_term_share: float = Field(ge=0, le=1)
    max_units: int = Field(ge=1)
    whole_passage_chars: int = Field(ge=1)
    unit_bonus: float = Field(ge=0)
    max_passages: int = Field(ge=1)
    duplicate_overlap: float = Field(gt=0, le=1)
    evidence_prior: float = Field(ge=0)
    evidence_strength: dict[SourceKind, float]

    @model_validator(mode="after")
    def _every_kind_has_a_strength(self) -> RankingSettings:
        missing = set(SourceKind) - set(self.evidence_strength)
        if missing:
            raise ValueError(f"evidence_strength: no value for {sorted(missing)}")
        return self


@cache
def load_settings() -> RankingSettings:
    return load_data_file("ranking.toml", RankingSettings)
