"""Client-side rate limiting: the API's own sliding window, shared by all threads.

The API allows 1,500 requests per 30 s per client and user, and a tenth of
that on reporting endpoints. campaignctl keeps the same books: at most
``limit`` requests in any ``window`` seconds, so a plan's few hundred list
pages go out as fast as ``--parallelism`` allows, a long apply settles at the
sustained rate (50 per second), and a 429 stays rare. A little headroom covers
the difference between when a request leaves here and when it arrives there.

A window hands out *reservations*: taking a slot never blocks while holding
the lock; a caller that finds the window full is told how long to wait, so
concurrent callers queue fairly. A 429 teaches the window the server's real
limit (``X-RateLimit-Limit``) and pauses it for ``Retry-After``, so a server
stricter than Spotify's documented limit is hit once, not by every thread.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

Clock = Callable[[], float]
Sleep = Callable[[float], None]

DEFAULT_RATE_PER_S = 50.0
WINDOW_S = 30.0  # the API counts requests per 30 seconds
HEADROOM = 0.95  # use 95 % of the allowance
REPORTING_SHARE = 0.1  # reporting endpoints: 150 per 30 s instead of 1,500


class SlidingWindow:
    """At most ``limit`` reservations in any ``window`` seconds."""

    def __init__(self, limit: int, *, window: float = WINDOW_S, clock: Clock) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._slots: deque[float] = deque(maxlen=limit)  # the last `limit` slots
        self._paused_until = 0.0
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take the next free slot; return the seconds to wait before using it."""
        with self._lock:
            now = self._clock()
            full = len(self._slots) == self.limit
            slot = max(now, self._slots[0] + self.window) if full else now
            slot = max(slot, self._paused_until)
            self._slots.append(slot)
            return slot - now

    def slow_down(self, *, limit: int | None, pause_s: float) -> None:
        """After a 429: keep to the server's own limit, and pause as it asked."""
        with self._lock:
            if limit is not None and limit < self.limit:
                self.limit = max(1, limit)
                self._slots = deque(self._slots, maxlen=self.limit)
            self._paused_until = max(self._paused_until, self._clock() + pause_s)


class RateLimiter:
    """The general window, plus a smaller one that reporting requests also use."""

    def __init__(
        self,
        rate_per_s: float = DEFAULT_RATE_PER_S,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self._sleep = sleep
        self._general: SlidingWindow | None = None
        self._reporting: SlidingWindow | None = None
        if rate_per_s > 0:  # 0 switches client-side limiting off
            self._general = SlidingWindow(allowance(rate_per_s), clock=clock)
            reporting = allowance(rate_per_s * REPORTING_SHARE)
            self._reporting = SlidingWindow(reporting, clock=clock)

    def acquire(self, path: str) -> float:
        """Wait for permission to send a request to ``path``; return the wait."""
        wait = self._general.reserve() if self._general else 0.0
        if self._reporting and is_reporting(path):
            wait = max(wait, self._reporting.reserve())
        if wait > 0:
            self._sleep(wait)
        return wait

    def slow_down(self, path: str, *, limit: int | None, pause_s: float) -> None:
        """A 429 on ``path``: adopt the server's ``X-RateLimit-Limit``, pause."""
        window = self._reporting if is_reporting(path) else self._general
        if window is not None:
            allowed = None if limit is None else max(1, int(limit * HEADROOM))
            window.slow_down(limit=allowed, pause_s=pause_s)


def allowance(rate_per_s: float) -> int:
    """Requests per window at ``rate_per_s``, less the headroom (at least 1)."""
    return max(1, int(rate_per_s * WINDOW_S * HEADROOM))


def is_reporting(path: str) -> bool:
    """Aggregate, insight and async report endpoints have the lower limit."""
    return "_reports" in path
