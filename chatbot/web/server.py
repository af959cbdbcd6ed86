"""Running the app under uvicorn: one process, or a supervisor and N workers.

With N workers uvicorn binds the listening socket itself and hands it to each
worker; it leaves the socket's protocol number at 0, so asyncio never turns on
TCP_NODELAY for the connections it accepts, and every keep-alive request after the
first waits ~40 ms for the client's delayed ACK (uvicorn issue #3149, open). We
bind that socket with IPPROTO_TCP and TCP_NODELAY instead; one worker is not
affected (asyncio binds it from getaddrinfo).
"""

from __future__ import annotations

import contextlib
import inspect
import socket
from typing import TYPE_CHECKING, Any

import uvicorn
from uvicorn.supervisors import Multiprocess

from chatbot.web.app import create_app

if TYPE_CHECKING:
    from chatbot.bot import Chatbot

FACTORY = "chatbot.web.app:app_from_env"


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


class _TcpConfig(uvicorn.Config):
    """uvicorn's config, binding a socket that keeps TCP_NODELAY in the workers."""

    def bind_socket(self) -> socket.socket:
        bound = super().bind_socket()
        if bound.family not in (socket.AF_INET, socket.AF_INET6):
            return bound
        tcp = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
        tcp.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        tcp.set_inheritable(True)
        return tcp


def _options(host: str, port: int) -> dict[str, Any]:
    return {"host": host, "port": port, "log_config": log_config(), "access_log": False,
            "server_header": False, "date_header": True, "lifespan": "off"}


def run(bot: Chatbot, host: str, port: int, workers: int) -> None:
    """Serve until Ctrl-C or SIGTERM. With `workers` > 1, each worker builds its own
    bot from $CHATBOT_CORPUS (the caller sets it to `bot`'s corpus)."""
    if workers == 1:
        uvicorn.run(create_app(bot), **_options(host, port))
        return
    config = _TcpConfig(FACTORY, factory=True, workers=workers, **_options(host, port))
    sockets = [config.bind_socket()]
    if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn < 0.36
        supervisor = Multiprocess(config, target=uvicorn.Server(config).run,  # type: ignore[call-arg]
                                  sockets=sockets)
    else:
        supervisor = Multiprocess(config, sockets=sockets)
    with contextlib.suppress(KeyboardInterrupt):
        supervisor.run()
