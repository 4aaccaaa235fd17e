"""``--to`` parsing, and reporting requests under the reporting rate limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaignctl.errors import ConfigError
from campaignctl.output import redact
from campaignctl.provider.ratelimit import is_reporting
from campaignctl.reports.destinations import Destination, parse_destination

ROOT = Path("/work/project")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            None,
            Destination(
                "duckdb",
                "duckdb:////work/project/.campaignctl/warehouse.duckdb",
                path=ROOT / ".campaignctl" / "warehouse.duckdb",
            ),
        ),
        (
            "duckdb:///tmp/ads.duckdb",
            Destination(
                "duckdb", "duckdb:////tmp/ads.duckdb", path=Path("/tmp/ads.duckdb")
            ),
        ),
        (
            "/data/ads.db",
            Destination("duckdb", "duckdb:////data/ads.db", path=Path("/data/ads.db")),
        ),
        (
            "parquet:///exports",
            Destination(
                "files",
                "parquet:/exports",
                path=ROOT / ".campaignctl" / "warehouse.duckdb",
                export_format="parquet",
                export_dir=Path("/exports"),
            ),
        ),
        (
            "postgresql://ads:pw-1234@db.internal:5433/warehouse",
            Destination(
                "postgresql",
                "postgresql://ads@db.internal:5433/warehouse",
                url="postgresql://ads:pw-1234@db.internal:5433/warehouse",
            ),
        ),
    ],
)
def test_destinations(text: str | None, expected: Destination) -> None:
    assert parse_destination(text, root=ROOT) == expected


def test_a_postgres_password_is_never_printed() -> None:
    parse_destination("postgres://ads:hunter-22@db/warehouse", root=ROOT)
    assert redact("password hunter-22") == "password ***"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mysql://db/x", "--to 'mysql://db/x' is not a destination campaignctl knows"),
        ("duckdb:", "--to names no path"),
        ("postgresql://db:notaport/x", "--to: the PostgreSQL URL has an invalid port"),
    ],
)
def test_bad_destinations(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_destination(text, root=ROOT)
    assert raised.value.message == message


@pytest.mark.parametrize(
    "path",
    [
        "/ad_accounts/a/aggregate_reports",
        "/ad_accounts/a/async_reports",
        "/ad_accounts/a/async_reports/r",
    ],
)
def test_report_requests_use_the_reporting_rate_limit(path: str) -> None:
    assert is_reporting(path)  # a tenth of the general rate: 150 per 30 s
