"""The tuned constants file: shape and ranges are checked on load."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chatbot.settings import RankingSettings, load_settings


def test_the_reviewed_file_loads() -> None:
    settings = load_settings()
    assert 0 < settings.coverage_threshold <= 1
    assert settings.max_passages >= 1


def test_an_unknown_or_out_of_range_value_fails() -> None:
    raw = load_settings().model_dump()
    with pytest.raises(ValidationError):
        RankingSettings.model_validate({**raw, "coverage_threshold": 1.5})
    with pytest.raises(ValidationError):
        RankingSettings.model_validate({**raw, "typo_weight": 1.0})
    with pytest.raises(ValidationError):
        RankingSettings.model_validate({**raw, "source_weights": {"tabloid": 0.5}})
