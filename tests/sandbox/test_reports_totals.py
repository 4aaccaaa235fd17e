"""BRIEF §11 rule 13 (totals): ``GET /aggregate_reports/totals``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from .helpers import ACCOUNT, path
from .reporting import JSON, Setup, advance, delivering, lifetime, refused, stats

URL = path("aggregate_reports", "totals")
FIELDS = ["IMPRESSIONS", "CLICKS", "CTR", "REACH", "FREQUENCY"]


@dataclass
class Live:
    client: httpx.Client
    setup: Setup


@pytest.fixture
def live(sandbox_client: httpx.Client) -> Live:
    setup = delivering(sandbox_client, ads=3)
    advance(sandbox_client, days=5)
    return Live(sandbox_client, setup)


def _totals(client: httpx.Client, **params: Any) -> JSON:
    reply = client.get(URL, params=params)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def test_everything_is_required(sandbox_client: httpx.Client) -> None:
    assert refused(sandbox_client, URL) == [
        "entity_type: is required",
        "entity_ids: is required (1 to 50 ids)",
        "granularity: is required",
        "fields: is required",
    ]


def test_one_to_fifty_ids_of_campaigns_ad_sets_or_ads(live: Live) -> None:
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(51)]
    base = {"granularity": "LIFETIME", "fields": "REACH"}
    client = live.client
    assert refused(client, URL, entity_type="AD", entity_ids=ids, **base) == [
        "entity_ids: at most 50 ids per request"
    ]
    assert refused(
        client, URL, entity_type="AD_ACCOUNT", entity_ids=ACCOUNT, **base
    ) == [
        "entity_type: AD_ACCOUNT is not supported by totals; use CAMPAIGN, AD_SET "
        "or AD (account totals come from aggregate_reports)"
    ]
    assert refused(client, URL, entity_type="AD_SET", entity_ids=ids[0], **base) == [
        f"entity_ids: AD_SET {ids[0]} not found in ad account {ACCOUNT}"
    ]


def test_no_hour_granularity_and_only_five_fields(live: Live) -> None:
    client, setup = live.client, live.setup
    query = {"entity_type": "AD", "entity_ids": setup.ad_ids}
    assert refused(
        client, URL, **query, granularity="HOUR", fields=["REACH", "SPEND", "CPM"]
    ) == [
        "granularity: HOUR is not supported by totals; use DAY or LIFETIME",
        "fields: CPM is an async report metric, not an aggregate report field",
        "fields: SPEND is not supported by totals "
        "(only IMPRESSIONS, CLICKS, CTR, REACH, FREQUENCY)",
    ]
    assert refused(client, URL, **query, granularity="DAY", fields="REACH") == [
        "report_start: is required for DAY granularity",
        "report_end: is required for DAY granularity",
    ]
    long = {
        "report_start": "2030-01-01T00:00:00Z",
        "report_end": "2030-04-02T00:00:00Z",
    }
    assert refused(
        client, URL, **query, granularity="LIFETIME", fields="REACH", **long
    ) == ["report_end: must be within 90 days of report_start"]


def test_reach_is_deduplicated_across_the_entities(live: Live) -> None:
    client, setup = live.client, live.setup
    per_ad = lifetime(client, "AD", FIELDS)
    total = _totals(
        client,
        entity_type="AD",
        entity_ids=setup.ad_ids,
        granularity="LIFETIME",
        fields=FIELDS,
    )
    [row] = total["rows"]
    found = stats(row)
    assert total["granularity"] == "LIFETIME" and set(row) == {"stats"}
    assert found["IMPRESSIONS"] == sum(ad["IMPRESSIONS"] for ad in per_ad.values())
    assert found["CLICKS"] == sum(ad["CLICKS"] for ad in per_ad.values())
    assert found["REACH"] < sum(ad["REACH"] for ad in per_ad.values())
    assert (
        found["REACH"]
        == lifetime(client, "AD_SET", ["REACH"])[setup.ad_set_id]["REACH"]
    )
    assert found["FREQUENCY"] == round(found["IMPRESSIONS"] / found["REACH"], 6)
    assert found["CTR"] == round(found["CLICKS"] * 100 / found["IMPRESSIONS"], 6)


def test_day_totals_are_one_row_per_day_ascending(live: Live) -> None:
    client, setup = live.client, live.setup
    total = _totals(
        client,
        entity_type="AD_SET",
        entity_ids=setup.ad_set_id,
        granularity="DAY",
        fields=["IMPRESSIONS"],
        report_start="2030-01-01T00:00:00Z",
        report_end="2030-01-03T00:00:00Z",
    )
    assert [(r["start_time"], r["end_time"]) for r in total["rows"]] == [
        ("2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z"),
        ("2030-01-02T00:00:00Z", "2030-01-03T00:00:00Z"),
        ("2030-01-03T00:00:00Z", "2030-01-04T00:00:00Z"),
    ]
    assert all(stats(r)["IMPRESSIONS"] > 0 for r in total["rows"])
