"""Headers on every response, one access-log line per request, and a plain 500.

The access log names the method, the route (its pattern, never the path a client
typed, nor a query string or a body), the status and the time: nothing a person
asked can reach a log. An unexpected error logs its type and where it was raised,
not its message (which could quote a question), and the client gets a fixed 500.
"""

from __future__ import annotations

import logging
import time
import traceback

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chatbot.web.errors import error_response

ACCESS_LOG = logging.getLogger("chatbot.web.access")
ERROR_LOG = logging.getLogger("chatbot.web.error")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Nothing from another host, no inline script or style, no framing."""

HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
STATIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "no-store"
"""Pages hold questions: no browser or proxy cache keeps them."""


def _route(scope: Scope) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "(no route)"


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 2)[-1]}:{last.lineno} in {last.name}"


class Guard:
    """Outermost middleware of the app (inside Starlette's own error handler)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        state = {"status": 500, "started": False}
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"], state["started"] = message["status"], True
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                headers["cache-control"] = STATIC_CACHE if static else PRIVATE_CACHE
                del headers["set-cookie"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            ERROR_LOG.error("internal error: %s at %s", type(exc).__name__, _where(exc))
            if not state["started"]:
                response = error_response(scope["path"], 500, "Something went wrong on the "
                                          "server. Please try again.")
                await response(scope, receive, send_with_headers)
        finally:
            ms = (time.perf_counter() - began) * 1000
            ACCESS_LOG.info("%s %s %s %.1f ms", scope["method"], _route(scope),
                            state["status"], ms)
