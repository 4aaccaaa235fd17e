"""Delivery figures in the store: the counters and how they are written.

The delivery simulation writes *settled* figures per ad and UTC day: a ``D``
row with the day's additive counters (``COUNTERS``, integers, money in
micros; kept) and an ``H`` row with the same counters per hour of that day
(``{"hour": counters}``; kept for 15 days, enough for HOUR reports over the
last 14). Rows also hold the ``pool`` of the ad set that day, from which
distinct counts such as reach are derived (``audience``). How reports see
them (late data) is ``reports.visible``.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from campaignctl.sandbox.store import Store, dump

COUNTERS = (
    "impressions",
    "off_spotify_impressions",
    "streamed_impressions",
    "clicks",
    "spend",
    "starts",
    "first_quartiles",
    "midpoints",
    "third_quartiles",
    "completes",
    "video_views",
    "video_expands",
    "unmutes",
    "streams",
    "new_listener_streams",
    "app_installs",
    "page_views",
    "leads",
    "add_to_cart",
    "purchases",
    "start_checkout",
    "products",
    "sign_ups",
    "custom_event_1",
    "custom_event_2",
    "custom_event_3",
    "custom_event_4",
    "custom_event_5",
    "revenue",
)
INDEX = {name: position for position, name in enumerate(COUNTERS)}
Counts = tuple[int, ...]
ZERO: Counts = (0,) * len(COUNTERS)

HOUR = 3600
DAY = 86400
HOURLY_RETENTION = 15 * DAY


@dataclass(frozen=True)
class Owner:
    """Where an ad sits: the keys a metrics row carries besides its bucket."""

    account_id: str
    campaign_id: str
    ad_set_id: str
    ad_id: str


@dataclass(frozen=True)
class Cell:
    """Visible figures of one ad in one bucket (an hour or a day)."""

    ad_id: str
    ad_set_id: str
    campaign_id: str
    start: float
    pool: int
    counts: Counts


def floor_to(instant: float, step: int) -> float:
    return float(math.floor(instant / step) * step)


def total_of(counts: Iterable[Counts]) -> Counts:
    """The element-wise sum of counter tuples."""
    columns = list(zip(*counts, strict=True))
    return tuple(sum(column) for column in columns) if columns else ZERO


def add(left: Counts, right: Counts) -> Counts:
    return tuple(a + b for a, b in zip(left, right, strict=True))


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights``; the parts add up exactly.

    Cumulative rounding: part i is ``floor(total * W_i / W) - floor(total *
    W_(i-1) / W)`` for running sums ``W_i``, so each part is within 1 of its
    exact share.
    """
    weight = sum(weights)
    if total <= 0 or weight <= 0:
        return [0] * len(weights)
    parts = []
    running = 0.0
    before = 0
    for value in weights:
        running += value
        upto = min(total, math.floor(total * running / weight))
        parts.append(upto - before)
        before = upto
    parts[-1] += total - before
    return parts


# -- writing (the delivery simulation) ------------------------------------------
def record_hours(
    store: Store, owner: Owner, pool: int, hours: Mapping[float, Counts]
) -> None:
    """Store settled hourly figures of one ad and add them to its day rows."""
    by_day: dict[float, dict[str, list[int]]] = defaultdict(dict)
    for start, counts in hours.items():
        day = floor_to(start, DAY)
        by_day[day][str(int((start - day) // HOUR))] = list(counts)
    for day, parts in by_day.items():
        stored = dict(
            store.execute(
                "SELECT grain, counts FROM metrics WHERE ad_id = ? AND start = ? "
                "AND grain IN ('D', 'H')",
                (owner.ad_id, day),
            )
        )
        hourly = {**json.loads(stored.get("H", "{}")), **parts}
        total = tuple(json.loads(stored["D"])) if "D" in stored else ZERO
        total = add(total, total_of(tuple(c) for c in parts.values()))
        _insert(
            store,
            [
                _row(owner, "H", day, pool, dump(dict(sorted(hourly.items())))),
                _row(owner, "D", day, pool, dump(list(total))),
            ],
        )


def spent_before(store: Store, ad_set_id: str, day: float) -> int:
    """Settled spend (micros) of an ad set on the days before ``day``."""
    rows = store.execute(
        f"SELECT sum(json_extract(counts, '$[{INDEX['spend']}]')) FROM metrics "
        "WHERE ad_set_id = ? AND grain = 'D' AND start < ?",
        (ad_set_id, day),
    )
    return int(rows[0][0] or 0)


def prune_hours(store: Store, now: float) -> None:
    store.execute(
        "DELETE FROM metrics WHERE grain = 'H' AND start < ?",
        (now - HOURLY_RETENTION,),
    )


def _row(
    owner: Owner, grain: str, start: float, pool: int, counts: str
) -> tuple[object, ...]:
    return (
        owner.account_id,
        owner.campaign_id,
        owner.ad_set_id,
        owner.ad_id,
        grain,
        start,
        pool,
        counts,
    )


def _insert(store: Store, rows: Sequence[tuple[object, ...]]) -> None:
    marks = ",".join(["(?,?,?,?,?,?,?,?)"] * len(rows))
    store.execute(
        "INSERT OR REPLACE INTO metrics (account_id, campaign_id, ad_set_id, ad_id, "
        f"grain, start, pool, counts) VALUES {marks}",
        [value for row in rows for value in row],
    )
