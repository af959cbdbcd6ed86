"""The reviewed data files: vocabulary, caveats, safety and the bot's own messages.

Each file is read once and validated by its pydantic model, so a typo in a reviewed
text fails loudly at start-up (and in the tests) instead of showing a broken answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import rtoml
from pydantic import BaseModel

DATA_DIR = Path(__file__).resolve().parent
Model = TypeVar("Model", bound=BaseModel)


def parse_toml(text: str) -> dict[str, Any]:
    """TOML text as a dict, read by rtoml (in Rust): every start-up reads about 230 KB
    of data files and the manifest, which take 8-9 ms with Python's tomllib and about
    1.5 ms with rtoml. Text rtoml refuses goes to tomllib, so a broken file is reported
    as before, with tomllib's line and column (`tomllib.TOMLDecodeError`); tests check
    the two read every bundled file alike."""
    try:
        return rtoml.loads(text)
    except rtoml.TomlParsingError:
        import tomllib

        return tomllib.loads(text)


def read_data_file(name: str) -> dict:
    """`chatbot/data/NAME` (TOML) as read, before its model checks it."""
    return parse_toml((DATA_DIR / name).read_text(encoding="utf-8"))


def load_data_file(name: str, model: type[Model]) -> Model:
    """Parse `chatbot/data/NAME` (TOML) into `model`."""
    return model.model_validate(read_data_file(name))
