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
    follows: str
    choice_alone: str
    no_alone: str
    notes_hint: str
    no_notes: str
    medicine_notice: str
    examples: list[str] = Field(min_length=1)
    help: str
    sources_intro: SourcesIntro


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten", "eleven", "twelve")


def sources_phrase(count: int) -> str:
    """'five sources', 'one source', '23 sources': how the texts name the corpus."""
    number = _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)
    return f"{number} source" + ("" if count == 1 else "s")


def load_messages(source_count: int = 5) -> Messages:
    """The texts, naming how many sources the corpus in use has (the bundled one: 5)."""
    raw = load_data_file("messages.toml", Messages)
    phrase = sources_phrase(source_count)
    return raw.model_copy(
        update={
            "welcome": raw.welcome.replace("{sources}", phrase),
            "no_match": raw.no_match.replace("{sources}", phrase),
            "sources_intro": SourcesIntro(text=raw.sources_intro.text.replace("{sources}", phrase)),
        }
    )


MESSAGES = load_messages()
"""The texts for the bundled corpus; `Chatbot.messages` has them for the corpus in use."""


def messages_for(bot: object) -> Messages:
    """The texts for the corpus `bot` uses (a stand-in bot in tests may carry none)."""
    return getattr(bot, "messages", MESSAGES)
