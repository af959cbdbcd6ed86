"""Retrieval: from a question to the best distinct quotes, or an honest "not found".

One module a step: `question` (reading it), `kinds` (what kind of question),
`sources` (a source it names), `subject` (does a quote have what the kind needs),
`candidates` (BM25), `coverage` (the no-match rule), `quotes` (the sentences shown),
`features` and `model` (the fitted models), `ranking` (the passages shown after the
first), `settings` (every tuned constant, from `data/ranking.toml`), wired by
`retriever`.
"""

from chatbot.retrieval.ranking import Hit
from chatbot.retrieval.retriever import Retriever

__all__ = ["Hit", "Retriever"]
