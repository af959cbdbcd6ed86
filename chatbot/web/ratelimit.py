"""A per-client rate limit on questions (POST requests), kept in memory only.

A token bucket per client address: `burst` questions at once, refilled at
`per_minute`. Only addresses and two numbers are held, never what was asked, and
the least recently seen address is forgotten when `max_clients` are held. Each
worker counts on its own, so with N workers a client may get up to N times the
rate; behind a proxy on this machine, uvicorn reads the client's address from
X-Forwarded-For (its `--forwarded-allow-ips` default is 127.0.0.1).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from chatbot.web.errors import error_response


class TokenBuckets:
    def __init__(self, burst: int, per_minute: float, max_clients: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = float(burst)
        self.rate = per_minute / 60.0
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str) -> float:
        """0 when `client` may go ahead (and one token is spent), else the seconds
        until it may."""
        now = self.clock()
        tokens, last = self._buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[client] = (tokens, now)
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait

    def __len__(self) -> int:
        return len(self._buckets)


class RateLimit:
    """ASGI middleware: a POST over the client's allowance gets 429 and Retry-After."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets) -> None:
        self.app = app
        self.buckets = buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            client = scope.get("client")
            wait = self.buckets.take(client[0] if client else "-")
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                response = error_response(
                    scope["path"], 429,
                    f"Too many questions at once. Please wait {seconds} seconds, then try again.",
                    headers={"Retry-After": str(seconds)},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
