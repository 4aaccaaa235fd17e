"""BRIEF §11 rule 13 / §6.2: ``GET /aggregate_reports``, one test per rule."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from .helpers import path
from .reporting import (
    Setup,
    advance,
    aggregate,
    daily,
    delivering,
    every_row,
    lifetime,
    refused,
    stats,
)

URL = path("aggregate_reports")
OTHER = "22222222-2222-4222-8222-222222222222"
DAY_1 = "2030-01-01T00:00:00Z"


@dataclass
class World:
    client: httpx.Client
    live: Setup  # delivering, two ads
    idle: Setup  # delivery OFF, one ad


@pytest.fixture
def world(sandbox_client: httpx.Client) -> World:
    live = delivering(sandbox_client, ads=2)
    idle = delivering(sandbox_client, campaign_id=live.campaign_id, name="Idle Set")
    off = sandbox_client.patch(
        path("ad_sets", idle.ad_set_id), json={"delivery": "OFF"}
    )
    assert off.status_code == 200
    advance(sandbox_client, days=12)
    return World(sandbox_client, live, idle)


def test_entity_type_and_fields_are_required_without_a_token(world: World) -> None:
    assert refused(world.client, URL) == [
        "entity_type: is required unless continuation_token is set",
        "fields: is required unless continuation_token is set",
    ]
    assert refused(world.client, URL, entity_type="AD_SET", granularity="WEEK") == [
        "fields: is required unless continuation_token is set",
        "granularity: 'WEEK' is not one of DAY, HOUR, LIFETIME",
    ]


def test_day_bounds_are_utc_midnights_at_most_90_days_apart(world: World) -> None:
    base = {"entity_type": "CAMPAIGN", "fields": "SPEND", "granularity": "DAY"}
    assert refused(world.client, URL, **base) == [
        "report_start: is required for DAY granularity",
        "report_end: is required for DAY granularity",
    ]
    late = {
        "report_start": "2030-01-01T05:00:00Z",
        "report_end": "2030-04-02T00:00:00Z",
    }
    assert refused(world.client, URL, **base, **late) == [
        "report_start: DAY reports need UTC midnight (T00:00:00Z) bounds",
        "report_end: must be within 90 days of report_start",
    ]
    odd = {"report_start": "2030-01-01", "report_end": "2030-01-01T00:30:00Z"}
    assert refused(world.client, URL, **base, **odd) == [
        "report_start: '2030-01-01' is not a UTC time like 2030-01-01T00:00:00Z",
        "report_end: must be a whole hour (minutes and seconds 0)",
    ]
    backwards = {"report_start": "2030-01-05T00:00:00Z", "report_end": DAY_1}
    assert refused(world.client, URL, **base, **backwards) == [
        "report_end: must not be before report_start"
    ]
    widest = every_row(
        world.client, **base, report_start=DAY_1, report_end="2030-04-01T00:00:00Z"
    )
    assert len(widest) == 91  # the end day is included
    one = aggregate(world.client, **base, report_start=DAY_1, report_end=DAY_1)
    assert [(r["start_time"], r["end_time"]) for r in one["rows"]] == [
        (DAY_1, "2030-01-02T00:00:00Z")
    ]


def test_hour_reports_cover_the_last_14_days_and_add_up_to_days(world: World) -> None:
    base = {"entity_type": "AD_SET", "fields": "IMPRESSIONS", "granularity": "HOUR"}
    advance(world.client, days=3)  # now 2030-01-16; 14 days back is 2030-01-02
    assert refused(
        world.client, URL, **base, report_start=DAY_1, report_end="2030-01-01T05:00:00Z"
    ) == [
        "report_start: HOUR reports cover only the last 14 days "
        "(earliest 2030-01-02T00:00:00Z)"
    ]
    for day in ("2030-01-03", "2030-01-14", "2030-01-15"):  # settled .. today
        hours = aggregate(
            world.client,
            **base,
            report_start=f"{day}T00:00:00Z",
            report_end=f"{day}T23:00:00Z",
            entity_ids=world.live.ad_set_id,
            entity_ids_type="AD_SET",
        )
        [whole] = daily(
            world.client,
            world.live.ad_set_id,
            ["IMPRESSIONS"],
            f"{day}T00:00:00Z",
            f"{day}T00:00:00Z",
        )
        assert len(hours["rows"]) == 24
        assert (
            sum(stats(r)["IMPRESSIONS"] for r in hours["rows"]) == whole["IMPRESSIONS"]
        )


def test_lifetime_bounds_are_truncated_to_midnight(world: World) -> None:
    report = aggregate(
        world.client,
        entity_type="AD_SET",
        fields=["IMPRESSIONS"],
        report_start="2030-01-02T05:00:00Z",
        report_end="2030-01-03T07:00:00Z",
        entity_ids=world.live.ad_set_id,
        entity_ids_type="AD_SET",
    )
    days = daily(
        world.client,
        world.live.ad_set_id,
        ["IMPRESSIONS"],
        "2030-01-02T00:00:00Z",
        "2030-01-03T00:00:00Z",
    )
    assert report["report_start"] == "2030-01-02T00:00:00Z"
    assert report["report_end"] == "2030-01-03T00:00:00Z"
    [row] = report["rows"]
    assert (row["start_time"], row["end_time"]) == (
        "2030-01-02T00:00:00Z",
        "2030-01-04T00:00:00Z",
    )
    assert stats(row)["IMPRESSIONS"] == sum(day["IMPRESSIONS"] for day in days)


def test_entity_ids_need_their_type_which_matches_unless_lifetime(world: World) -> None:
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(51)]
    assert refused(
        world.client, URL, entity_type="AD", fields="CLICKS", entity_ids=ids
    ) == [
        "entity_ids: at most 50 ids per request",
        "entity_ids: requires entity_ids_type",
    ]
    day = {"granularity": "DAY", "report_start": DAY_1, "report_end": DAY_1}
    assert refused(
        world.client,
        URL,
        entity_type="AD",
        fields="CLICKS",
        **day,
        entity_ids=world.live.campaign_id,
        entity_ids_type="CAMPAIGN",
    ) == ["entity_ids_type: must equal entity_type (AD) when granularity is DAY"]
    assert refused(
        world.client,
        URL,
        entity_type="CAMPAIGN",
        fields="CLICKS",
        entity_ids=world.live.ad_ids[0],
        entity_ids_type="AD",
    ) == [
        "entity_ids_type: AD is below entity_type CAMPAIGN; filter by the "
        "entity's own ids or a parent level"
    ]
    assert refused(
        world.client,
        URL,
        entity_type="AD_ACCOUNT",
        fields="CLICKS",
        entity_ids=world.live.campaign_id,
        entity_ids_type="CAMPAIGN",
    ) == [
        "entity_ids: not valid for entity_type AD_ACCOUNT "
        "(the account comes from the path)"
    ]
    by_campaign = lifetime(
        world.client,
        "AD",
        ["CLICKS"],
        entity_ids=world.live.campaign_id,
        entity_ids_type="CAMPAIGN",
    )
    assert sorted(by_campaign) == sorted(world.live.ad_ids + world.idle.ad_ids)
    by_ad_set = lifetime(
        world.client,
        "AD",
        ["CLICKS"],
        entity_ids=world.idle.ad_set_id,
        entity_ids_type="AD_SET",
    )
    assert list(by_ad_set) == world.idle.ad_ids


def test_statuses_need_a_matching_entity_status_type(world: World) -> None:
    base = {"entity_type": "AD", "fields": "CLICKS"}
    assert refused(world.client, URL, **base, statuses="APPROVED") == [
        "statuses: requires entity_status_type"
    ]
    assert refused(world.client, URL, **base, entity_status_type="AD") == [
        "entity_status_type: requires statuses"
    ]
    assert refused(
        world.client, URL, **base, statuses="APPROVED", entity_status_type="AD_SET"
    ) == ["entity_status_type: must match entity_type (AD)"]
    assert refused(
        world.client,
        URL,
        **base,
        statuses=["ACTIVE", "PAUSED"],
        entity_status_type="AD",
    ) == [
        "statuses: ACTIVE is not a valid AD status (APPROVED, ARCHIVED, PENDING, "
        "PENDING_APPROVAL, PENDING_ADVERTISER_APPROVAL, REJECTED)",
        "statuses: PAUSED is not a valid AD status (APPROVED, ARCHIVED, PENDING, "
        "PENDING_APPROVAL, PENDING_ADVERTISER_APPROVAL, REJECTED)",
    ]
    assert refused(
        world.client,
        URL,
        entity_type="AD_ACCOUNT",
        fields="CLICKS",
        statuses="ACTIVE",
        entity_status_type="AD_ACCOUNT",
    ) == ["statuses: not valid for entity_type AD_ACCOUNT"]
    approved = lifetime(
        world.client, "AD", ["CLICKS"], statuses="APPROVED", entity_status_type="AD"
    )
    assert len(approved) == 3
    rejected = lifetime(
        world.client, "AD", ["CLICKS"], statuses="REJECTED", entity_status_type="AD"
    )
    assert rejected == {}


def test_include_parent_entity_only_below_the_campaign(world: World) -> None:
    for level in ("CAMPAIGN", "AD_ACCOUNT"):
        assert refused(
            world.client,
            URL,
            entity_type=level,
            fields="CLICKS",
            include_parent_entity="true",
        ) == [
            f"include_parent_entity: not valid for entity_type {level} (it has no "
            "parent in reports); use AD_SET or AD"
        ]
    report = aggregate(
        world.client,
        entity_type="AD",
        fields="CLICKS",
        include_parent_entity="true",
        limit=1,
    )
    [row] = report["rows"]
    assert row["entity_status"] == "APPROVED"  # ads deliver as APPROVED
    assert row["parent_entity"] == {
        "id": world.live.ad_set_id,
        "name": "US Rock Fans 18-34",
        "status": "ACTIVE",
    }


def test_async_metric_names_are_refused(world: World) -> None:
    fields = ["CPM", "AD_COMPLETES", "IMPRESSIONS_ON_SPOTIFY", "IMPRESSIONS,CLICKS"]
    assert refused(world.client, URL, entity_type="AD", fields=fields) == [
        "fields: CPM is an async report metric, not an aggregate report field",
        "fields: AD_COMPLETES is an async report metric, not an aggregate report "
        "field; use COMPLETES",
        "fields: IMPRESSIONS_ON_SPOTIFY is an async report metric, not an aggregate "
        "report field; use IMPRESSIONS",
        "fields: 'IMPRESSIONS,CLICKS' is not a field; repeat the parameter for each "
        "field (fields=IMPRESSIONS&fields=CLICKS)",
    ]
