"""``SyncASGITransport``: an ASGI app behind a *sync* ``httpx.Client``, no sockets.

httpx's own ``ASGITransport`` serves only ``AsyncClient`` (style.md, D1).
This transport owns one event loop on a daemon thread and runs every
request there with ``asyncio.run_coroutine_threadsafe``, so any number of
client threads may share it (apply runs writes in a thread pool). The
request body is read up front and the response body collected into a plain
``httpx.Response``. A response the app starts but never finishes (the
sandbox's dropped-connection fault) raises ``httpx.RemoteProtocolError``,
as a real connection would. The sandbox app uses no lifespan, so none is run.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import httpx

ASGIApp = Callable[
    [
        MutableMapping[str, Any],
        Callable[[], Awaitable[MutableMapping[str, Any]]],
        Callable[[MutableMapping[str, Any]], Awaitable[None]],
    ],
    Awaitable[None],
]


@dataclass
class _Reply:
    status: int = 0
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    chunks: list[bytes] = field(default_factory=list)
    started: bool = False
    complete: bool = False


class SyncASGITransport(httpx.BaseTransport):
    """Run ``app`` in-process for ``httpx.Client(transport=...)``; thread-safe."""

    def __init__(
        self, app: ASGIApp, *, client: tuple[str, int] = ("127.0.0.1", 50000)
    ) -> None:
        self.app = app
        self.client = client
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        future: Future[_Reply] = asyncio.run_coroutine_threadsafe(
            self._call(request, body), self._running_loop()
        )
        reply = future.result()
        if not reply.complete:
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body",
                request=request,
            )
        return httpx.Response(
            reply.status, headers=reply.headers, content=b"".join(reply.chunks)
        )

    def close(self) -> None:
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is not None and thread is not None:
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
            loop.close()

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=loop.run_forever, name="sandbox-asgi", daemon=True
                )
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    async def _call(self, request: httpx.Request, body: bytes) -> _Reply:
        reply = _Reply()
        delivered = False
        finished = asyncio.Event()

        async def receive() -> MutableMapping[str, Any]:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            await finished.wait()
            return {"type": "http.disconnect"}

        async def send(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                reply.started = True
                reply.status = message["status"]
                reply.headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                reply.chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    reply.complete = True
                    finished.set()

        try:
            await self.app(self._scope(request), receive, send)
        finally:
            finished.set()
        return reply

    def _scope(self, request: httpx.Request) -> MutableMapping[str, Any]:
        url = request.url
        port = url.port or (443 if url.scheme == "https" else 80)
        return {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": request.method,
            "scheme": url.scheme,
            "path": url.path,
            "raw_path": url.raw_path.split(b"?")[0],
            "query_string": url.query,
            "root_path": "",
            "headers": [(k.lower(), v) for k, v in request.headers.raw],
            "client": self.client,
            "server": (url.host, port),
            "extensions": {},
        }
