"""Every setting in one place: what a deployment sets, the fixed limits, and every
tuned constant of retrieval (the reviewed file `data/ranking.toml`).

One place, so a reviewer sees each value beside the measurement that chose it, and
`benchmarks/fit_ranking.py` can refit them without touching code. The environment
is read when a bot is built (`Environment.read()`), never at import.
"""

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.data import load_data_file
from chatbot.models import SourceKind

CORPUS_ENV = "CHATBOT_CORPUS"
EMERGENCY_ENV = "CHATBOT_EMERGENCY"
CRISIS_ENV = "CHATBOT_CRISIS"
DEBUG_ENV = "CHATBOT_DEBUG"

MAX_QUESTION_CHARS = 1000
"""Longer messages get a fixed "too long" reply: a question is a sentence or two."""
STDIN_LINE_CAP = 100_000
"""Characters kept of one stdin line; only bounds memory for a runaway line."""
MAX_EVIDENCE_CAVEATS = 3
"""Evidence notes under one quote, most telling first: a tired reader reads few."""
BM25_K1 = 1.2
"""BM25's term-frequency saturation: the usual value, not fitted (b is, below)."""


class Environment(NamedTuple):
    """What a deployment sets: the corpus, the emergency and crisis numbers named in
    urgent replies (by country), and whether internal errors show a traceback."""

    corpus: Path | None = None
    emergency: str | None = None
    crisis: str | None = None
    debug: bool = False

    @classmethod
    def read(cls, environ: Mapping[str, str] = os.environ) -> "Environment":
        corpus = environ.get(CORPUS_ENV)
        return cls(corpus=Path(corpus) if corpus else None,
                   emergency=environ.get(EMERGENCY_ENV) or None,
                   crisis=environ.get(CRISIS_ENV) or None,
                   debug=bool(environ.get(DEBUG_ENV)))


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
    memory_pass: float = Field(gt=0)
    memory_neighbours: int = Field(ge=1)
    memory_power: float = Field(ge=0)
    memory_unseen: float = Field(ge=0, le=1)
    memory_after: tuple[float, float]
    """How much another conversation's follow-up counts when what it followed was
    another chunk of the same document, or another document (the same chunk: 1)."""
    count_window: int = Field(ge=1)
    evidence_strength: dict[SourceKind, float]

    @model_validator(mode="after")
    def _every_kind_has_a_strength(self) -> "RankingSettings":
        missing = set(SourceKind) - set(self.evidence_strength)
        if missing:
            raise ValueError(f"evidence_strength: no value for {sorted(missing)}")
        return self


@cache
def load_settings() -> RankingSettings:
    return load_data_file("ranking.toml", RankingSettings)
