"""Rows per second into DuckDB and PostgreSQL (printed figures, not timed tests).

    .venv/bin/python bench/sync.py [--rows 100000] [--postgres URL] [--repeat 3]

1. Load: ``--rows`` synthetic rows of a DAY ad report (8 metrics: counts,
   money as exact decimals, rates) written the way a sync writes a partition:
   one transaction that deletes the partition, inserts the rows and moves the
   watermark. Measured for a first load and for a replace of the same
   partition (the lookback re-read), best of ``--repeat``.
2. End to end: a sandbox with 40 delivering ads over 60 days, synced through
   the real provider (aggregate pages of 50 rows, continuation tokens,
   validation, rows, warehouse): rows per second of the whole ``sync``.

PostgreSQL: ``--postgres URL``, or a throwaway cluster started with the test
helper (``initdb`` + ``pg_ctl``) when PostgreSQL is installed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from campaignctl.reports.definition import Account, Backfill, ReportDefinition
from campaignctl.reports.destinations import open_warehouse, parse_destination
from campaignctl.reports.rows import Row
from campaignctl.reports.sql import Partition, SqlWarehouse, SyncState
from campaignctl.reports.tables import report_table, shape_of

ACCOUNT = "00000000-0000-4000-a000-000000000001"
DEFINITION = ReportDefinition(
    name="bench-daily",
    table="bench_daily",
    endpoint="aggregate",
    level="AD",
    granularity="DAY",
    metrics=(
        *("impressions", "spend", "clicks", "ctr", "reach", "frequency"),
        *("completes", "completion_rate"),
    ),
    backfill=Backfill(days=365),
    accounts=(Account(id=ACCOUNT),),
)


def synthetic_rows(count: int, first: date) -> list[Row]:
    ads = max(1, count // 365)
    rows = []
    for n in range(count):
        ad, day = divmod(n, 365) if ads > 1 else (0, n)
        impressions = 1000 + n % 997
        rows.append(
            {
                "ad_account_id": ACCOUNT,
                "entity_id": f"00000000-0000-4000-8000-{ad:012d}",
                "date_day": first + timedelta(days=day % 365),
                "attribution_window": "IMPRESSION_30_DAY",
                "entity_name": f"Spot {ad}",
                "entity_status": "APPROVED",
                "parent_id": "00000000-0000-4000-9000-000000000001",
                "parent_name": "US Fans",
                "impressions": impressions,
                "spend": Decimal(impressions) * Decimal("0.015123"),
                "clicks": impressions // 200,
                "ctr": 0.5,
                "reach": impressions - 7,
                "frequency": 1.007,
                "completes": impressions * 3 // 4,
                "completion_rate": 75.0,
                "_report_key": DEFINITION.key,
                "_source": "aggregate",
                "_is_final": True,
            }
        )
    return rows


def load(warehouse: SqlWarehouse, rows: list[Row], first: date) -> float:
    """Seconds to replace the partition holding ``rows`` (one transaction)."""
    table = report_table(DEFINITION)
    last = max(r["date_day"] for r in rows)
    partition = Partition(
        ACCOUNT, "date_day", first, last + timedelta(days=1), "IMPRESSION_30_DAY"
    )
    state = SyncState(
        DEFINITION.name, ACCOUNT, DEFINITION.key, shape_of(DEFINITION), watermark=last
    )
    warehouse.prepare([table])
    began = time.perf_counter()
    warehouse.replace(table, partition, rows, state)
    return time.perf_counter() - began


def bench_load(name: str, url: str, rows: int, repeat: int) -> None:
    first = date(2030, 1, 1)
    data = synthetic_rows(rows, first)
    firsts, replaces = [], []
    for attempt in range(repeat):
        target = url.replace("{n}", str(attempt))
        warehouse = open_warehouse(parse_destination(target, root=Path.cwd()))
        firsts.append(load(warehouse, data, first))
        replaces.append(load(warehouse, data, first))
        warehouse.close()
    print(
        f"  {name:<10} first load {rows / min(firsts):>10,.0f} rows/s   "
        f"replace (delete + insert) {rows / min(replaces):>10,.0f} rows/s"
    )


def bench_end_to_end(name: str, url: str, ads: int, days: int) -> None:
    import httpx

    from campaignctl.manifest import load_workspace
    from campaignctl.provider.reporting import ReportingApi
    from campaignctl.reports.steps import plan_steps
    from campaignctl.reports.sync import Syncer
    from campaignctl.sandbox import SandboxConfig, SyncASGITransport, create_app
    from tests.conftest import SandboxBearer
    from tests.reports.conftest import ROOT, in_process_api
    from tests.sandbox.reporting import delivering

    app = create_app(
        SandboxConfig(clock_start="2030-01-01T00:00:00Z", rate_limit=0, processing_ms=0)
    )
    transport = SyncASGITransport(app)
    with httpx.Client(
        transport=transport,
        base_url=f"{ROOT}/ads/v3",
        auth=SandboxBearer(transport, ROOT),
    ) as client:
        campaign = None
        for n in range(ads // 2):
            setup = delivering(client, ads=2, campaign_id=campaign, name=f"Set {n}")
            campaign = setup.campaign_id
        client.post(f"{ROOT}/_sandbox/advance", json={"days": days})
    project = Path(tempfile.mkdtemp())
    (project / "campaignctl.yaml").write_text(
        f"accounts:\n  sandbox:\n    id: {ACCOUNT}\n"
    )
    (project / "reports.yaml").write_text(
        "apiVersion: campaignctl/v1\nkind: Report\nname: bench-daily\nlevel: ad\n"
        "metrics: [impressions, spend, clicks, ctr, reach, frequency, completes]\n"
        "granularity: day\nbackfill: 2030-01-01\nstatuses: all\n"
    )
    workspace = load_workspace([project])
    today = date(2030, 1, 1) + timedelta(days=days)
    warehouse = open_warehouse(parse_destination(url, root=project))
    api = in_process_api(app)
    steps = plan_steps(workspace.reports, warehouse, today=today)
    syncer = Syncer(api, ReportingApi(api.client), warehouse, today=today)
    began = time.perf_counter()
    result = syncer.run(steps, workspace.reports, lambda step, rows: None)
    elapsed = time.perf_counter() - began
    requests = api.client.request_counts()
    print(
        f"  {name:<10} {result.rows:,} rows in {elapsed:.2f} s = "
        f"{result.rows / elapsed:,.0f} rows/s "
        f"({requests.get('getAggregateReport', 0)} report pages, "
        f"{sum(requests.values())} requests)"
    )
    warehouse.close()
    app.state.sandbox.close()
    shutil.rmtree(project, ignore_errors=True)


@contextmanager
def postgres(url: str | None) -> Iterator[Callable[[str], str] | None]:
    """A function making a fresh database URL, or None without PostgreSQL."""
    import psycopg

    if url is None:
        from tests.reports.postgres import binaries, cluster

        if binaries() is None:
            yield None
            return
        with cluster() as server:
            yield _databases(server, psycopg)
        return
    yield _databases(url.rsplit("/", 1)[0], psycopg)


def _databases(server: str, psycopg: object) -> Callable[[str], str]:
    def fresh(name: str) -> str:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as con:  # type: ignore[attr-defined]
            con.execute(f'DROP DATABASE IF EXISTS "{name}"'.encode())
            con.execute(f'CREATE DATABASE "{name}"'.encode())
        return f"{server}/{name}"

    return fresh


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", help="postgresql://user@host:port/db")
    parser.add_argument("--ads", type=int, default=40)
    parser.add_argument("--days", type=int, default=60)
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    with ExitStack() as stack:
        fresh = stack.enter_context(postgres(options.postgres))
        targets = [("DuckDB", f"duckdb://{scratch}/load-{{n}}.duckdb")]
        if fresh is not None:
            targets.append(("PostgreSQL", "pg"))
        print(f"Load: {options.rows:,} rows of a DAY ad report (8 metrics)")
        for name, url in targets:
            if url == "pg":
                assert fresh is not None
                urls = [fresh(f"bench_load_{n}") for n in range(options.repeat)]
                url = urls[0].rsplit("/", 1)[0] + "/bench_load_{n}"
            bench_load(name, url, options.rows, options.repeat)
        print(
            f"End to end: sandbox, {options.ads} ads x {options.days} days, "
            "aggregate report pages of 50 rows"
        )
        for name, url in targets:
            if url == "pg":
                assert fresh is not None
                url = fresh("bench_sync")
            else:
                url = f"duckdb://{scratch}/sync.duckdb"
            bench_end_to_end(name, url, options.ads, options.days)
        if fresh is None:
            print("  PostgreSQL: not installed (apt-get install postgresql), skipped")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
