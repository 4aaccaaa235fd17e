"""``POST /estimates/audience`` and ``/estimates/bid`` (BRIEF §1.5)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from campaignctl.sandbox.audience import FX

from .helpers import ACCOUNT
from .reporting import JSON, sandbox

US_ROCK = {
    "placements": ["MUSIC"],
    "age_ranges": [{"min": 18, "max": 34}],
    "geo_targets": {"country_code": "US"},
    "genre_ids": ["rock", "blues"],
}
TINY = {
    "placements": ["MUSIC"],
    "age_ranges": [{"min": 18, "max": 24}],
    "geo_targets": {"country_code": "US", "postal_code_ids": ["US:10001"]},
    "genre_ids": ["rock"],
}
REQUEST: JSON = {
    "ad_account_id": ACCOUNT,
    "start_date": "2030-02-01T00:00:00Z",
    "asset_format": "AUDIO",
    "objective": "EVEN_IMPRESSION_DELIVERY",
    "bid_strategy": "MAX_BID",
    "bid_micro_amount": 25_000_000,
    "budget": {"micro_amount": 150_000_000, "type": "DAILY", "currency": "USD"},
    "targets": US_ROCK,
}
BID: JSON = {
    "asset_format": "AUDIO",
    "objective": "REACH",
    "bid_strategy": "MAX_BID",
    "currency": "USD",
    "targets": US_ROCK,
}


def _audience(client: httpx.Client, **changes: Any) -> JSON:
    reply = client.post("/estimates/audience", json=REQUEST | changes)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def _bid(client: httpx.Client, **changes: Any) -> JSON:
    reply = client.post("/estimates/bid", json=BID | changes)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def _refused(client: httpx.Client, url: str, body: JSON) -> JSON:
    reply = client.post(url, json=body)
    assert reply.status_code == 400, reply.text
    return dict(reply.json())


def test_estimates_are_deterministic_across_sandboxes(
    sandbox_client: httpx.Client,
) -> None:
    first = _audience(sandbox_client)
    with sandbox(seed=99) as other:
        assert _audience(other) == first
    assert first == {
        "audience_forecast": [
            _forecast("DAILY", 7_600, 9_836, 7_544, 9_743, 4_849_470),
            _forecast("WEEKLY", 53_204, 68_852, 50_548, 64_448, 5_621_952),
            _forecast("MONTHLY", 228_017, 295_081, 184_232, 224_618, 8_583_133),
        ],
        "bid_suggestion": {
            "bid_estimate_min": 13_090_000,
            "bid_estimate_max": 20_460_000,
            "cost_model": "CPM",
            "currency": "USD",
        },
        "likely_to_deliver_budget": True,
    }


def _forecast(
    kind: str, low: int, high: int, reach_low: int, reach_high: int, users: int
) -> JSON:
    return {
        "forecast_type": kind,
        "estimated_impressions_min": low,
        "estimated_impressions_max": high,
        "estimated_reach_min": reach_low,
        "estimated_reach_max": reach_high,
        "estimated_frequency_min": round(low / reach_low, 2),
        "estimated_frequency_max": round(high / reach_high, 2),
        "projected_unique_users": users,
        "raw_unique_users": 4_720_723,
        "estimated_cpm_min": 13_090_000,
        "estimated_cpm_max": 20_460_000,
    }


def test_a_lifetime_budget_gives_one_lifetime_forecast(
    sandbox_client: httpx.Client,
) -> None:
    found = _audience(
        sandbox_client,
        end_date="2030-02-11T00:00:00Z",
        budget={"micro_amount": 1_000_000_000, "type": "LIFETIME", "currency": "USD"},
    )
    [forecast] = found["audience_forecast"]
    daily = _audience(sandbox_client)["audience_forecast"][0]
    assert forecast["forecast_type"] == "LIFETIME"
    # 1,000 USD over 10 days buys about two thirds of 10 days at 150 USD
    ratio = forecast["estimated_impressions_max"] / daily["estimated_impressions_max"]
    assert 6.6 < ratio < 6.7


def test_targeting_narrows_the_audience(sandbox_client: httpx.Client) -> None:
    def users(**changes: Any) -> int:
        found = _audience(sandbox_client, **changes)["audience_forecast"]
        return int(found[0]["raw_unique_users"])

    country = {"placements": ["MUSIC"], "geo_targets": {"country_code": "US"}}
    everyone = users(targets={"placements": ["MUSIC"]})
    in_us = users(targets=country)
    rock = users(targets=country | {"genre_ids": ["rock"]})
    rock_or_blues = users(targets=country | {"genre_ids": ["rock", "blues"]})
    women = users(targets=country | {"genders": ["FEMALE"]})
    video = users(targets=country, asset_format="VIDEO", objective="REACH")
    assert everyone > in_us > rock_or_blues > rock
    assert women == round(in_us * 0.48)
    assert video == round(in_us * 0.35)  # VIDEO is narrower than AUDIO


def test_a_tiny_audience_is_refused_with_a_bid_suggestion(
    sandbox_client: httpx.Client,
) -> None:
    body = _refused(sandbox_client, "/estimates/audience", REQUEST | {"targets": TINY})
    assert body["messages"] == [
        "Min audience threshold was not met",
        "targets: about 470 people match; at least 20,000 are needed "
        "(broaden the location, ages or interests)",
    ]
    assert body["error_codes"][0]["code"] == "INVALID_ARGUMENT.MIN_AUDIENCE_THRESHOLD"
    assert body["bid_suggestion"] == {
        "bid_estimate_min": 13_390_000,
        "bid_estimate_max": 20_920_000,
        "cost_model": "CPM",
        "currency": "USD",
    }


def test_required_fields_and_the_account_currency(sandbox_client: httpx.Client) -> None:
    missing = {k: v for k, v in REQUEST.items() if k != "ad_account_id"}
    missing["budget"] = {"micro_amount": 1, "type": "DAILY"}
    assert _refused(sandbox_client, "/estimates/audience", missing)["messages"] == [
        "ad_account_id: is required",
        "budget.currency: is required",
    ]
    euros = REQUEST | {
        "budget": {"micro_amount": 150_000_000, "type": "LIFETIME", "currency": "EUR"}
    }
    assert _refused(sandbox_client, "/estimates/audience", euros)["messages"] == [
        "budget.currency: must be the ad account's currency USD",
        "end_date: is required when budget.type is LIFETIME",
    ]
    stranger = REQUEST | {"ad_account_id": "22222222-2222-4222-8222-222222222222"}
    assert _refused(sandbox_client, "/estimates/audience", stranger)["messages"] == [
        "ad_account_id: ad account 22222222-2222-4222-8222-222222222222 does not "
        "exist or is not yours"
    ]


def test_ad_set_rules_apply_to_estimates(sandbox_client: httpx.Client) -> None:
    body = REQUEST | {
        "objective": "VIDEO_VIEWS",
        "bid_micro_amount": 0,
        "end_date": "2030-01-01T00:00:00Z",
        "frequency_caps": [
            {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 9}
        ],
    }
    assert _refused(sandbox_client, "/estimates/audience", body)["messages"] == [
        "bid_micro_amount: must be greater than 0",
        "asset_format: AUDIO is not available for objective VIDEO_VIEWS",
        "frequency_caps[0].max_impressions: at most 5 per DAY",
        "end_date: must be after start_date",
    ]
    autobid = _audience(sandbox_client, bid_strategy="AUTOBID", bid_micro_amount=0)
    assert autobid["likely_to_deliver_budget"] is True


def test_a_bid_below_the_market_is_unlikely_to_deliver(
    sandbox_client: httpx.Client,
) -> None:
    low = _audience(sandbox_client, bid_micro_amount=9_000_000)
    high = _audience(sandbox_client)
    assert low["likely_to_deliver_budget"] is False
    assert low["audience_forecast"][0]["estimated_cpm_max"] == 9_000_000
    assert (
        low["audience_forecast"][0]["estimated_impressions_max"]
        < high["audience_forecast"][0]["estimated_impressions_max"]
    )


def test_frequency_caps_limit_what_a_small_audience_can_take(
    sandbox_client: httpx.Client,
) -> None:
    iceland = {"placements": ["MUSIC"], "geo_targets": {"country_code": "IS"}}
    caps = [{"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 1}]
    loose = _audience(sandbox_client, targets=iceland)["audience_forecast"][0]
    tight = _audience(sandbox_client, targets=iceland, frequency_caps=caps)
    first = tight["audience_forecast"][0]
    assert first["estimated_impressions_max"] < loose["estimated_impressions_max"]
    assert tight["likely_to_deliver_budget"] is False


def test_bid_estimates_follow_targeting_format_and_currency(
    sandbox_client: httpx.Client,
) -> None:
    usd = _bid(sandbox_client)
    sek = _bid(sandbox_client, currency="SEK")
    video = _bid(sandbox_client, asset_format="VIDEO")
    assert usd == {
        "bid_estimate_min": 13_750_000,
        "bid_estimate_max": 21_480_000,
        "cost_model": "CPM",
        "currency": "USD",
    }
    assert sek["bid_estimate_min"] == pytest.approx(
        usd["bid_estimate_min"] * FX["SEK"], rel=0.01
    )
    assert video["bid_estimate_min"] > usd["bid_estimate_min"]
    per_click = _bid(
        sandbox_client,
        objective="CLICKS",
        bid_strategy="COST_PER_RESULT",
    )
    assert per_click["bid_estimate_max"] < usd["bid_estimate_min"]


def test_bid_estimates_take_no_dates_and_need_a_known_currency(
    sandbox_client: httpx.Client,
) -> None:
    dated = BID | {"start_date": "2030-02-01T00:00:00Z", "currency": "ZZZ"}
    assert _refused(sandbox_client, "/estimates/bid", dated)["messages"] == [
        "start_date: unknown field (not in the request schema)"
    ]
    assert _refused(sandbox_client, "/estimates/bid", BID | {"currency": "ZZZ"})[
        "messages"
    ] == ["currency: 'ZZZ' is not a supported ISO 4217 currency code"]
    assert _refused(
        sandbox_client, "/estimates/bid", BID | {"targets": {"genre_ids": ["rock"]}}
    )["messages"] == [
        "targets.placements: is required and must contain MUSIC and/or PODCAST"
    ]
