"""The sandbox clock: the one place that says what time it is.

Sandbox time = base + offset. The base is the wall clock, or a frozen instant
(``SandboxConfig.clock_start``) for reproducible tests; the offset only grows,
through ``POST /_sandbox/advance``, and is persisted with the store so a file
database keeps its timeline across restarts. Everything in the API's data
model uses sandbox time: created/updated stamps, schedules, review, asset
processing, token expiry, change-history retention. Rate limiting and the
injected latency use real (monotonic) time, since they model the transport.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime

_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$")
_OFFSET_KEY = "clock_offset"


class Clock:
    """Sandbox time in epoch seconds (float)."""

    def __init__(
        self,
        *,
        frozen_at: float | None,
        offset: float = 0.0,
        wall: Callable[[], float] = time.time,
        persist: Callable[[str, str], None] | None = None,
    ) -> None:
        self._frozen_at = frozen_at
        self._offset = offset
        self._wall = wall
        self._persist = persist

    @property
    def offset(self) -> float:
        return self._offset

    def now(self) -> float:
        base = self._frozen_at if self._frozen_at is not None else self._wall()
        return base + self._offset

    def advance(self, seconds: float) -> tuple[float, float]:
        """Move forward; returns (before, after) in sandbox time."""
        before = self.now()
        self._offset += seconds
        if self._persist is not None:
            self._persist(_OFFSET_KEY, repr(self._offset))
        return before, before + seconds


def offset_key() -> str:
    """The store meta key holding the persisted offset."""
    return _OFFSET_KEY


def format_time(epoch: float) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` (seconds truncated), as the API writes times."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch // 1)))


def parse_time(text: str) -> float | None:
    """Epoch seconds of a strict ``YYYY-MM-DDTHH:MM:SSZ`` stamp, else None."""
    match = _STAMP.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(p) for p in match.groups())
    try:  # rejects 2030-02-30 and 25:00:00
        datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    return float(calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0)))


def parse_iso(text: str) -> float | None:
    """Epoch seconds of any ISO-8601 date-time with an offset (query filters)."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.timestamp()
