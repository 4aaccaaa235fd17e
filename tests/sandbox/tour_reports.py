"""Contract-tour steps for estimates and reports (called from test_contract).

Each operation is driven to a success and to a client error so that every
response shape (2xx, 4xx) is validated against the spec by ``checked_client``.
"""

from __future__ import annotations

from typing import Any

import httpx

from .helpers import ACCOUNT, ROOT, path

UNKNOWN = "11111111-1111-4111-8111-111111111111"
TARGETS = {"placements": ["MUSIC"], "geo_targets": {"country_code": "US"}}
AUDIENCE = {
    "ad_account_id": ACCOUNT,
    "start_date": "2030-02-01T00:00:00Z",
    "asset_format": "AUDIO",
    "objective": "REACH",
    "bid_strategy": "MAX_BID",
    "bid_micro_amount": 15_000_000,
    "budget": {"micro_amount": 100_000_000, "type": "DAILY", "currency": "USD"},
    "targets": TARGETS,
}


def estimates(client: httpx.Client) -> None:
    assert client.post("/estimates/audience", json=AUDIENCE).status_code == 200
    lifetime = {
        **AUDIENCE,
        "end_date": "2030-02-11T00:00:00Z",
        "bid_strategy": "COST_PER_RESULT",
        "objective": "CLICKS",
        "budget": {"micro_amount": 900_000_000, "type": "LIFETIME", "currency": "USD"},
    }
    assert client.post("/estimates/audience", json=lifetime).status_code == 200
    tiny = {
        **AUDIENCE,
        "targets": {
            "placements": ["MUSIC"],
            "geo_targets": {"country_code": "US", "postal_code_ids": ["US:10001"]},
            "age_ranges": [{"min": 18, "max": 24}],
            "genre_ids": ["rock"],
        },
    }
    refused = client.post("/estimates/audience", json=tiny)
    assert refused.status_code == 400
    assert "bid_suggestion" in refused.json()
    missing = {k: v for k, v in AUDIENCE.items() if k != "ad_account_id"}
    assert client.post("/estimates/audience", json=missing).status_code == 400
    bid = {k: AUDIENCE[k] for k in ("asset_format", "objective", "bid_strategy")}
    bid |= {"currency": "EUR", "targets": TARGETS}
    assert client.post("/estimates/bid", json=bid).status_code == 200
    assert client.post("/estimates/bid", json={"currency": "EUR"}).status_code == 400


def reports(client: httpx.Client, campaign_id: str, ad_set_id: str) -> None:
    advance = client.post(f"{ROOT}/_sandbox/advance", json={"days": 40})
    assert advance.status_code == 200
    day: dict[str, Any] = {
        "entity_type": "AD_SET",
        "fields": ["IMPRESSIONS", "SPEND", "REACH", "PURCHASES"],
        "granularity": "DAY",
        "report_start": "2030-02-01T00:00:00Z",
        "report_end": "2030-02-03T00:00:00Z",
        "include_parent_entity": "true",
        "entity_ids": [ad_set_id],
        "entity_ids_type": "AD_SET",
        "limit": 2,
    }
    first = client.get(path("aggregate_reports"), params=day)
    assert first.status_code == 200
    token = first.json()["continuation_token"]
    page = {"continuation_token": token, "limit": 5}
    assert client.get(path("aggregate_reports"), params=page).status_code == 200
    lifetime = {"entity_type": "AD_ACCOUNT", "fields": ["FREQUENCY", "CTR"]}
    assert client.get(path("aggregate_reports"), params=lifetime).status_code == 200
    hour = {
        **lifetime,
        "granularity": "HOUR",
        "report_start": "2030-02-09T00:00:00Z",
        "report_end": "2030-02-09T03:00:00Z",
    }
    assert client.get(path("aggregate_reports"), params=hour).status_code == 200
    assert client.get(path("aggregate_reports")).status_code == 400
    _totals(client, campaign_id)
    _async(client, campaign_id)


def _totals(client: httpx.Client, campaign_id: str) -> None:
    totals = path("aggregate_reports", "totals")
    query = {
        "entity_type": "CAMPAIGN",
        "entity_ids": [campaign_id],
        "granularity": "DAY",
        "fields": ["REACH", "FREQUENCY"],
        "report_start": "2030-02-01T00:00:00Z",
        "report_end": "2030-02-02T00:00:00Z",
    }
    assert client.get(totals, params=query).status_code == 200
    lifetime = {**query, "granularity": "LIFETIME"}
    assert client.get(totals, params=lifetime).status_code == 200
    assert client.get(totals, params={**query, "fields": "SPEND"}).status_code == 400


def _async(client: httpx.Client, campaign_id: str) -> None:
    body = {
        "name": "tour daily",
        "granularity": "DAY",
        "dimensions": ["CAMPAIGN_NAME", "AD_SET_NAME"],
        "metrics": ["IMPRESSIONS_ON_SPOTIFY", "SPEND"],
        "statuses": ["ACTIVE", "COMPLETED"],
        "campaign_ids": [campaign_id],
        "report_start": "2030-02-01T00:00:00Z",
        "report_end": "2030-02-05T00:00:00Z",
    }
    created = client.post(path("async_reports"), json=body)
    assert created.status_code == 201
    report = client.get(path("async_reports", created.json()["id"]))
    assert report.status_code == 200
    assert report.json()["status"] == "READY"
    assert client.get(report.json()["report_url"]).status_code == 200
    bad = {**body, "granularity": "HOUR"}
    assert client.post(path("async_reports"), json=bad).status_code == 400
    assert client.get(path("async_reports", UNKNOWN)).status_code == 404
    assert client.get(path("async_reports", "nope")).status_code == 400
