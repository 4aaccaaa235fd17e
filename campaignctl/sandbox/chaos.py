"""Crash injection for reliability tests: SIGKILL a client at an exact moment.

``ClientKiller`` wraps the sandbox app and counts the write requests (POST and
PATCH under ``/ads/v3``) it serves; at the N-th one it kills the client
process, either *before* the request reaches the API (the write never
happens) or *after* the API committed it (the client dies without the answer,
the case that duplicates objects in tools without an identity story). With
``signal=SIGINT`` it is a Ctrl-C instead: the client is interrupted while that
write is in flight, and the write is served.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from campaignctl.sandbox.config import API_PREFIX

WRITE_METHODS = frozenset({"POST", "PATCH"})


@dataclass
class ClientKiller:
    """An ASGI app: the sandbox, plus a SIGKILL for process ``victim``."""

    app: ASGIApp
    victim: int = 0  # the client's pid, set once it has started
    at: int = 0  # kill at this write, 1-based; 0 never kills
    after_commit: bool = False
    writes: int = 0
    signal: int = signal.SIGKILL  # SIGINT: a Ctrl-C while the write is in flight

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_write(scope):
            await self.app(scope, receive, send)
            return
        self.writes += 1
        if self.writes != self.at or not self.victim:
            await self.app(scope, receive, send)
            return
        if self.signal != signal.SIGKILL:  # the client lives on: serve the write
            os.kill(self.victim, self.signal)
            await self.app(scope, receive, send)
            return
        if self.after_commit:
            await self.app(scope, receive, _discard)  # committed; answer lost
        os.kill(self.victim, signal.SIGKILL)


def _is_write(scope: Scope) -> bool:
    return (
        scope["type"] == "http"
        and scope["method"] in WRITE_METHODS
        and str(scope["path"]).startswith(API_PREFIX + "/")
    )


async def _discard(message: Message) -> None:
    return None
