"""Client-side rate limiting: token buckets shared by every thread of a client.

The API allows 1,500 requests per 30 s per client and user (50/s), and a tenth
of that on reporting endpoints. Staying under the limit on our side keeps 429s
(and their backoff) rare when ``--parallelism`` is high.

A bucket hands out *reservations*: taking a token never blocks while holding
the lock; a caller that finds the bucket empty goes into debt and is told how
long to wait, so concurrent callers queue fairly at exactly ``rate`` per second.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

Clock = Callable[[], float]
Sleep = Callable[[float], None]

DEFAULT_RATE_PER_S = 50.0
REPORTING_SHARE = 0.1  # reporting endpoints: 150 per 30 s instead of 1,500


class TokenBucket:
    """``rate`` tokens per second, at most ``burst`` saved up."""

    def __init__(
        self, rate: float, *, burst: float | None = None, clock: Clock
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = burst if burst is not None else max(1.0, rate / 10)
        self._clock = clock
        self._tokens = self.capacity
        self._stamp = clock()
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take one token; return the seconds to wait before using it."""
        with self._lock:
            now = self._clock()
            elapsed = max(0.0, now - self._stamp)
            self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
            self._stamp = now
            self._tokens -= 1.0
            return 0.0 if self._tokens >= 0 else -self._tokens / self.rate


class RateLimiter:
    """The general bucket, plus a slower one that reporting requests also use."""

    def __init__(
        self,
        rate_per_s: float = DEFAULT_RATE_PER_S,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self._sleep = sleep
        self._general: TokenBucket | None = None
        self._reporting: TokenBucket | None = None
        if rate_per_s > 0:  # 0 switches client-side limiting off
            self._general = TokenBucket(rate_per_s, clock=clock)
            self._reporting = TokenBucket(rate_per_s * REPORTING_SHARE, clock=clock)

    def acquire(self, path: str) -> float:
        """Wait for permission to send a request to ``path``; return the wait."""
        wait = self._general.reserve() if self._general else 0.0
        if self._reporting and is_reporting(path):
            wait = max(wait, self._reporting.reserve())
        if wait > 0:
            self._sleep(wait)
        return wait


def is_reporting(path: str) -> bool:
    """Aggregate, insight and async report endpoints have the lower limit."""
    return "_reports" in path
