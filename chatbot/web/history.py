"""The conversation a client sends back, since the server keeps none.

The page's form carries the earlier questions (hidden fields): the server asks them
again, in order, to rebuild the answers, which the bot gives deterministically. So
the page only ever shows what the bot itself says, never text a form could make up.
The API's body carries the earlier `Answer` objects, as `chatbot ask --json` printed
them, and passes them to the bot as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chatbot.models import Answer

if TYPE_CHECKING:
    from chatbot.bot import Chatbot
    from chatbot.conversation import Conversation


def replay(
    bot: Chatbot, questions: Sequence[str], alone: Sequence[bool] = ()
) -> Conversation:
    """The conversation after `questions`, each read with the ones before it, as
    `chatbot ask --json --dialogue -` reads its lines; one `alone` marks was asked
    on its own, as the `alone` command asks it."""
    conversation = bot.conversation()
    for i, question in enumerate(questions):
        if i < len(alone) and alone[i]:
            conversation.ask_alone(question)
        else:
            conversation.ask(question)
    return conversation


def exchanges(answers: Sequence[Answer]) -> list[tuple[str, Answer]]:
    """(question, answer) pairs, as the Markdown export takes them."""
    return [(answer.question, answer) for answer in answers]
