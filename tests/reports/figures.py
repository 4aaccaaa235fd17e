"""The sandbox's own figures, read straight from its aggregate endpoint."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from campaignctl.reports.sql import SqlWarehouse
from tests.sandbox.reporting import every_row, stats

from .conftest import World

JSON = dict[str, Any]
DAILY_FIELDS = [
    "IMPRESSIONS",
    "SPEND",
    "CLICKS",
    "CTR",
    "REACH",
    "FREQUENCY",
    "COMPLETES",
]
COLUMNS = ["impressions", "spend", "clicks", "ctr", "reach", "frequency", "completes"]


def sandbox_daily(world: World, level: str, first: str, last: str) -> list[JSON]:
    """(entity, day) → figures as the sandbox reports them now, sorted."""
    rows = every_row(
        world.client,
        entity_type=level,
        fields=DAILY_FIELDS,
        granularity="DAY",
        report_start=f"{first}T00:00:00Z",
        report_end=f"{last}T00:00:00Z",
    )
    found = []
    for row in rows:
        figures = stats(row)
        found.append(
            {
                "entity_id": row["entity_id"],
                "date_day": row["start_time"][:10],
                **{c: figures[f] for c, f in zip(COLUMNS, DAILY_FIELDS, strict=True)},
            }
        )
    return sorted(found, key=lambda r: (r["entity_id"], r["date_day"]))


def table(warehouse: SqlWarehouse, name: str, order: list[str]) -> list[JSON]:
    """Every row of a table or view as dicts, in ``order``."""
    columns = warehouse.table_columns(name)
    assert columns is not None, f"no table {name}"
    return [dict(zip(columns, row, strict=True)) for row in warehouse.rows(name, order)]


def daily_figures(warehouse: SqlWarehouse, name: str = "daily_ads") -> list[JSON]:
    """The daily table in the shape of ``sandbox_daily`` (JSON-like values)."""
    rows = table(warehouse, name, ["entity_id", "date_day"])
    return [
        {
            "entity_id": r["entity_id"],
            "date_day": r["date_day"].isoformat(),
            **{c: _plain(r[c]) for c in COLUMNS},
        }
        for r in rows
    ]


def _plain(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value
