"""The CLI: sync, sync --plan, report run, errors, and kill -9 in the middle."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from campaignctl.reports.duckdb_store import DuckDbWarehouse
from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SandboxConfig,
    create_app,
)
from campaignctl.sandbox.server import running
from tests.e2e.conftest import EXAMPLES, Run

from .figures import table
from .manifests import DAILY_ADS, project_files, report

CONFIG = SandboxConfig(
    clock_start="2030-01-01T00:00:00Z", rate_limit=0, processing_ms=0
)


@dataclass
class Served:
    root: str
    project: Path

    def advance(self, **units: float) -> None:
        assert (
            httpx.post(f"{self.root}/_sandbox/advance", json=units).status_code == 200
        )


def environment(root: str) -> dict[str, str]:
    return {
        "CAMPAIGNCTL_API_URL": f"{root}/ads/v3",
        "CAMPAIGNCTL_TOKEN_URL": f"{root}/api/token",
        "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
        "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
        "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
        "NO_COLOR": "1",
    }


class AggregateKiller:
    """The sandbox, plus SIGKILL for ``victim`` at its ``at``-th aggregate request."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.victim = 0
        self.at = 0
        self.seen = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and "aggregate_reports" in scope["path"]:
            self.seen += 1
            if self.victim and self.seen == self.at:
                os.kill(self.victim, signal.SIGKILL)
                return
        await self.app(scope, receive, send)


def project_at(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(EXAMPLES / "quickstart" / "assets", project / "assets")
    for name, text in project_files().items():
        (project / name).write_text(text)
    return project


@pytest.fixture
def served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> Iterator[Served]:
    app = create_app(CONFIG)
    killer = AggregateKiller(app)
    with running(killer) as root:  # type: ignore[arg-type]
        for name, value in environment(root).items():
            monkeypatch.setenv(name, value)
        world = Served(root, project_at(tmp_path))
        world.killer = killer  # type: ignore[attr-defined]
        applied = cli("apply", world.project, "--auto-approve")
        assert applied.code == 0, applied.err
        world.advance(seconds=60)  # review
        world.advance(days=3)
        yield world
    app.state.sandbox.close()


def test_sync_then_plan_through_the_cli(
    served: Served, cli: Callable[..., Run]
) -> None:
    synced = cli("sync", served.project, "--until", "2030-01-03")
    warehouse = served.project / ".campaignctl" / "warehouse.duckdb"
    assert (synced.code, synced.out) == (0, "")
    assert synced.err.splitlines()[-2:] == [
        "  daily-ads sandbox 2030-01-01..2030-01-03: 6 row(s)",
        f"Synced 1 report(s) into duckdb:///{warehouse}: 1 partition(s) replaced, "
        "6 row(s) written.",
    ]
    planned = cli("sync", served.project, "--plan", "--until", "2030-01-04")
    assert (planned.code, planned.out) == (
        0,
        f"Destination: duckdb:///{warehouse}\n"
        "report daily-ads → table daily_ads (table up to date)\n"
        "  aggregate · ad · DAY · 7 metric(s) · lookback 7 day(s) · backfill since "
        "2030-01-01\n"
        "    sandbox: replace 2030-01-01..2030-01-04, 4 day(s), ≥ 1 request(s) "
        "(3 day(s) re-read for late data)\n"
        "\n"
        "Sync plan: 1 partition(s) to replace, at least 1 reporting request(s) "
        "(about 1 s or more at 150 requests / 30 s).\n",
    )


def test_report_run_writes_the_csv(
    served: Served, cli: Callable[..., Run], tmp_path: Path
) -> None:
    (served.project / "reports.yaml").write_text(
        report(
            "ad-sets-csv",
            level="ad_set",
            metrics=["impressions_on_spotify", "spend"],
            granularity="day",
            backfill="2030-01-01",
            statuses="all",
        )
    )
    target = tmp_path / "out.csv"
    ran = cli(
        "report",
        "run",
        "ad-sets-csv",
        served.project,
        "--out",
        target,
        "--until",
        "2030-01-02",
    )
    assert ran.code == 0, ran.err
    lines = target.read_text().splitlines()
    assert lines[0] == "DATE,CAMPAIGN_NAME,AD_SET_NAME,IMPRESSIONS_ON_SPOTIFY,SPEND"
    assert [line.split(",")[:3] for line in lines[1:]] == [
        ["2030-01-01", "Summer Launch 2030", "US Rock Fans 18-34"],
        ["2030-01-02", "Summer Launch 2030", "US Rock Fans 18-34"],
    ]
    assert ran.err.splitlines()[-1] == (
        f"wrote {target} (2 row(s), ad account sandbox)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("report", "run", "daily-ads"),
            "error: report 'daily-ads' cannot run as an async CSV report: metric "
            "IMPRESSIONS exists only in aggregate reports",
            id="aggregate-only",
        ),
        pytest.param(
            ("report", "run", "daily-adz"),
            "error: no report named 'daily-adz' in the manifests",
            id="unknown-report",
        ),
        pytest.param(
            ("sync", "--to", "nonsense"),
            "error: --to 'nonsense' is not a destination campaignctl knows",
            id="bad-destination",
        ),
        pytest.param(
            ("sync", "--report", "weekly"),
            "error: no report named 'weekly'",
            id="unknown-report-filter",
        ),
    ],
)
def test_user_errors_are_one_clear_line(
    tmp_path: Path, cli: Callable[..., Run], args: tuple[str, ...], message: str
) -> None:
    project = project_at(tmp_path)
    command, rest = args[0], args[1:]
    if command == "report":
        ran = cli("report", rest[0], rest[1], project)
    else:
        ran = cli("sync", project, *rest)
    assert ran.code == 1
    assert [line for line in ran.err.splitlines() if line.startswith("error")] == [
        message
    ]


@pytest.mark.parametrize("moment", [1, 3, 5])
def test_kill_minus_nine_mid_sync_then_rerun_equals_a_clean_sync(
    served: Served, cli: Callable[..., Run], moment: int
) -> None:
    (served.project / "reports.yaml").write_text(
        DAILY_ADS.format(backfill="2029-09-01")
    )
    killer: AggregateKiller = served.killer  # type: ignore[attr-defined]
    killer.seen, killer.at = 0, moment
    command = [
        sys.executable,
        "-m",
        "campaignctl",
        "sync",
        str(served.project),
        "--until",
        "2030-01-03",
    ]
    doomed = subprocess.Popen(
        command,
        env={**os.environ, **environment(served.root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    killer.victim = doomed.pid
    assert doomed.wait(timeout=60) == -signal.SIGKILL
    killer.victim = 0
    left = DuckDbWarehouse(served.project / ".campaignctl" / "warehouse.duckdb")
    state = left.state("daily-ads", "00000000-0000-4000-a000-000000000001")
    rows = (
        table(left, "daily_ads", ["date_day"])
        if left.table_columns("daily_ads")
        else []
    )
    left.close()
    # chunk 1 (2029-09-01..11-29: 180 rows) takes 4 pages of 50 rows
    if moment < 5:  # killed while reading chunk 1: nothing was committed
        assert (state, rows) == (None, [])
    else:  # killed at chunk 2's first page: chunk 1 and its watermark are in
        assert state is not None and state.watermark == date(2029, 11, 29)
        assert (len(rows), rows[-1]["date_day"]) == (180, date(2029, 11, 29))
    rerun = cli("sync", served.project, "--until", "2030-01-03")
    assert rerun.code == 0, rerun.err
    clean_file = served.project / "clean.duckdb"
    clean = cli("sync", served.project, "--until", "2030-01-03", "--to", clean_file)
    assert clean.code == 0, clean.err
    kept = DuckDbWarehouse(served.project / ".campaignctl" / "warehouse.duckdb")
    fresh = DuckDbWarehouse(clean_file)
    order = ["entity_id", "date_day"]
    assert table(kept, "daily_ads", order) == table(fresh, "daily_ads", order)
    assert len(table(kept, "daily_ads", order)) == 2 * 125
    kept.close()
    fresh.close()
