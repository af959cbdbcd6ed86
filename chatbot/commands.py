"""Typed commands ("more", "sources", "quit"...), the same in every chat interface.

The words are reviewed data (`data/commands.toml`); a command is the whole message,
so "more about the bladder study" is a question. "help" counts only bare: "help!!"
or "help me" is a call for help, and goes to the bot (and its red-flag check).
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chatbot.data import load_data_file

CommandId = Literal["more", "alone", "notes", "sources", "export", "new", "help", "quit"]
COMMAND_IDS: tuple[CommandId, ...] = ("more", "alone", "notes", "sources", "export", "new",
                                      "help", "quit")


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: CommandId
    words: list[str] = Field(min_length=1)
    help: str = Field(min_length=1)


class CommandsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    commands: list[Command]

    @model_validator(mode="after")
    def _each_once(self) -> CommandsFile:
        if sorted(c.id for c in self.commands) != sorted(COMMAND_IDS):
            raise ValueError(f"commands must be exactly {sorted(COMMAND_IDS)}")
        words = [_key(w) for c in self.commands for w in c.words]
        if len(set(words)) != len(words):
            raise ValueError("a command word is given twice")
        return self


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@cache
def load_commands() -> CommandsFile:
    return load_data_file("commands.toml", CommandsFile)


def command_for(line: str, commands: CommandsFile | None = None) -> CommandId | None:
    """The command `line` is, or None for a question."""
    table = commands or load_commands()
    exact = _key(line)
    loose = exact.rstrip(".!")
    for command in table.commands:
        keys = {_key(w) for w in command.words}
        if exact in keys or (command.id != "help" and loose in keys):
            return command.id
    return None


def commands_help(commands: CommandsFile | None = None) -> str:
    """One line per command: what to type, and what it does."""
    table = commands or load_commands()
    return "\n".join(f'  "{c.words[0]}": {c.help}' for c in table.commands)
