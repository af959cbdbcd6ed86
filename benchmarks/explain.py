"""Why a question got its answer: the reading, the pool, the chance and the bar.

For reading failures of tuning data (never of a sealed batch):

    python benchmarks/explain.py "whats the best evidence there is for acupuncture in ms"

Prints the question as read (kind, subject, words the corpus lacks), the memory's
recall, the chance the first candidate answers against the model's bar, and the first
candidates with their coverage and memory features and quotes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chatbot.bot import Chatbot


def explain(bot: Chatbot, text: str, top: int) -> None:
    retriever = bot.retriever
    question, pool = retriever.pool(text)
    print(f"Q: {text}")
    print(f"  kind={question.kind and question.kind.id} analysis={question.analysis}")
    print(f"  recall={question.recall} unknown_share={retriever.unknown_share(question):.2f}")
    found = retriever.scored_search(text)
    print(f"  chance={found.chance:.3f} bar={retriever.model.threshold}"
          f" -> {'answered' if found.chance >= retriever.model.threshold else 'no_match'}")
    passing = [c for c in pool if c.passes]
    print(f"  pool {len(pool)}, passing {len(passing)}")
    for score, c in retriever.rank(question, passing)[:top]:
        quote = bot.document_text(c.chunk.doc_id)[c.start:c.end]
        print(f"   {score:6.2f} {c.chunk.chunk_id:14} cov={c.coverage:.2f}"
              f" qcov={c.quote_coverage:.2f}"
              f" own={c.own_share:.2f} mq={c.memory_quote:.2f} mv={c.memory_vote:.2f}"
              f" mc={c.memory_chunk:.2f} | {quote[:110]!r}")
    unpassed = sorted((c for c in pool if not c.passes), key=lambda c: -c.memory_quote)[:3]
    for c in unpassed:
        quote = bot.document_text(c.chunk.doc_id)[c.start:c.end]
        print(f"   (not passing) {c.chunk.chunk_id:14} cov={c.coverage:.2f}"
              f" qcov={c.quote_coverage:.2f} mq={c.memory_quote:.2f} | {quote[:90]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="+")
    parser.add_argument("--top", type=int, default=4)
    parser.add_argument("--without", metavar="SET", help="leave this set out of the memory")
    args = parser.parse_args()
    bot = Chatbot()
    if args.without and bot.memory is not None:
        bot = Chatbot(memory=bot.memory.without(args.without))
    for text in args.questions:
        explain(bot, text, args.top)


if __name__ == "__main__":
    main()
