"""The bot's own fixed texts, loaded once from the reviewed `data/messages.toml`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from chatbot.data import load_data_file


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
    return load_data_file("messages.toml", Messages)


MESSAGES = load_messages()
