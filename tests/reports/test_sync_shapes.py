"""Async CSV, HOUR and LIFETIME reports, the views, and file exports."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from campaignctl.reports.destinations import parse_destination
from campaignctl.reports.exports import export_files
from tests.sandbox.reporting import every_row, lifetime, stats

from .conftest import World
from .figures import sandbox_daily, table
from .manifests import report

JAN4 = date(2030, 1, 4)


def test_async_reports_are_keyed_by_resolved_ids(world: World) -> None:
    world.write_reports(
        report(
            "csv-ad-sets",
            endpoint="async",
            dimensions=["CAMPAIGN_NAME", "AD_SET_NAME", "AD_SET_BUDGET"],
            metrics=["impressions_on_spotify", "spend", "reach"],
            granularity="day",
            backfill="2030-01-01",
            statuses="all",
        )
    )
    world.advance(days=3)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN4)
    rows = table(warehouse, "csv_ad_sets", ["date_day"])
    expected = sandbox_daily(world, "AD_SET", "2030-01-01", "2030-01-03")
    assert [
        (r["entity_id"], r["date_day"].isoformat(), r["impressions_on_spotify"])
        for r in rows
    ] == [(e["entity_id"], e["date_day"], e["impressions"]) for e in expected]
    assert [float(r["spend"]) for r in rows] == [e["spend"] for e in expected]
    assert [r["reach"] for r in rows] == [e["reach"] for e in expected]
    assert {
        (r["campaign_name"], r["ad_set_name"], r["ad_set_budget"], r["_source"])
        for r in rows
    } == {("Summer Launch 2030", "US Rock Fans 18-34", Decimal("150"), "async")}


def test_hourly_rows_add_up_to_the_days(world: World) -> None:
    world.write_reports(
        report(
            "hourly",
            level="campaign",
            metrics=["impressions", "spend"],
            granularity="hour",
            backfill="2030-01-01",
            statuses="all",
        )
    )
    world.advance(days=2)
    warehouse = world.warehouse()
    world.sync(warehouse, today=date(2030, 1, 3))
    rows = table(warehouse, "hourly", ["hour_start_utc"])
    assert len(rows) == 48
    assert rows[0]["hour_start_utc"] == datetime(2030, 1, 1, 0)
    assert rows[-1]["hour_start_utc"] == datetime(2030, 1, 2, 23)
    per_day: dict[str, int] = defaultdict(int)
    for row in rows:
        per_day[row["hour_start_utc"].date().isoformat()] += row["impressions"]
    days = sandbox_daily(world, "CAMPAIGN", "2030-01-01", "2030-01-02")
    assert dict(per_day) == {d["date_day"]: d["impressions"] for d in days}


def test_lifetime_snapshots_one_per_sync_day(world: World) -> None:
    world.write_reports(
        report(
            "lifetime",
            level="ad_set",
            metrics=["impressions", "reach", "frequency"],
            granularity="lifetime",
            statuses="all",
        )
    )
    world.advance(days=3)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN4)
    world.sync(warehouse, today=JAN4)  # the same day: replaced, not added
    world.advance(days=1)
    world.sync(warehouse, today=date(2030, 1, 5))
    rows = table(warehouse, "lifetime", ["as_of_date"])
    assert [r["as_of_date"] for r in rows] == [JAN4, date(2030, 1, 5)]
    [latest] = table(warehouse, "lifetime__latest", ["as_of_date"])
    truth = lifetime(world.client, "AD_SET", ["IMPRESSIONS", "REACH", "FREQUENCY"])
    assert {
        "impressions": latest["impressions"],
        "reach": latest["reach"],
        "frequency": latest["frequency"],
    } == {k.lower(): v for k, v in truth[world.setup.ad_set_id].items()}


def test_rollups_never_sum_distinct_counts(world: World) -> None:
    world.advance(days=3)
    warehouse = world.warehouse()
    world.sync(warehouse, today=JAN4)
    rows = table(warehouse, "daily_ads", ["entity_id", "date_day"])
    by_entity = table(warehouse, "daily_ads__by_entity", ["entity_id"])
    for rolled in by_entity:
        own = [r for r in rows if r["entity_id"] == rolled["entity_id"]]
        impressions = sum(r["impressions"] for r in own)
        clicks = sum(r["clicks"] for r in own)
        assert rolled["buckets"] == 3
        assert rolled["impressions"] == impressions
        assert rolled["spend"] == sum(r["spend"] for r in own)
        assert rolled["ctr"] == pytest.approx(clicks * 100 / impressions, rel=1e-12)
        assert (rolled["reach"], rolled["frequency"]) == (None, None)
    by_day = table(warehouse, "daily_ads__by_day", ["date_day"])
    assert [(d["buckets"], d["reach"]) for d in by_day] == [(2, None)] * 3


def test_named_view_joins_manifest_names_and_budgets(world: World) -> None:
    world.write_reports(
        report(
            "ad-set-days",
            level="ad_set",
            metrics=["spend"],
            granularity="day",
            backfill="2030-01-01",
            statuses="all",
        )
    )
    world.advance(days=1)
    warehouse = world.warehouse()
    world.sync(warehouse, today=date(2030, 1, 2))
    [row] = table(warehouse, "ad-set-days".replace("-", "_") + "__named", ["date_day"])
    spend = sandbox_daily(world, "AD_SET", "2030-01-01", "2030-01-01")[0]["spend"]
    assert {
        k: row[k]
        for k in (
            "manifest_address",
            "manifest_name",
            "manifest_campaign",
            "declared_daily_budget",
            "manifest_currency",
            "flight_start_utc",
            "manifest_source",
        )
    } == {
        "manifest_address": "summer-launch-2030/us-rock-fans-18-34",
        "manifest_name": "US Rock Fans 18-34",
        "manifest_campaign": "Summer Launch 2030",
        "declared_daily_budget": Decimal("150"),
        "manifest_currency": "USD",
        "flight_start_utc": datetime(2030, 1, 1, 1),
        "manifest_source": "launch.yaml:6:5",
    }
    assert row["daily_budget_used_pct"] == pytest.approx(spend * 100 / 150)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_file_exports_hold_the_table(world: World, tmp_path: Path, fmt: str) -> None:
    world.advance(days=2)
    warehouse = world.warehouse()
    world.sync(warehouse, today=date(2030, 1, 3))
    destination = parse_destination(f"{fmt}:{tmp_path / 'out'}", root=world.project)
    [written] = export_files(destination, warehouse, world.workspace().reports)
    assert written == tmp_path / "out" / f"daily_ads.{fmt}"
    reader = {"csv": "read_csv", "jsonl": "read_json", "parquet": "read_parquet"}[fmt]
    read = duckdb.connect().execute(
        f"SELECT CAST(entity_id AS VARCHAR), CAST(date_day AS DATE), impressions "
        f"FROM {reader}('{written}') ORDER BY 1, 2"
    )
    expected = [
        (r["entity_id"], r["date_day"], r["impressions"])
        for r in table(warehouse, "daily_ads", ["entity_id", "date_day"])
    ]
    assert read.fetchall() == expected


def test_campaign_filter_reads_only_those_campaigns(world: World) -> None:
    other = every_row(world.client, entity_type="CAMPAIGN", fields=["IMPRESSIONS"])
    assert len(other) == 1
    world.write_reports(
        report(
            "launch-only",
            level="ad",
            metrics=["impressions"],
            granularity="day",
            backfill="2030-01-01",
            statuses="all",
            campaigns=["Summer Launch 2030"],
        )
    )
    world.advance(days=1)
    warehouse = world.warehouse()
    world.sync(warehouse, today=date(2030, 1, 2))
    rows = table(warehouse, "launch_only", ["entity_id"])
    assert sorted(r["entity_id"] for r in rows) == sorted(world.setup.ad_ids)
    assert {stats(r)["IMPRESSIONS"] for r in other} != set()


def test_insight_breakdowns_are_keyed_by_their_value(world: World) -> None:
    world.write_reports(
        report(
            "ages",
            level="ad_set",
            metrics=["impressions_on_spotify", "spend"],
            granularity="lifetime",
            insight_dimension="age",
            statuses="all",
        )
    )
    world.advance(days=2)
    warehouse = world.warehouse()
    world.sync(warehouse, today=date(2030, 1, 3))
    rows = table(warehouse, "ages", ["insight_value"])
    assert len(rows) > 1 and len({r["insight_value"] for r in rows}) == len(rows)
    truth = lifetime(world.client, "AD_SET", ["IMPRESSIONS"])[world.setup.ad_set_id]
    assert sum(r["impressions_on_spotify"] for r in rows) == truth["IMPRESSIONS"]
