"""A retrieval-only information chatbot: what vetted sources say, quoted verbatim.

It never writes medical sentences of its own: every answer quotes a vetted source
verbatim, names it, and says how much weight the evidence can bear. The bundled
corpus is about acupuncture for MS symptoms; a clinic may bring its own.

`Chatbot`, `Answer` and `Passage` are imported when first used, so that `chatbot`
commands that need no bot (`corpus new`, `--help`) start at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chatbot.bot import Chatbot
    from chatbot.models import Answer, Passage

__all__ = ["Answer", "Chatbot", "Passage"]


def __getattr__(name: str) -> Any:
    if name == "Chatbot":
        from chatbot.bot import Chatbot

        return Chatbot
    if name in ("Answer", "Passage"):
        from chatbot import models

        return getattr(models, name)
    raise AttributeError(f"module 'chatbot' has no attribute {name!r}")
