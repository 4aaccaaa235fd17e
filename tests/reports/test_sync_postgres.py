"""The same syncs into a real PostgreSQL server: same rows as DuckDB, exactly once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from campaignctl.errors import ApiError, WarehouseError
from campaignctl.reports.destinations import open_warehouse, parse_destination
from campaignctl.reports.postgres_store import PostgresWarehouse
from campaignctl.sandbox import SyncASGITransport

from .conftest import World, in_process_api
from .figures import daily_figures, sandbox_daily, table
from .manifests import DAILY_ADS
from .test_sync_duckdb import FailingChunk, state

JAN = {day: date(2030, 1, day) for day in range(1, 32)}
ORDER = ["entity_id", "date_day"]


def postgres(url: str) -> PostgresWarehouse:
    warehouse = open_warehouse(parse_destination(url, root=Path()))
    assert isinstance(warehouse, PostgresWarehouse)
    return warehouse


def test_sync_into_postgres_matches_duckdb_and_the_sandbox(
    world: World, postgres_url: str
) -> None:
    world.advance(days=3)
    pg, duck = postgres(postgres_url), world.warehouse()
    world.sync(pg, today=JAN[4])
    world.sync(duck, today=JAN[4])
    assert daily_figures(pg) == sandbox_daily(world, "AD", "2030-01-01", "2030-01-03")
    assert table(pg, "daily_ads", ORDER) == table(duck, "daily_ads", ORDER)
    assert table(pg, "daily_ads__by_entity", ["entity_id"]) == table(
        duck, "daily_ads__by_entity", ["entity_id"]
    )
    assert table(pg, "daily_ads__named", ORDER) == table(
        duck, "daily_ads__named", ORDER
    )
    pg.close()


def test_postgres_second_sync_is_identical_and_later_sync_updates(
    world: World, postgres_url: str
) -> None:
    world.advance(days=3)
    pg = postgres(postgres_url)
    world.sync(pg, today=JAN[4])
    before = table(pg, "daily_ads", ORDER)
    world.sync(pg, today=JAN[4])
    assert table(pg, "daily_ads", ORDER) == before
    world.advance(days=2)
    world.sync(pg, today=JAN[6])
    assert daily_figures(pg) == sandbox_daily(world, "AD", "2030-01-01", "2030-01-05")
    assert state(pg)["watermark"] == JAN[5]
    pg.close()


def test_postgres_interrupted_sync_keeps_partitions_and_watermark_together(
    world: World, postgres_url: str
) -> None:
    world.write_reports(DAILY_ADS.format(backfill="2029-09-01"))
    world.advance(days=3)
    pg = postgres(postgres_url)
    broken = FailingChunk(SyncASGITransport(world.app), "2029-11-30T00:00:00Z")
    with pytest.raises(ApiError):
        world.sync(pg, today=JAN[4], api=in_process_api(world.app, transport=broken))
    assert state(pg)["watermark"] == date(2029, 11, 29)
    assert len(table(pg, "daily_ads", ORDER)) == 180
    world.sync(pg, today=JAN[4])
    clean = world.warehouse()
    world.sync(clean, today=JAN[4])
    assert table(pg, "daily_ads", ORDER) == table(clean, "daily_ads", ORDER)
    pg.close()


def test_unreachable_postgres_is_a_clear_error(postgres_server: str) -> None:
    port = int(postgres_server.rsplit(":", 1)[1])
    url = f"postgresql://someone:s3cret-pw@127.0.0.1:{port + 1}/nowhere"
    with pytest.raises(WarehouseError) as raised:
        postgres(url)
    assert raised.value.message.startswith(
        f"cannot connect to PostgreSQL at postgresql://someone@127.0.0.1:{port + 1}"
        "/nowhere: "
    )
    assert "s3cret-pw" not in raised.value.render()
