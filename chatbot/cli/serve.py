"""`chatbot serve`: the web page and the JSON API (needs the `.[web]` extra).

The corpus is checked here, once, before any worker starts, so a broken corpus is
one line per problem and exit 2, as for every other command. Workers are separate
processes that each build their own bot from $CHATBOT_CORPUS; with one worker the
bot built here serves directly.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from chatbot.bot import Chatbot

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MISSING_EXTRA = ("chatbot serve needs the web extra: pip install "
                 "'ms-acupuncture-chatbot[web]' (or '.[web]' in a checkout)")


def log_config() -> dict[str, Any]:
    """Logging for every worker: uvicorn's own access log is off (it would show
    query strings); ours names the route, status and time, never what was asked."""
    handler = {"class": "logging.StreamHandler", "formatter": "plain",
               "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "chatbot.web": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }


def serve(args: argparse.Namespace, bot: Chatbot) -> int:
    try:
        import uvicorn

        from chatbot.web.app import create_app
    except ImportError:
        print(f"chatbot: error: {MISSING_EXTRA}", file=sys.stderr)
        return 2
    if args.host not in LOCAL_HOSTS:
        print(f"chatbot serve: listening on {args.host}, not only this computer: put it "
              "behind HTTPS (a reverse proxy) before anyone else uses it.", file=sys.stderr)
    options: dict[str, Any] = {
        "host": args.host, "port": args.port, "log_config": log_config(),
        "access_log": False, "server_header": False, "date_header": True,
    }
    if args.workers > 1:
        # Each worker imports the factory and reads the corpus from the environment.
        os.environ["CHATBOT_CORPUS"] = str(bot.corpus.root)
        uvicorn.run("chatbot.web.app:app_from_env", factory=True, workers=args.workers,
                    **options)
    else:
        uvicorn.run(create_app(bot), **options)
    return 0
