"""What the client sends and with which clock: plain values, no I/O."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Log = Callable[[int, str], None]  # (verbosity level, line)


def silent(level: int, line: str) -> None:
    """The default log: say nothing."""


@dataclass(frozen=True)
class Call:
    """One logical request; it may be sent several times."""

    method: str
    path: str  # shown in logs and errors: no host, no query
    url: str
    op: str  # the spec's operationId, the key of the request counter
    idempotent: bool  # safe to repeat after a 5xx or a broken connection
    bearer: bool = True  # False for the token grant itself
    params: Mapping[str, Any] | None = None
    json: Any = None
    files: Mapping[str, Any] | None = None
    data: Mapping[str, str] | None = None
    headers: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Timing:
    """Time, injected so tests of backoff and limits never really wait."""

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random
