"""Rate limiting the way the Ads API does it: a sliding 30-second window.

``--rate-limit N`` (requests per second per token principal) allows Nx30
requests in any 30 s, and a tenth of that on reporting endpoints, which
count in their own window (it "takes precedence"). ``0`` turns limits off.
Windows run on real (monotonic) time, not the sandbox clock.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 30.0


class RateLimiter:
    def __init__(
        self, rate: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = max(1, round(rate * WINDOW_SECONDS)) if rate > 0 else 0
        self.reporting_limit = (
            max(1, round(rate * WINDOW_SECONDS / 10)) if rate > 0 else 0
        )
        self._clock = clock
        self._windows: dict[tuple[str, bool], deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str, *, reporting: bool = False) -> dict[str, str] | None:
        """Count one request; None if allowed, else the 429 headers."""
        limit = self.reporting_limit if reporting else self.limit
        if not limit:
            return None
        now = self._clock()
        with self._lock:
            window = self._windows.setdefault((key, reporting), deque())
            while window and window[0] <= now - WINDOW_SECONDS:
                window.popleft()
            if len(window) < limit:
                window.append(now)
                return None
            wait = max(1, math.ceil(window[0] + WINDOW_SECONDS - now))
        return {
            "Retry-After": str(wait),
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(wait),
        }
