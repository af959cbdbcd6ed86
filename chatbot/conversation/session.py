"""`Conversation`: the earlier answers of one conversation, and the next message."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chatbot.bot import Chatbot
    from chatbot.models import Answer


class Conversation:
    """One conversation with the bot; `ask` reads each message with the turns before.

    It holds no state of its own beyond the answers given, so
    `bot.conversation(history=earlier_answers)` continues any conversation exactly.
    """

    def __init__(self, bot: Chatbot, history: Iterable[Answer] = ()) -> None:
        self._bot = bot
        self.history: list[Answer] = list(history)

    def ask(self, message: str) -> Answer:
        answer = self._bot.ask(message, history=self.history)
        self.history.append(answer)
        return answer

    def ask_alone(self, message: str) -> Answer:
        """`message` read on its own, not with the turns before (the "alone" choice);
        the conversation goes on from it."""
        answer = self._bot.ask(message)
        self.history.append(answer)
        return answer

    def reset(self) -> None:
        """Start again: the next message is read alone."""
        self.history.clear()
