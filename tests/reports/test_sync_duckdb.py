"""Sync into DuckDB against the delivering sandbox: exact, idempotent, resumable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import httpx
import pytest

from campaignctl.errors import ApiError, WarehouseError
from campaignctl.reports.sql import SqlWarehouse
from campaignctl.sandbox import SyncASGITransport

from .conftest import World, in_process_api
from .figures import daily_figures, sandbox_daily, table
from .manifests import DAILY_ADS, report

JAN = {day: date(2030, 1, day) for day in range(1, 32)}


def state(warehouse: SqlWarehouse, report_name: str = "daily-ads") -> dict[str, object]:
    [row] = [
        r
        for r in table(warehouse, "_campaignctl_sync_state", ["report"])
        if r["report"] == report_name
    ]
    return {k: row[k] for k in ("watermark", "last_span_first", "last_span_last")}


def test_first_sync_loads_the_sandbox_figures_exactly(world: World) -> None:
    world.advance(days=3)
    warehouse = world.warehouse()
    result = world.sync(warehouse, today=JAN[4])
    assert (result.partitions, result.rows) == (1, 6)
    assert daily_figures(warehouse) == sandbox_daily(
        world, "AD", "2030-01-01", "2030-01-03"
    )
    assert state(warehouse) == {
        "watermark": JAN[3],
        "last_span_first": JAN[1],
        "last_span_last": JAN[3],
    }
    rows = table(warehouse, "daily_ads", ["entity_id", "date_day"])
    assert {(r["_source"], r["_is_final"], r["attribution_window"]) for r in rows} == {
        ("aggregate", False, "IMPRESSION_30_DAY")
    }
    assert {r["parent_id"] for r in rows} == {world.setup.ad_set_id}


def test_a_second_sync_leaves_every_table_identical(world: World) -> None:
    world.advance(days=3)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN[4])
    before = {
        name: table(warehouse, name, order)
        for name, order in (
            ("daily_ads", ["entity_id", "date_day"]),
            ("_campaignctl_entities", ["entity_id"]),
        )
    }
    watermark = state(warehouse)
    world.sync(warehouse, today=JAN[4])
    after = {
        name: table(warehouse, name, order)
        for name, order in (
            ("daily_ads", ["entity_id", "date_day"]),
            ("_campaignctl_entities", ["entity_id"]),
        )
    }
    assert after == before
    assert state(warehouse) == watermark
    assert len(before["_campaignctl_entities"]) == 4  # campaign, ad set, 2 ads


def test_later_sync_adds_days_and_updates_late_rows_without_duplicates(
    world: World,
) -> None:
    world.advance(days=3)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN[4])
    first = {(r["entity_id"], r["date_day"]): r for r in daily_figures(warehouse)}
    world.advance(days=2)
    result = world.sync(warehouse, today=JAN[6])
    assert (result.partitions, result.rows) == (1, 10)  # 01-01..01-05 re-read
    now = daily_figures(warehouse)
    assert now == sandbox_daily(world, "AD", "2030-01-01", "2030-01-05")
    assert len({(r["entity_id"], r["date_day"]) for r in now}) == len(now) == 10
    late = [
        key
        for key, row in first.items()
        if row["impressions"]
        < next(r["impressions"] for r in now if (r["entity_id"], r["date_day"]) == key)
    ]
    assert len(late) == 6  # every earlier day grew: late data was re-read
    assert state(warehouse)["watermark"] == JAN[5]


def test_days_settle_and_are_marked_final(world: World) -> None:
    world.advance(days=10)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN[11])
    rows = table(warehouse, "daily_ads", ["date_day", "entity_id"])
    finals = sorted({r["date_day"] for r in rows if r["_is_final"]})
    assert finals == [JAN[1], JAN[2], JAN[3]]  # closed more than 7 days ago
    world.advance(days=1)
    result = world.sync(warehouse, today=JAN[12])
    assert result.rows == 16  # 01-03..01-10 re-read (8 days x 2 ads), 01-11 new
    assert daily_figures(warehouse) == sandbox_daily(
        world, "AD", "2030-01-01", "2030-01-11"
    )


class FailingChunk(httpx.BaseTransport):
    """The sandbox, but aggregate requests for one window start fail (400)."""

    def __init__(self, inner: httpx.BaseTransport, start: str) -> None:
        self.inner = inner
        self.start = start
        self.failed = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.params.get("report_start") == self.start:
            self.failed += 1
            return httpx.Response(400, json={"messages": ["injected failure"]})
        return self.inner.handle_request(request)


def test_an_interrupted_sync_resumes_from_its_watermark(world: World) -> None:
    world.write_reports(DAILY_ADS.format(backfill="2029-09-01"))
    world.advance(days=3)
    broken = FailingChunk(SyncASGITransport(world.app), "2029-11-30T00:00:00Z")
    warehouse = world.warehouse()
    with pytest.raises(ApiError, match="injected failure"):
        world.sync(
            warehouse, today=JAN[4], api=in_process_api(world.app, transport=broken)
        )
    assert broken.failed == 1
    assert state(warehouse)["watermark"] == date(2029, 11, 29)  # chunk 1 only
    kept = table(warehouse, "daily_ads", ["date_day"])
    assert (kept[0]["date_day"], kept[-1]["date_day"], len(kept)) == (
        date(2029, 9, 1),
        date(2029, 11, 29),
        180,
    )
    world.sync(warehouse, today=JAN[4])
    clean = world.warehouse("clean.duckdb")
    world.sync(clean, today=JAN[4])
    order = ["entity_id", "date_day"]
    assert table(warehouse, "daily_ads", order) == table(clean, "daily_ads", order)
    assert (
        state(warehouse)
        == state(clean)
        == {
            "watermark": JAN[3],
            "last_span_first": date(2029, 11, 30),
            "last_span_last": JAN[3],
        }
    )


def test_rows_that_vanish_on_a_re_pull_are_removed(world: World) -> None:
    world.write_reports(
        report(
            "active-ad-sets",
            level="ad_set",
            metrics=["impressions"],
            granularity="day",
            backfill="2030-01-01",
            statuses=["ACTIVE"],
        )
    )
    world.advance(days=3)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN[4])
    assert len(table(warehouse, "active_ad_sets", ["date_day"])) == 3
    ended = world.client.patch(
        f"/ad_accounts/00000000-0000-4000-a000-000000000001/ad_sets/"
        f"{world.setup.ad_set_id}",
        json={"end_time": "2030-01-04T06:00:00Z"},
    )
    assert ended.status_code == 200, ended.text
    world.advance(days=1)
    world.sync(warehouse, today=JAN[5])
    # the ad set is COMPLETED now, so an ACTIVE-only re-pull no longer has it:
    # its re-read days are gone rather than left stale
    assert table(warehouse, "active_ad_sets", ["date_day"]) == []


def test_a_changed_definition_re_reads_its_window_with_new_columns(
    world: World,
) -> None:
    world.advance(days=3)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN[4])
    world.write_reports(
        DAILY_ADS.format(backfill="2030-01-01").replace(
            "completes]", "completes, starts]"
        )
    )
    world.advance(days=20)  # the old days are far outside the lookback now
    world.sync(warehouse, today=JAN[24])
    rows = table(warehouse, "daily_ads", ["entity_id", "date_day"])
    assert len(rows) == 46 and all(r["starts"] is not None for r in rows)


def test_a_changed_level_is_refused(world: World) -> None:
    world.advance(days=1)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN[2])
    world.write_reports(
        DAILY_ADS.format(backfill="2030-01-01").replace("ad\n", "ad_set\n")
    )
    with pytest.raises(WarehouseError, match="changed its level or granularity"):
        world.sync(warehouse, today=JAN[2])


SyncOf = Callable[[World], None]
