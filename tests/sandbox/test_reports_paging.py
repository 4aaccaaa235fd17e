"""BRIEF §4.2 / §11 rule 13: aggregate report paging, tokens, rate limits."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

import httpx
import pytest

from .helpers import path
from .reporting import (
    Setup,
    advance,
    aggregate,
    delivering,
    refused,
    sandbox,
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


def test_a_token_is_sent_alone_and_other_parameters_are_ignored(world: World) -> None:
    first = aggregate(world.client, entity_type="AD", fields=["CLICKS"], limit=1)
    token = first["continuation_token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    alone = aggregate(world.client, continuation_token=token)
    mixed = aggregate(
        world.client, continuation_token=token, entity_type="CAMPAIGN", limit=50
    )
    assert alone["warnings"] == []
    assert mixed["warnings"] == [
        "continuation_token was supplied, so the other parameters were ignored: "
        "entity_type, limit"
    ]
    assert mixed["rows"] == alone["rows"]
    assert [row["entity_type"] for row in alone["rows"]] == ["AD"]
    assert alone["rows"][0]["entity_id"] == world.live.ad_ids[1]


def test_continuation_tokens_page_through_more_than_50_rows(world: World) -> None:
    page = aggregate(
        world.client,
        entity_type="AD_SET",
        fields=["IMPRESSIONS"],
        granularity="DAY",
        report_start=DAY_1,
        report_end="2030-03-01T00:00:00Z",
    )
    rows, sizes = list(page["rows"]), [len(page["rows"])]
    while "continuation_token" in page:
        page = aggregate(world.client, continuation_token=page["continuation_token"])
        rows += page["rows"]
        sizes.append(len(page["rows"]))
    assert sizes == [50, 50, 20]  # two ad sets x 60 days, 50 rows a page
    keys = [(row["entity_id"], row["start_time"]) for row in rows]
    assert len(set(keys)) == 120
    assert [key[0] for key in keys] == [world.live.ad_set_id] * 60 + [
        world.idle.ad_set_id
    ] * 60  # zero-stat entities are included
    assert {stats(row)["IMPRESSIONS"] for row in rows[60:]} == {0}
    assert refused(world.client, URL, entity_type="AD", fields="CLICKS", limit=51) == [
        "limit: must be between 1 and 50"
    ]


def test_tampered_expired_and_foreign_tokens_are_refused() -> None:
    with sandbox(accounts=(f"{OTHER}:EUR",)) as client:
        delivering(client, ads=2)
        token = aggregate(client, entity_type="AD", fields=["CLICKS"], limit=1)[
            "continuation_token"
        ]
        raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        raw[-2] ^= 1
        forged = base64.urlsafe_b64encode(bytes(raw)).decode()
        foreign = f"/ad_accounts/{OTHER}/aggregate_reports"
        assert refused(client, URL, continuation_token=forged) == [
            "continuation_token: not a token returned by this endpoint; "
            "send it exactly as received"
        ]
        assert refused(client, foreign, continuation_token=token) == [
            "continuation_token: was issued for another ad account"
        ]
        advance(client, days=2)
        assert refused(client, URL, continuation_token=token) == [
            "continuation_token: expired; request the report again without it"
        ]


def test_reporting_endpoints_get_a_tenth_of_the_rate_limit() -> None:
    with sandbox(rate_limit=1) as client:  # 30 requests / 30 s, reports 3
        answers = [
            client.get(URL, params={"entity_type": "AD", "fields": "CLICKS"})
            for _ in range(4)
        ]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert answers[-1].headers["X-RateLimit-Limit"] == "3"
        assert client.get(path("campaigns")).status_code == 200
