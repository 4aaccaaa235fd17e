"""When and how long to wait before sending a request again.

Reads (GET) and the token grant are safe to repeat: they retry on 429, 5xx and
network errors. Writes (POST/PATCH) retry only when the server certainly did
nothing: a 429, a 401 answered by refreshing the token, or a connection that was
never established. Everything else on a write is final; a 5xx or a broken
connection after sending is reported as *ambiguous* so apply re-reads by name.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

# Raised before a single byte of the request reached the server.
NOT_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
# Our own configuration or request is broken: repeating cannot help.
FATAL_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.UnsupportedProtocol,
    httpx.LocalProtocolError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter, capped in attempts and time."""

    max_attempts: int = 6  # requests sent in total, the first included
    base_delay_s: float = 0.5
    max_delay_s: float = 30.0
    max_elapsed_s: float = 120.0  # give up rather than wait past this

    def backoff(self, retry_number: int, jitter: float) -> float:
        """Delay before retry ``retry_number`` (1-based); ``jitter`` in [0, 1)."""
        ceiling: float = self.base_delay_s * 2.0 ** (retry_number - 1)
        return jitter * min(self.max_delay_s, ceiling)

    def allows(self, *, attempts: int, elapsed_s: float, delay_s: float) -> bool:
        """May we wait ``delay_s`` and send attempt ``attempts + 1``?"""
        within_time = elapsed_s + delay_s <= self.max_elapsed_s
        return attempts < self.max_attempts and within_time


def server_delay(
    headers: Mapping[str, str], *, now: datetime | None = None
) -> float | None:
    """Seconds the server asked us to wait: ``Retry-After``, else the reset."""
    retry_after = _seconds(headers.get("retry-after"), now=now)
    if retry_after is not None:
        return retry_after
    return _seconds(headers.get("x-ratelimit-reset"), now=None)


def _seconds(value: str | None, *, now: datetime | None) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return _seconds_until(value, now=now)


def _seconds_until(http_date: str, *, now: datetime | None) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def is_retryable_status(status: int, *, idempotent: bool) -> bool:
    """429 always; 5xx only for requests that are safe to repeat."""
    return status == 429 or (idempotent and status >= 500)


def is_retryable_error(error: httpx.TransportError, *, idempotent: bool) -> bool:
    """Network failures: reads retry; writes only if nothing was sent."""
    if isinstance(error, FATAL_ERRORS):
        return False
    return idempotent or isinstance(error, NOT_SENT_ERRORS)


def is_ambiguous_error(error: httpx.TransportError, *, idempotent: bool) -> bool:
    """A write whose request may have reached the server."""
    return not idempotent and not isinstance(error, NOT_SENT_ERRORS + FATAL_ERRORS)
