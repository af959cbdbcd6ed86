"""The reviewed data files: vocabulary, caveats, safety and the bot's own messages.

Each file is read once and validated by its pydantic model, so a typo in a reviewed
text fails loudly at start-up (and in the tests) instead of showing a broken answer.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

DATA_DIR = Path(__file__).resolve().parent
Model = TypeVar("Model", bound=BaseModel)


def read_data_file(name: str) -> dict:
    """`chatbot/data/NAME` (TOML) as read, before its model checks it."""
    return tomllib.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def load_data_file(name: str, model: type[Model]) -> Model:
    """Parse `chatbot/data/NAME` (TOML) into `model`."""
    return model.model_validate(read_data_file(name))
