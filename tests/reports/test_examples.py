"""examples/quickstart declares reports; they validate, sync and run as CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Run


def test_quickstart_reports_sync_into_duckdb(
    cli: Callable[..., Run], quickstart: Path
) -> None:
    assert cli("validate", quickstart).code == 0
    assert cli("--sandbox", "apply", quickstart, "--auto-approve").code == 0
    synced = cli("--sandbox", "sync", quickstart)
    assert synced.code == 0, synced.err
    assert synced.err.splitlines()[-1].endswith(
        ": 3 partition(s) replaced, 242 row(s) written."
    )  # 90 days x 2 ad sets, 2 lifetime rows, 30 days x 2 ad sets (CSV)
    planned = cli("sync", quickstart, "--plan")
    assert planned.code == 0
    assert "report launch-ad-sets-daily → table launch_ad_sets_daily" in planned.out
    target = quickstart / "ad-sets.csv"
    ran = cli(
        "--sandbox", "report", "run", "launch-ad-sets-csv", quickstart, "--out", target
    )
    assert ran.code == 0, ran.err
    header = target.read_text().splitlines()[0]
    assert header == (
        "DATE,CAMPAIGN_NAME,AD_SET_NAME,AD_SET_BUDGET,IMPRESSIONS_ON_SPOTIFY,"
        "SPEND,REACH,CPM,AD_COMPLETES"
    )
