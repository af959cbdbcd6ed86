"""The Starlette app: routes, middleware and error handlers, wired in one place.

`create_app(bot)` serves one `Chatbot`; `app_from_env()` is the factory uvicorn's
workers call, each building its own bot from $CHATBOT_CORPUS (the server keeps no
state, so any worker can answer any request).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from chatbot.web import api, pages
from chatbot.web.body import BodyTooLarge
from chatbot.web.errors import TITLES, error_response
from chatbot.web.ratelimit import RateLimit, TokenBuckets
from chatbot.web.security import Guard
from chatbot.web.settings import WebSettings

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from chatbot.bot import Chatbot


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    messages = {404: "There is no page here.", 405: "That method is not allowed here."}
    headers = getattr(exc, "headers", None)
    return error_response(request.url.path, status,
                          messages.get(status, TITLES.get(status, "That did not work.")),
                          headers=dict(headers) if headers else None)


async def _too_large(request: Request, exc: Exception) -> Response:
    limit = exc.limit if isinstance(exc, BodyTooLarge) else 0
    return error_response(request.url.path, 413, f"The request is over {limit // 1024} KB. "
                          "Please start a new conversation or send a shorter question.")


def routes() -> list[Route | Mount]:
    return [
        Route("/", pages.home, methods=["GET"]),
        Route("/ask", pages.ask, methods=["POST"]),
        Route("/ask/turn", pages.ask_turn, methods=["POST"]),
        Route("/export", pages.export, methods=["POST"]),
        Route("/sources", pages.sources, methods=["GET"]),
        Route("/sources/{doc_id}", pages.document, methods=["GET"]),
        Route("/api/ask", api.ask, methods=["POST"]),
        Route("/healthz", api.healthz, methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("chatbot.web", "static")]), name="static"),
    ]


def create_app(bot: Chatbot | None = None, settings: WebSettings | None = None) -> Starlette:
    """The app serving `bot` (by default the bundled corpus, or $CHATBOT_CORPUS)."""
    if bot is None:
        from chatbot.bot import Chatbot

        bot = Chatbot()
    settings = settings or WebSettings()
    buckets = TokenBuckets(settings.rate_burst, settings.rate_per_minute, settings.rate_clients)
    app = Starlette(
        routes=routes(),
        middleware=[Middleware(Guard), Middleware(RateLimit, buckets=buckets)],
        exception_handlers={HTTPException: _http_error, BodyTooLarge: _too_large},
    )
    app.state.bot = bot
    app.state.settings = settings
    app.state.rate_buckets = buckets
    return app


def app_from_env() -> Starlette:
    """For `uvicorn --factory` and `chatbot serve --workers N`."""
    return create_app()
