"""The bot's own fixed texts, loaded once from the reviewed `data/messages.toml`."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from pydantic import BaseModel, ConfigDict, Field


class SourcesIntro(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str


class Messages(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    welcome: str
    answered: str
    no_match: str
    empty: str
    too_long: str
    no_more: str
    medicine_notice: str
    examples: list[str] = Field(min_length=1)
    help: str
    sources_intro: SourcesIntro


def load_messages() -> Messages:
    raw = tomllib.loads(files("chatbot.data").joinpath("messages.toml").read_text("utf-8"))
    return Messages.model_validate(raw)


MESSAGES = load_messages()
