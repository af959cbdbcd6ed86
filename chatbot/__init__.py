"""A retrieval-only information chatbot on acupuncture for MS symptoms.

It never writes medical sentences of its own: every answer quotes a vetted source
verbatim, names it, and says how much weight the evidence can bear.
"""

from chatbot.bot import Chatbot
from chatbot.models import Answer, Passage

__all__ = ["Answer", "Chatbot", "Passage"]
