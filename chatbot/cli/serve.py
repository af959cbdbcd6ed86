"""`chatbot serve`: the web page and the JSON API (needs the `.[web]` extra).

The corpus is checked here, once, before any worker starts, so a broken corpus is
one line per problem and exit 2, as for every other command. Workers are separate
processes that each build their own bot from $CHATBOT_CORPUS; with one worker the
bot built here serves directly.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from chatbot.corpus import CORPUS_ENV

if TYPE_CHECKING:
    import argparse

    from chatbot.bot import Chatbot

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MISSING_EXTRA = ("chatbot serve needs the web extra: pip install "
                 "'ms-acupuncture-chatbot[web]' (or '.[web]' in a checkout)")


def serve(args: argparse.Namespace, bot: Chatbot) -> int:
    try:
        from chatbot.web.server import run
    except ImportError:
        print(f"chatbot: error: {MISSING_EXTRA}", file=sys.stderr)
        return 2
    if args.host not in LOCAL_HOSTS:
        print(f"chatbot serve: listening on {args.host}, not only this computer: put it "
              "behind HTTPS (a reverse proxy) before anyone else uses it.", file=sys.stderr)
    if args.workers > 1:
        os.environ[CORPUS_ENV] = str(bot.corpus.root.resolve())
    run(bot, args.host, args.port, args.workers)
    return 0
