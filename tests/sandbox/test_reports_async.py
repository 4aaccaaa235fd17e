"""BRIEF §11 rule 14 / research §2a (SPA-*): async CSV reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from .helpers import ACCOUNT, path
from .reporting import (
    DAILY_REPORT,
    PODCAST,
    Setup,
    advance,
    create_report,
    delivering,
    lifetime,
    report_csv,
)

URL = path("async_reports")
UNKNOWN = "11111111-1111-4111-8111-111111111111"
OTHER = "22222222-2222-4222-8222-222222222222"


@dataclass
class World:
    client: httpx.Client
    live: Setup  # MUSIC + PODCAST, two ads
    other: Setup  # another campaign, one ad


@pytest.fixture
def world(sandbox_client: httpx.Client) -> World:
    live = delivering(sandbox_client, ads=2, targets=PODCAST)
    other = delivering(sandbox_client, name="Second Set")
    advance(sandbox_client, days=6)
    return World(sandbox_client, live, other)


def _refused(client: httpx.Client, **changes: Any) -> list[str]:
    body = {k: v for k, v in (DAILY_REPORT | changes).items() if v is not None}
    reply = client.post(URL, json=body)
    assert reply.status_code == 400, reply.text
    return list(reply.json()["messages"])


def test_name_is_2_to_120_letters_digits_spaces_underscores_hyphens(
    world: World,
) -> None:
    charset = (
        "name: may contain only letters, digits, spaces, '_' and '-' "
        "(no other special characters)"
    )
    assert _refused(world.client, name="a") == ["name: must be 2 to 120 characters"]
    assert _refused(world.client, name="Q1 report!") == [charset]
    assert _refused(world.client, name="x" * 121) == [
        "name: must be 2 to 120 characters"
    ]
    assert _refused(world.client, name=None) == ["name: is required"]
    create_report(world.client, name="My daily campaign report")
    create_report(world.client, name="weekly_report-2030")


def test_granularity_is_day_or_lifetime(world: World) -> None:
    assert _refused(world.client, granularity="HOUR") == [
        "granularity: HOUR is not available for async reports; use DAY or LIFETIME"
    ]


def test_day_bounds_are_midnights_in_whole_hours_within_365_days(
    world: World,
) -> None:
    assert _refused(world.client, report_start=None, report_end=None) == [
        "report_start: is required for DAY granularity",
        "report_end: is required for DAY granularity",
    ]
    assert _refused(
        world.client,
        report_start="2030-01-01T05:00:00Z",
        report_end="2030-01-02T00:30:00Z",
    ) == [
        "report_end: must be a whole hour (minutes and seconds 0)",
        "report_start: DAY reports need UTC midnight (T00:00:00Z) bounds",
    ]
    assert _refused(world.client, report_end="2031-01-02T00:00:00Z") == [
        "report_end: must be within 365 days of report_start"
    ]
    create_report(world.client, report_end="2031-01-01T00:00:00Z")


def test_lifetime_bounds_are_truncated_to_midnight(world: World) -> None:
    report = create_report(
        world.client,
        granularity="LIFETIME",
        report_start="2030-01-02T05:00:00Z",
        report_end="2030-01-03T07:00:00Z",
        metrics=["IMPRESSIONS_ON_SPOTIFY", "IMPRESSIONS_OFF_SPOTIFY"],
    )
    rows = report_csv(world.client, report)
    expected = lifetime(
        world.client,
        "AD_SET",
        ["IMPRESSIONS", "OFF_SPOTIFY_IMPRESSIONS"],
        report_start="2030-01-02T00:00:00Z",
        report_end="2030-01-03T00:00:00Z",
    )[world.live.ad_set_id]
    assert rows[1] == [
        "Summer Launch 2030",
        "US Rock Fans 18-34",
        str(expected["IMPRESSIONS"] - expected["OFF_SPOTIFY_IMPRESSIONS"]),
        str(expected["OFF_SPOTIFY_IMPRESSIONS"]),
    ]


def test_statuses_are_checked_against_the_primary_entity(world: World) -> None:
    assert _refused(world.client, statuses=["PAUSED", "STOPPED", "READY"]) == [
        "statuses: 'READY' is not one of ACTIVE, COMPLETED, STOPPED, PAUSED, "
        "PENDING_APPROVAL, REJECTED",
        "statuses: PAUSED is not valid for the primary entity AD_SET "
        "(ACTIVE, COMPLETED, PENDING_APPROVAL, REJECTED)",
        "statuses: STOPPED is not valid for the primary entity AD_SET "
        "(ACTIVE, COMPLETED, PENDING_APPROVAL, REJECTED)",
    ]
    campaigns = create_report(
        world.client,
        dimensions=["AD_ACCOUNT_NAME", "CAMPAIGN_NAME"],
        statuses=["PAUSED"],
    )
    assert report_csv(world.client, campaigns) == [
        ["DATE", "AD_ACCOUNT_NAME", "CAMPAIGN_NAME", "SPEND"]
    ]  # no campaign is paused


def test_the_primary_entity_is_the_lowest_dimension(world: World) -> None:
    ads = create_report(
        world.client, granularity="LIFETIME", dimensions=["AD_NAME", "CAMPAIGN_NAME"]
    )
    rows = report_csv(world.client, ads)
    assert [row[:2] for row in rows] == [
        ["AD_NAME", "CAMPAIGN_NAME"],
        ["Spot 1", "Summer Launch 2030"],
        ["Spot 2", "Summer Launch 2030"],
        ["Spot 1", "Summer Launch 2030"],
    ]


def test_campaign_ids_filter_campaigns_and_are_ignored_for_the_account(
    world: World,
) -> None:
    assert _refused(world.client, campaign_ids=[UNKNOWN]) == [
        f"campaign_ids: campaign {UNKNOWN} does not exist in ad account {ACCOUNT}"
    ]
    account = create_report(
        world.client, dimensions=["AD_ACCOUNT_NAME"], campaign_ids=[UNKNOWN]
    )
    assert [row[:2] for row in report_csv(world.client, account)] == [
        ["DATE", "AD_ACCOUNT_NAME"],
        ["2030-01-01", "Sandbox Account"],
        ["2030-01-02", "Sandbox Account"],
        ["2030-01-03", "Sandbox Account"],
    ]
    second = create_report(world.client, campaign_ids=[world.other.campaign_id])
    assert {row[2] for row in report_csv(world.client, second)[1:]} == {"Second Set"}


def test_metrics_and_dimensions_use_the_async_vocabulary(world: World) -> None:
    assert _refused(
        world.client,
        metrics=["IMPRESSIONS", "COMPLETES", "FIRST_QUARTILES", "NOPE"],
        dimensions=["CAMPAIGN_NAME", "COUNTRY"],
        attribution_window="CLICK_1_DAY",
    ) == [
        "dimensions: COUNTRY is not a dimension; break reports down by it with "
        "insight_dimension (LIFETIME only)",
        "metrics: IMPRESSIONS is an aggregate report field, not an async report "
        "metric; use IMPRESSIONS_ON_SPOTIFY",
        "metrics: COMPLETES is an aggregate report field, not an async report "
        "metric; use AD_COMPLETES",
        "metrics: FIRST_QUARTILES is an aggregate report field, not an async report "
        "metric; use PLAYED_TO_25",
        "metrics: 'NOPE' is not an AsyncReportMetric",
        "attribution_window: 'CLICK_1_DAY' is not one of IMPRESSION_30_DAY, "
        "IMPRESSION_7_DAY",
    ]
    assert _refused(world.client, dimensions=[], metrics=[]) == [
        "dimensions: give at least one dimension",
        "metrics: give at least one metric",
    ]


def test_insight_dimensions_are_for_lifetime_reports_only(world: World) -> None:
    assert _refused(world.client, insight_dimension="AGE") == [
        "insight_dimension: only LIFETIME reports can be broken down by an insight "
        "dimension"
    ]
    assert _refused(world.client, granularity="LIFETIME", insight_dimension="AGES") == [
        "insight_dimension: 'AGES' is not one of ACT_AND_SET, AGE, AUDIENCE, CITY, "
        "COUNTRY, FORMAT, GENDER, GENRE, INTERESTS, METRO, PLACEMENT, PLATFORM, "
        "PODCAST_EPISODE_TOPIC, REGION, TONE"
    ]
