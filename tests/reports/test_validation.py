"""Every report rule: exact message, rule id, severity and file:line:col."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from campaignctl.errors import Location
from campaignctl.manifest import inspect_workspace
from campaignctl.reports.definition import Account, Backfill, ReportDefinition

PROJECT = """\
accounts:
  sandbox:
    id: 00000000-0000-4000-a000-000000000001
    currency: USD
  eu:
    id: 00000000-0000-4000-a000-000000000002
    currency: EUR
defaults:
  account: sandbox
"""
CAMPAIGNS = """\
apiVersion: campaignctl/v1
kind: Campaign
name: Launch
objective: REACH
---
apiVersion: campaignctl/v1
kind: Campaign
account: eu
name: EU Launch
objective: REACH
"""
HEAD = "apiVersion: campaignctl/v1\nkind: Report\n"
E, W = "error", "warning"


def found(tmp_path: Path, body: str) -> list[tuple[int, int, str, str | None, str]]:
    (tmp_path / "campaignctl.yaml").write_text(PROJECT)
    (tmp_path / "campaigns.yaml").write_text(CAMPAIGNS)
    (tmp_path / "reports.yaml").write_text(HEAD + body)
    inspection = inspect_workspace([tmp_path])
    return [
        (d.location.line, d.location.col, d.severity.value, d.rule, d.message)
        for d in inspection.diagnostics
        if d.location and d.location.file.endswith("reports.yaml")
    ]


def ok(**fields: str) -> str:
    """A valid report with ``fields`` replaced (None-valued keys dropped)."""
    base = {
        "name": "daily",
        "level": "ad_set",
        "metrics": "[impressions, spend]",
        "granularity": "day",
        "statuses": "all",
    }
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items() if v != "-")


CASES = [
    pytest.param(ok(), [], id="valid"),
    pytest.param(
        ok(name="-"),
        [(1, 1, E, "SPA-02", "missing required field 'name'")],
        id="SPA-02-name",
    ),
    pytest.param(
        ok(metrics="-"),
        [(1, 1, E, "SPA-02", "missing required field 'metrics'")],
        id="SPA-02-metrics",
    ),
    pytest.param(
        ok(granularity="-"),
        [(1, 1, E, "SPA-02", "missing required field 'granularity'")],
        id="SPA-02-granularity",
    ),
    pytest.param(
        ok(level="-"),
        [(1, 1, E, "SPA-02", "missing required field 'level'")],
        id="SPA-02-level",
    ),
    pytest.param(
        ok(name="x"),
        [(3, 7, E, "SPA-03", "report name must be 2 to 120 characters (got 1)")],
        id="SPA-03-length",
    ),
    pytest.param(
        ok(name="'daily (all)'"),
        [
            (
                3,
                7,
                E,
                "SPA-03",
                "report name 'daily (all)' may contain only letters, digits, '_' "
                "and '-'",
            )
        ],
        id="SPA-03-characters",
    ),
    pytest.param(
        ok(name="daily ads"),
        [
            (
                3,
                7,
                W,
                "SPA-03",
                "report name 'daily ads' contains spaces; Spotify documents only "
                "letters, digits, '_' and '-'",
            )
        ],
        id="SPA-03-space-warns",
    ),
    pytest.param(
        ok(endpoint="async", metrics="[spend, clicks]", granularity="hour"),
        [(6, 14, E, "SPA-04", "async reports have no HOUR granularity")],
        id="SPA-04",
    ),
    pytest.param(
        ok(level="-", dimensions="[CAMPAIGN_NAME, AD_SET_NAMES]"),
        [(7, 29, E, "SPA-05", "'AD_SET_NAMES' is not a report dimension")],
        id="SPA-05-unknown",
    ),
    pytest.param(
        ok(level="-", dimensions="[]"),
        [(7, 13, E, "SPA-05", "give at least one dimension (or use level)")],
        id="SPA-05-empty",
    ),
    pytest.param(
        ok(level="-", dimensions="[CAMPAIGN_NAME, COUNTRY]"),
        [(7, 29, E, "SPA-06", "'COUNTRY' is not a report dimension")],
        id="SPA-06-insight-word",
    ),
    pytest.param(
        ok(dimensions="[CAMPAIGN_NAME]"),
        [
            (
                4,
                8,
                E,
                "SPA-06",
                "level AD_SET does not match the dimensions, whose lowest level is "
                "CAMPAIGN",
            )
        ],
        id="SPA-06-level-mismatch",
    ),
    pytest.param(
        ok(endpoint="async", metrics="[IMPRESSIONS, spend]"),
        [
            (
                5,
                11,
                E,
                "SPA-07",
                "IMPRESSIONS is an aggregate report field, not an async report metric",
            )
        ],
        id="SPA-07-aggregate-name",
    ),
    pytest.param(
        ok(endpoint="async", metrics="[spend, intent_rate]"),
        [
            (
                5,
                18,
                W,
                "SPA-07",
                "INTENT_RATE is deprecated by the API and may report 0 or stop working",
            )
        ],
        id="SPA-07-deprecated-warns",
    ),
    pytest.param(
        ok(endpoint="async", metrics="[spend, clicks]", statuses="[ACTIVE, PAUSED]"),
        [(7, 20, E, "SPA-08", "PAUSED is not a AD_SET status in async reports")],
        id="SPA-08",
    ),
    pytest.param(
        ok(statuses="-"),
        [(1, 1, E, "SPA-09", "missing required field 'statuses'")],
        id="SPA-09",
    ),
    pytest.param(
        ok(
            endpoint="async",
            metrics="[spend, clicks]",
            level="ad_account",
            campaigns="[Launch]",
        ),
        [
            (
                9,
                12,
                W,
                "SPA-10",
                "async reports ignore campaigns: when the entity level is AD_ACCOUNT",
            )
        ],
        id="SPA-10-warns",
    ),
    pytest.param(
        ok(backfill="2030-01-01T06:00:00Z"),
        [
            (
                8,
                11,
                E,
                "SPA-13",
                "backfill '2030-01-01T06:00:00Z' must start at UTC midnight: day "
                "reports cover whole UTC days",
            )
        ],
        id="SPA-13",
    ),
    pytest.param(
        ok(metrics="[spend, clicks]", insight_dimension="age"),
        [
            (
                8,
                20,
                E,
                "SPA-16",
                "insight_dimension breaks down LIFETIME reports only (this one is DAY)",
            )
        ],
        id="SPA-16",
    ),
    pytest.param(
        ok(level="adset"),
        [(4, 8, E, "SPG-01", "'adset' is not an entity level")],
        id="SPG-01",
    ),
    pytest.param(
        ok(endpoint="aggregate", metrics="[spend, cpm]"),
        [
            (
                5,
                18,
                E,
                "SPG-02",
                "CPM is an async report metric, not an aggregate report field",
            )
        ],
        id="SPG-02-async-name",
    ),
    pytest.param(
        ok(metrics="[spend, E_CPM]"),
        [(5, 18, E, "SPG-02", "metric 'E_CPM' is no longer offered by the API")],
        id="SPG-02-removed",
    ),
    pytest.param(
        ok(metrics="[spend, skips]"),
        [
            (
                5,
                18,
                W,
                "SPG-02",
                "SKIPS is deprecated by the API and may report 0 or stop working",
            )
        ],
        id="SPG-02-deprecated-warns",
    ),
    pytest.param(
        ok(granularity="week"),
        [(6, 14, E, "SPG-03", "'week' is not a granularity")],
        id="SPG-03",
    ),
    pytest.param(
        ok(granularity="hour", backfill="'30 days'"),
        [
            (
                8,
                11,
                W,
                "SPG-04",
                "HOUR reports cover only the last 14 days; older hours can never "
                "be read",
            )
        ],
        id="SPG-04-warns",
    ),
    pytest.param(
        ok(granularity="lifetime", backfill="'30 days'"),
        [
            (
                8,
                11,
                W,
                "SPG-05",
                "LIFETIME reports are snapshots of all-time totals; backfill is "
                "ignored",
            )
        ],
        id="SPG-05-warns",
    ),
    pytest.param(
        ok(level="ad_account", campaigns="[Launch]"),
        [
            (
                8,
                12,
                E,
                "SPG-07",
                "aggregate reports at level AD_ACCOUNT cannot be limited to campaigns",
            )
        ],
        id="SPG-07",
    ),
    pytest.param(
        ok(level="ad", statuses="[ACTIVE]"),
        [(7, 12, E, "SPG-08", "ACTIVE is not a AD status in aggregate reports")],
        id="SPG-08-level",
    ),
    pytest.param(
        ok(level="ad_account", statuses="[ACTIVE]"),
        [
            (
                7,
                11,
                E,
                "SPG-08",
                "aggregate reports cannot filter the ad account by status",
            )
        ],
        id="SPG-08-account",
    ),
    pytest.param(
        ok(metrics="[impressions, cpm]"),
        [
            (
                1,
                1,
                E,
                "RPT-01",
                "no endpoint can serve this report: metric CPM needs an async report, "
                "but metric IMPRESSIONS needs an aggregate report",
            )
        ],
        id="RPT-01",
    ),
    pytest.param(
        ok(metrics="[impresions]"),
        [(5, 11, E, "RPT-02", "unknown metric 'impresions'")],
        id="RPT-02-unknown",
    ),
    pytest.param(
        ok(metrics="[COMPLETES, AD_COMPLETES]"),
        [(5, 22, E, "RPT-02", "metric 'AD_COMPLETES' is listed twice (as completes)")],
        id="RPT-02-twice",
    ),
    pytest.param(
        ok(metrics="[spend, purchases]", lookback_days="10"),
        [
            (
                8,
                16,
                E,
                "RPT-03",
                "lookback_days 10 is shorter than the 30-day attribution window of "
                "the conversion metrics (purchases)",
            )
        ],
        id="RPT-03",
    ),
    pytest.param(
        ok(accounts="[sandbox, us]"),
        [(8, 21, E, "RPT-04", "unknown account 'us'")],
        id="RPT-04",
    ),
    pytest.param(
        ok(campaigns="[Lunch]"),
        [(8, 13, E, "RPT-05", "no campaign manifest named 'Lunch'")],
        id="RPT-05-unknown",
    ),
    pytest.param(
        ok(accounts="[sandbox]", campaigns="[EU Launch]"),
        [
            (
                9,
                13,
                E,
                "RPT-05",
                "campaign 'EU Launch' is in ad account "
                "00000000-0000-4000-a000-000000000002, which this report does not "
                "cover",
            )
        ],
        id="RPT-05-other-account",
    ),
    pytest.param(
        ok() + "---\n" + HEAD + ok(name="DAILY"),
        [
            (
                9,
                1,
                E,
                "RPT-06",
                "report 'DAILY' has the same table ('daily') as report 'daily'",
            )
        ],
        id="RPT-06",
    ),
    pytest.param(
        ok(endpoint="aggregate", attribution_window="impression_7_day"),
        [
            (
                9,
                21,
                E,
                "RPT-07",
                "aggregate reports have no attribution window parameter (they report "
                "IMPRESSION_30_DAY), so IMPRESSION_7_DAY needs an async report",
            )
        ],
        id="RPT-07",
    ),
    pytest.param(
        ok(backfill="'3 weeks'"),
        [(8, 11, E, "RPT-08", "backfill '3 weeks' is not a window")],
        id="RPT-08-backfill",
    ),
    pytest.param(
        ok(lookback_days="400"),
        [(8, 16, E, "RPT-08", "lookback_days must be 0 to 365 (got 400)")],
        id="RPT-08-lookback",
    ),
    pytest.param(
        ok(endpoint="aggregate", level="-", dimensions="[AD_SET_NAME]"),
        [(8, 13, E, "RPT-09", "aggregate reports have no dimensions")],
        id="RPT-09",
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_report_rules(
    tmp_path: Path, body: str, expected: list[tuple[int, int, str, str, str]]
) -> None:
    assert found(tmp_path, body) == expected


def test_no_account_at_all(tmp_path: Path) -> None:
    (tmp_path / "reports.yaml").write_text(HEAD + ok())
    inspection = inspect_workspace([tmp_path])
    assert [(d.rule, d.message) for d in inspection.errors] == [
        (
            "RPT-04",
            "accounts: all names no account: campaignctl.yaml declares none and no "
            "campaign manifest names one",
        )
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    body = ok(
        name="'x!'", metrics="[nope]", granularity="week", statuses="-", backfill="x"
    )
    assert [rule for *_, rule, _ in found(tmp_path, body)] == [
        "SPA-09",  # missing statuses (at the document)
        "SPA-03",
        "RPT-02",
        "SPG-03",
        "RPT-08",
    ]


def test_a_valid_report_becomes_its_definition(tmp_path: Path) -> None:
    body = ok(
        name="Daily-Ad-Sets",
        metrics="[IMPRESSIONS, spend, PLAYED_TO_100, purchases]",
        campaigns="[Launch]",
        backfill="'3 months'",
        statuses="[ACTIVE, COMPLETED]",
    )
    found(tmp_path, body)
    [definition] = inspect_workspace([tmp_path]).workspace.reports  # type: ignore[union-attr]
    assert definition.model_copy(update={"source": None}) == ReportDefinition(
        name="Daily-Ad-Sets",
        table="daily_ad_sets",
        endpoint="aggregate",
        level="AD_SET",
        granularity="DAY",
        metrics=("impressions", "spend", "completes", "purchases"),
        statuses=("ACTIVE", "COMPLETED"),
        backfill=Backfill(months=3),
        lookback_days=30,  # conversions: the attribution window
        accounts=(
            Account(id="00000000-0000-4000-a000-000000000002", alias="eu"),
            Account(id="00000000-0000-4000-a000-000000000001", alias="sandbox"),
        ),
        campaigns=("Launch",),
    )
    assert isinstance(definition.source, Location)
    assert definition.source.line == 1
    assert Backfill(months=3).start(date(2030, 5, 31)) == date(2030, 2, 28)


def test_a_broken_campaign_gets_no_second_error_from_its_reports(
    tmp_path: Path,
) -> None:
    (tmp_path / "campaignctl.yaml").write_text(PROJECT)
    (tmp_path / "campaigns.yaml").write_text(CAMPAIGNS.replace("REACH", "REECH", 1))
    (tmp_path / "reports.yaml").write_text(HEAD + ok(campaigns="[Launch]"))
    inspection = inspect_workspace([tmp_path])
    assert [d.location.file.endswith("campaigns.yaml") for d in inspection.errors] == [
        True  # type: ignore[union-attr]
    ]
