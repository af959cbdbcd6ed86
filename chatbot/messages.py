"""The bot's own fixed texts: the reviewed defaults (`data/messages.toml`) with what
the corpus in use says of itself (its name, topic, welcome, examples, notice)."""

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from chatbot.data import load_data_file
from chatbot.models import CorpusTexts


class SourcesIntro(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str


class Messages(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1)
    welcome: str
    answered: str
    no_match: str
    empty: str
    too_long: str
    no_more: str
    follows: str
    choice_alone: str
    choice_alone_button: str
    no_alone: str
    notes_hint: str
    no_notes: str
    medicine_notice: str
    examples: list[str] = []
    help: str
    sources_intro: SourcesIntro


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten", "eleven", "twelve")


def sources_phrase(count: int | None) -> str:
    """'five sources', 'one source', '23 sources' (None: 'my sources')."""
    if count is None:
        return "my sources"
    number = _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)
    return f"{number} source" + ("" if count == 1 else "s")


def load_messages(source_count: int | None = None, texts: CorpusTexts | None = None) -> Messages:
    """The texts for a corpus of `source_count` documents that says `texts` of itself;
    whatever it leaves out is the topic-neutral default."""
    raw = load_data_file("messages.toml", Messages)
    texts = texts or CorpusTexts()
    examples = texts.examples or raw.examples
    fill = {
        "sources": sources_phrase(source_count),
        "say": "says" if source_count == 1 else "say",
        "about": f" about {texts.topic}" if texts.topic else "",
        "topic": texts.topic or "",
        "for_example": f', for example "{examples[0]}"' if examples else "",
    }

    def filled(template: str) -> str:
        for key, value in fill.items():
            template = template.replace("{" + key + "}", value)
        return template

    return raw.model_copy(update={
        "title": texts.name or raw.title,
        "welcome": filled(texts.welcome or raw.welcome),
        "no_match": filled(raw.no_match),
        "help": filled(raw.help),
        "medicine_notice": texts.medicine_notice or raw.medicine_notice,
        "examples": list(examples),
        "sources_intro": SourcesIntro(text=filled(raw.sources_intro.text)),
    })


def __getattr__(name: str) -> Messages:
    """`MESSAGES`: the topic-neutral defaults, for a stand-in bot with no corpus and the
    renderers' own lines; `Chatbot.messages` has the texts for the corpus in use. Read
    when first used: answering a question needs only the bot's."""
    if name == "MESSAGES":
        return _defaults()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _defaults() -> Messages:
    return load_messages()


def messages_for(bot: object) -> Messages:
    """The texts for the corpus `bot` uses (a stand-in bot in tests may carry none)."""
    return bot.messages if hasattr(bot, "messages") else _defaults()  # type: ignore[attr-defined]
