"""Times as the API wants them: ISO-8601 UTC, ``YYYY-MM-DDTHH:MM:SSZ``.

Manifests may write ``2030-06-01`` (midnight UTC), ``2030-06-01T09:30Z``,
``2030-06-01T09:30:00+00:00`` or ``2030-06-01 09:30:00Z``; every form
normalises to the API's text. Other offsets and times without a zone are
refused with the UTC equivalent in the hint, never converted silently.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

API_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

_PATTERN = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[Tt ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?P<fraction>\.\d+)?)?"
    r"(?P<zone>[Zz]|[+-]\d{2}:?\d{2})?)?$"
)


class TimeError(ValueError):
    """A time the API would not accept; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def format_time(moment: datetime) -> str:
    """An aware datetime → ``YYYY-MM-DDTHH:MM:SSZ`` (UTC)."""
    return moment.astimezone(UTC).strftime(API_FORMAT)


def parse_instant(text: str) -> datetime:
    """Manifest time text → an aware UTC datetime (see module docstring)."""
    match = _PATTERN.match(text.strip())
    if not match:
        raise TimeError(
            f"{text!r} is not an ISO-8601 time",
            "write UTC times like 2030-06-01T00:00:00Z (or a date: 2030-06-01)",
        )
    naive = _naive(match, text)
    if match.group("hour") is None:
        return naive.replace(tzinfo=UTC)
    zone = match.group("zone")
    if zone is None:
        raise TimeError(
            f"{text!r} has no time zone",
            f"times are UTC; write {naive.strftime(API_FORMAT)} if that is UTC",
        )
    offset = _offset(zone)
    if offset:
        utc = (naive - offset).replace(tzinfo=UTC)
        raise TimeError(
            f"{text!r} is not in UTC",
            f"write it in UTC: {format_time(utc)}",
        )
    return naive.replace(tzinfo=UTC)


@lru_cache(maxsize=4096)  # rollouts repeat the same dates thousands of times
def parse_time(text: str) -> str:
    """Manifest time text → the API's ``YYYY-MM-DDTHH:MM:SSZ``."""
    return format_time(parse_instant(text))


def _naive(match: re.Match[str], text: str) -> datetime:
    fraction = match.group("fraction")
    if fraction and int(fraction[1:]):
        raise TimeError(
            f"{text!r} has fractions of a second",
            "the API keeps whole seconds; drop the fraction",
        )
    year, month, day = (int(part) for part in match.group("date").split("-"))
    hour, minute, second = (
        int(match.group(n) or 0) for n in ("hour", "minute", "second")
    )
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError as error:
        raise TimeError(f"{text!r} is not a valid date and time: {error}") from None


def _offset(zone: str) -> timedelta:
    if zone in ("Z", "z"):
        return timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
