"""Why each turn of a conversation got its answer: every search of its reading, in
order, with its kind, text, context, where it looked, its chance and its bar.

    python benchmarks/explain_turns.py "first message" "how many people were in it?"

`--without d85` leaves that set out of the memory of labelled questions, as a first
run of it met the bot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot.bot import Chatbot  # noqa: E402


def explain(bot: Chatbot, messages: list[str]) -> None:
    history = []
    for message in messages:
        reading = bot.follow_ups.read(message, history)
        print(f"Q: {message}\n  topic={reading.topic!r} source={reading.source!r}")
        for scope in reading.scopes:
            found = bot.retriever.scored_search(
                scope.text, within=scope.within, context=scope.context,
                after=scope.after, quoted=scope.quoted)
            bar = bot.bars.get(scope.name)
            bar = bot.retriever.model.threshold if bar is None else bar
            where = "all" if scope.within is None else ",".join(sorted(scope.within))[:60]
            first = found.hits[0].chunk.chunk_id if found.hits else "-"
            print(f"  {scope.name:9} chance={bot.chance(found, scope.name):.3f} bar={bar:.2f} "
                  f"first={first:18}"
                  f" text={scope.text!r} context={scope.context!r} within={where}")
        answer = bot.ask(message, history)
        quote = answer.passages[0].quote[:110] if answer.passages else ""
        print(f"  -> {answer.status} follows={answer.follows!r} {quote!r}")
        history.append(answer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("messages", nargs="+")
    parser.add_argument("--without", metavar="SET", help="leave this set out of the memory")
    args = parser.parse_args()
    bot = Chatbot()
    if args.without and bot.memory is not None:
        bot = Chatbot(memory=bot.memory.without(args.without))
    explain(bot, args.messages)


if __name__ == "__main__":
    main()
