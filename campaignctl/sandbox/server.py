"""Serving the sandbox over real HTTP with uvicorn (the only uvicorn import).

``bind`` opens the listening socket (a clear ``ConfigError`` when the port is
taken); ``serve`` runs in the foreground (``campaignctl sandbox serve``);
``running`` serves on a background thread for tests, without sleeping: it
waits for uvicorn's startup signal and joins the thread on exit.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette

from campaignctl.errors import ConfigError


class ReadyServer(uvicorn.Server):
    """uvicorn that signals when it accepts connections."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a ``ConfigError`` that says why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted
    # sockets whose proto says TCP; without it every response waits ~40 ms
    # for Nagle + delayed ACK.
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        raise ConfigError(
            f"cannot listen on {host}:{port}: {error.strerror or error}",
            hint="choose another --port (or --port 0 for any free port)",
        ) from error
    listener.listen(128)
    return listener


def make_server(app: Starlette, *, log_level: str = "warning") -> ReadyServer:
    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off")
    return ReadyServer(config)


def serve(app: Starlette, listener: socket.socket) -> None:
    """Serve in the foreground until interrupted (SIGINT/SIGTERM)."""
    make_server(app).run(sockets=[listener])


@contextmanager
def running(app: Starlette, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``app`` on a background thread; yields ``http://HOST:PORT``."""
    listener = bind(host, port)
    server = make_server(app, log_level="critical")
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, daemon=True
    )
    thread.start()
    try:
        if not server.ready.wait(timeout=30):
            raise RuntimeError("the sandbox server did not start within 30 s")
        yield f"http://{host}:{listener.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()
        listener.close()
