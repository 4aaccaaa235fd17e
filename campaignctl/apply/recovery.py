"""Writes whose outcome is unknown: look before sending again.

The API has no idempotency keys, so a 5xx, a timeout or a cut connection after
a POST or PATCH left may or may not have been applied. These helpers re-read
first and resend only what did not land.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from campaignctl.errors import CampaignctlError

# sends of one write whose earlier outcome was unknown: each resend follows a
# read showing it did not land, so only a run of 5xx answers uses them all (at
# the fault matrix's 20 % failure rate, 3 sends left 1 write in 125 failed and
# a third apply sometimes needed; 5 leave 1 in 3,125)
WRITE_ATTEMPTS = 5
T = TypeVar("T")


def settled(write: Callable[[], T], landed: Callable[[], T | None]) -> T:
    """Send a write; when its outcome is unknown, look before sending again.

    A 5xx or a cut connection after the request left may or may not have been
    applied (the API has no idempotency keys). ``landed`` re-reads the API and
    returns the result if the write took effect, else None; only then is the
    write sent again, at most ``WRITE_ATTEMPTS`` times in all.
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return write()
        except CampaignctlError as error:
            if not getattr(error, "ambiguous", False) or attempt == WRITE_ATTEMPTS:
                raise
            found = landed()
            if found is not None:
                return found
    raise AssertionError("unreachable")  # pragma: no cover


def contains(live: Any, wanted: Any) -> bool:
    """Whether ``live`` already holds ``wanted`` (lists compared as sets)."""
    if isinstance(wanted, dict):
        return isinstance(live, dict) and all(
            contains(live.get(k), v) for k, v in wanted.items()
        )
    if isinstance(wanted, list):
        return isinstance(live, list) and sorted(map(repr, live)) == sorted(
            map(repr, wanted)
        )
    return bool(live == wanted)
