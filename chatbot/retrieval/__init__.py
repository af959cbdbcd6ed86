"""Retrieval: from a question to the best distinct quotes, or an honest "not found".

One module a step: `question` (reading it), `candidates` (BM25), `coverage` (the
no-match rule), `quotes` (the sentences shown), `ranking` (order and duplicates),
`settings` (every tuned constant, from `data/ranking.toml`), wired by `retriever`.
"""

from chatbot.retrieval.ranking import Hit
from chatbot.retrieval.retriever import Retriever

__all__ = ["Hit", "Retriever"]
