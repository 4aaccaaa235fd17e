"""How reports see the stored delivery figures at an instant ``as_of``.

* only hours that had ended by ``as_of`` count;
* late data: for seven days after a day ends its figures are a little short
  of the settled ones. Each counter shows ``base - floor(base * s * r / 168)``
  where ``s`` (2-6 %, ``late_share``) is fixed per (seed, ad, day) and ``r`` is
  the number of hours left until the day is 7 days old (168 on the day itself,
  0 once settled). Figures therefore rise a little with every later advance
  of the clock and then stop changing: deterministic, so tests can predict
  them;
* a day's visible total is spread over its hours (``apportion``), so hourly
  figures always add up to the daily ones.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from campaignctl.sandbox.audience import between
from campaignctl.sandbox.metrics import (
    DAY,
    HOUR,
    Cell,
    Counts,
    apportion,
    floor_to,
    total_of,
)
from campaignctl.sandbox.store import Store

SETTLE_HOURS = 7 * 24
_COLUMNS = "ad_id, ad_set_id, campaign_id, start, pool, counts"
OWNER_COLUMNS = ("ad_id", "ad_set_id", "campaign_id")
Only = tuple[str, Sequence[str]] | None
"""Restrict reads to rows whose ``OWNER_COLUMNS`` column is one of the ids."""


def late_share(seed: int, ad_id: str, day: float) -> float:
    """The share of a day's figures that arrives late (fixed per ad and day)."""
    return between(0.02, 0.06, "late", seed, ad_id, int(day))


def visible(base: Counts, *, share: float, day: float, as_of: float) -> Counts:
    """A day's figures as visible at ``as_of`` (see the module docstring)."""
    age = max(0, math.floor((as_of - day - DAY) / HOUR))
    left = max(0, SETTLE_HOURS - age)
    if left == 0:
        return base
    return tuple(v - math.floor(v * share * left / SETTLE_HOURS) for v in base)


def day_cells(
    store: Store,
    account_id: str,
    *,
    as_of: float,
    since: float | None,
    until: float | None,
    seed: int,
    only: Only = None,
) -> list[Cell]:
    """Visible per-ad daily figures for days starting in [since, until)."""
    low = since if since is not None else -math.inf
    high = min(until if until is not None else math.inf, as_of)
    settled_until = floor_to(as_of - 8 * DAY, DAY) + DAY
    cells = _read(store, account_id, ("D", low, min(high, settled_until)), only)
    recent = (max(low, settled_until), high)
    hours = _hours_by_day(_read(store, account_id, ("H", *recent), only))
    for cell in _read(store, account_id, ("D", settled_until, high), only):
        parts = hours.get((cell.ad_id, cell.start))
        base = cell.counts  # hourly rows pruned: only the day is known
        if parts is not None:
            base = total_of(c.counts for c in parts if c.start + HOUR <= as_of)
        shown = visible(
            base,
            share=late_share(seed, cell.ad_id, cell.start),
            day=cell.start,
            as_of=as_of,
        )
        cells.append(_with(cell, cell.start, shown))
    return cells


def hour_cells(
    store: Store,
    account_id: str,
    *,
    as_of: float,
    since: float,
    until: float,
    seed: int,
    only: Only = None,
) -> list[Cell]:
    """Visible per-ad hourly figures for hours starting in [since, until)."""
    first_day = floor_to(since, DAY)
    hours = _hours_by_day(_read(store, account_id, ("H", first_day, as_of), only))
    cells = []
    for (ad_id, day), every in hours.items():
        parts = [c for c in every if c.start + HOUR <= as_of]
        shown = visible(
            total_of(c.counts for c in parts),
            share=late_share(seed, ad_id, day),
            day=day,
            as_of=as_of,
        )
        columns = [
            apportion(total, [c.counts[i] for c in parts])
            for i, total in enumerate(shown)
        ]
        for index, part in enumerate(parts):
            if since <= part.start < until:
                counts = tuple(column[index] for column in columns)
                cells.append(_with(part, part.start, counts))
    return cells


def _hours_by_day(cells: Iterable[Cell]) -> dict[tuple[str, float], list[Cell]]:
    grouped: dict[tuple[str, float], list[Cell]] = defaultdict(list)
    for cell in cells:
        grouped[(cell.ad_id, floor_to(cell.start, DAY))].append(cell)
    return grouped


def _read(
    store: Store, account_id: str, span: tuple[str, float, float], only: Only
) -> list[Cell]:
    grain, low, high = span
    if high <= low:
        return []
    where = ""
    params: list[object] = [account_id, grain, max(low, -1e18), min(high, 1e18)]
    if only is not None:
        column, ids = only
        assert column in OWNER_COLUMNS  # a whitelisted name, never user text
        where = f"AND {column} IN ({','.join('?' * len(ids))}) "
        params += ids
    rows = store.execute(
        f"SELECT {_COLUMNS} FROM metrics WHERE account_id = ? AND grain = ? "
        f"AND start >= ? AND start < ? {where}ORDER BY start, ad_id",
        params,
    )
    cells = []
    for ad_id, ad_set_id, campaign_id, start, pool, text in rows:
        loaded = json.loads(text)
        if grain == "D":
            cells.append(
                Cell(ad_id, ad_set_id, campaign_id, start, pool, tuple(loaded))
            )
            continue
        for hour, counts in loaded.items():  # an H row holds a day's hours
            at = start + int(hour) * HOUR
            cells.append(Cell(ad_id, ad_set_id, campaign_id, at, pool, tuple(counts)))
    return cells


def _with(cell: Cell, start: float, counts: Counts) -> Cell:
    return Cell(cell.ad_id, cell.ad_set_id, cell.campaign_id, start, cell.pool, counts)
