"""A minimal HTTP/1.1 keep-alive client over asyncio, for the load test.

Small on purpose: on a 2-core machine the client shares the CPU with the server,
so a heavy client (a full HTTP library) would be measured as much as the server.
Loopback only: the host is always 127.0.0.1, and each client may bind its own
loopback source address (127.0.0.N) so the server's per-client rate limit sees
separate clients.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


class Connection:
    """One keep-alive connection from `source` to 127.0.0.1:`port`."""

    def __init__(self, port: int, source: str | None = None) -> None:
        self.port = port
        self.source = source
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        local = (self.source, 0) if self.source else None
        self._reader, self._writer = await asyncio.open_connection(
            LOOPBACK, self.port, local_addr=local)

    async def request(self, method: str, path: str, body: bytes = b"",
                      content_type: str = "application/json") -> Reply:
        if self._writer is None or self._writer.is_closing():
            await self._connect()
        assert self._reader is not None and self._writer is not None
        head = (f"{method} {path} HTTP/1.1\r\nHost: {LOOPBACK}:{self.port}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                "Connection: keep-alive\r\n\r\n").encode("ascii")
        self._writer.write(head + body)
        await self._writer.drain()
        return await self._read_reply()

    async def _read_reply(self) -> Reply:
        assert self._reader is not None
        status_line = await self._reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = await self._reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        body = await self._reader.readexactly(length) if length else b""
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Reply(status, headers, body)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(ConnectionError):
                await self._writer.wait_closed()
            self._writer = None
