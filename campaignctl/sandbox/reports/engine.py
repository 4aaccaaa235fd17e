"""Group visible delivery figures into report buckets.

One function for every report shape (aggregate, totals, async CSV): read the
visible per-ad cells of the window (``metrics``), then tally them per
(entity, bucket). The same cells and the same ``fields`` formulas feed every
report, which is why the aggregate report and the CSV agree exactly.
"""

from __future__ import annotations

from collections.abc import Callable

from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.metrics import Cell
from campaignctl.sandbox.reports.fields import Tally
from campaignctl.sandbox.reports.visible import Only, day_cells, hour_cells
from campaignctl.sandbox.reports.windows import Window

Key = Callable[[Cell], str | None]
Buckets = dict[tuple[str, float | None], Tally]


def tally(
    sb: Sandbox,
    account_id: str,
    window: Window,
    key: Key,
    *,
    as_of: float,
    only: Only = None,
) -> Buckets:
    """(entity key, bucket start) -> Tally; ``key`` None drops a cell.

    ``only`` (column, ids) reads just those entities' figures.
    """
    found: Buckets = {}
    for cell in _cells(sb, account_id, window, as_of=as_of, only=only):
        entity = key(cell)
        if entity is None:
            continue
        bucket = window.start if window.granularity == "LIFETIME" else cell.start
        found.setdefault((entity, bucket), Tally()).add(cell)
    return found


def _cells(
    sb: Sandbox, account_id: str, window: Window, *, as_of: float, only: Only
) -> list[Cell]:
    seed = sb.config.seed
    if window.granularity == "HOUR":
        assert window.start is not None and window.stop is not None
        return hour_cells(
            sb.store,
            account_id,
            as_of=as_of,
            since=window.start,
            until=window.stop,
            seed=seed,
            only=only,
        )
    return day_cells(
        sb.store,
        account_id,
        as_of=as_of,
        since=window.start,
        until=window.stop,
        seed=seed,
        only=only,
    )


def only_entities(level: str, ids: list[str]) -> Only:
    """The ``only`` filter for entities of ``level`` (None for the account)."""
    column = {"AD": "ad_id", "AD_SET": "ad_set_id", "CAMPAIGN": "campaign_id"}
    return (column[level], ids) if level in column else None
