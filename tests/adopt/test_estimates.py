"""Estimates: which ad sets, what is asked, what it means, and the cache."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from campaignctl.commands.estimating import EstimateCache, add_estimates
from campaignctl.plan.estimates import (
    Answer,
    EstimateRequest,
    estimate_requests,
    estimate_warnings,
    read_estimate,
)
from campaignctl.plan.planner import build_plan
from campaignctl.plan.remote import AdSetEstimate, BidRange, Forecast
from campaignctl.plan.state import DesiredState
from tests.plan.builders import NOW, ad, ad_set, campaign, converged, desired_state
from tests.plan.echo import ACCOUNT
from tests.provider.fakes import TokenServer, error_body, make_api

ROCK = "summer-launch-2030/us-rock-fans"
DASH = "\u2013"  # an en dash: ranges read low, dash, high
TARGETS = {
    "age_ranges": [{"min": 18, "max": 34}],
    "geo_targets": {"country_code": "US"},
    "genre_ids": ["rock", "blues"],
    "platforms": ["IOS", "ANDROID"],
    "placements": ["MUSIC"],
}
CAPS = [
    {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 3},
    {"frequency_unit": "WEEK", "frequency_period": 1, "max_impressions": 10},
]


def _desired(**ad_set_fields: Any) -> DesiredState:
    return desired_state(
        campaign(ad_sets=(ad_set(ads=(ad("Spot A"),), **ad_set_fields),))
    )


def test_a_created_ad_set_asks_both_estimates_with_its_desired_state() -> None:
    desired = _desired()
    plan = build_plan(desired, converged(desired_state()).state(), now=NOW)
    [request] = estimate_requests(plan, desired, now=NOW)
    assert request == EstimateRequest(
        address=ROCK,
        account_id=ACCOUNT,
        currency="USD",
        bid_strategy="MAX_BID",
        bid=12_000_000,
        budget_type="DAILY",
        audience={
            "ad_account_id": ACCOUNT,
            "start_date": "2030-06-01T00:00:00Z",
            "end_date": "2030-06-30T00:00:00Z",
            "asset_format": "AUDIO",
            "objective": "REACH",
            "bid_strategy": "MAX_BID",
            "bid_micro_amount": 12_000_000,
            "budget": {"micro_amount": 150_000_000, "type": "DAILY", "currency": "USD"},
            "targets": TARGETS,
            "frequency_caps": CAPS,
            "category": "ADV_21_182",
        },
        bid_body={
            "asset_format": "AUDIO",
            "objective": "REACH",
            "bid_strategy": "MAX_BID",
            "currency": "USD",
            "targets": TARGETS,
            "frequency_caps": CAPS,
            "category": "ADV_21_182",
        },
    )


def test_only_changes_that_move_reach_or_price_are_estimated() -> None:
    live = converged(_desired()).state()
    renamed_ad = desired_state(
        campaign(ad_sets=(ad_set(ads=(ad("Spot A", tagline="Another line"),)),))
    )
    plan = build_plan(renamed_ad, live, now=NOW)
    assert estimate_requests(plan, renamed_ad, now=NOW) == []
    cheaper = _desired(bid_micro_amount=9_000_000)
    plan = build_plan(cheaper, live, now=NOW)
    assert [r.bid for r in estimate_requests(plan, cheaper, now=NOW)] == [9_000_000]


def test_a_flight_that_started_is_estimated_from_the_next_midnight() -> None:
    desired = _desired()
    plan = build_plan(desired, converged(desired_state()).state(), now=NOW)
    later = datetime(2030, 6, 10, 15, 30, tzinfo=UTC)
    [request] = estimate_requests(plan, desired, now=later)
    assert request.audience is not None
    assert request.audience["start_date"] == "2030-06-11T00:00:00Z"
    over = datetime(2030, 7, 1, tzinfo=UTC)
    assert estimate_requests(plan, desired, now=over)[0].audience is None


REQUEST = EstimateRequest(
    address=ROCK,
    account_id=ACCOUNT,
    currency="USD",
    bid_strategy="MAX_BID",
    bid=12_000_000,
    budget_type="DAILY",
    audience={"any": "body"},
    bid_body={"other": "body"},
)
SUGGESTION = {
    "bid_estimate_min": 13_000_000,
    "bid_estimate_max": 20_000_000,
    "cost_model": "CPM",
    "currency": "USD",
}
FORECASTS = {
    "audience_forecast": [
        {
            "forecast_type": period,
            "estimated_reach_min": 1000 * days,
            "estimated_reach_max": 1200 * days,
            "estimated_impressions_min": 3000 * days,
            "estimated_impressions_max": 3600 * days,
            "estimated_cpm_min": 12_000_000,
            "estimated_cpm_max": 12_000_000,
        }
        for period, days in (("DAILY", 1), ("WEEKLY", 7), ("MONTHLY", 30))
    ],
    "bid_suggestion": SUGGESTION,
    "likely_to_deliver_budget": True,
}


def test_answers_become_an_estimate_and_warnings() -> None:
    estimate = read_estimate(REQUEST, Answer(body=FORECASTS), Answer(body=SUGGESTION))
    assert estimate == AdSetEstimate(
        address=ROCK,
        account_id=ACCOUNT,
        currency="USD",
        bid_strategy="MAX_BID",
        bid=12_000_000,
        forecast=Forecast(
            period="DAILY",
            reach_min=1000,
            reach_max=1200,
            impressions_min=3000,
            impressions_max=3600,
            cpm_min=12_000_000,
            cpm_max=12_000_000,
        ),
        suggested=BidRange(min=13_000_000, max=20_000_000, cost_model="CPM"),
        likely_to_deliver=True,
    )
    assert estimate_warnings([estimate]) == [
        f"{ROCK}: bid $12.00 CPM is below the suggested $13.00{DASH}$20.00; the ad set "
        "may under-deliver"
    ]


def test_a_small_audience_and_a_failed_call_are_warnings_not_failures() -> None:
    small = Answer(
        status=400,
        messages=("Min audience threshold was not met", "targets: about 0 people"),
        extra={"bid_suggestion": SUGGESTION},
    )
    failed = Answer(failure="POST /estimates/bid → 503: unavailable")
    estimate = read_estimate(REQUEST, small, failed)
    assert (estimate.below_minimum, estimate.forecast, estimate.suggested) == (
        True,
        None,
        BidRange(min=13_000_000, max=20_000_000, cost_model="CPM"),
    )
    assert estimate.unavailable == (
        "bid estimate: POST /estimates/bid → 503: unavailable",
    )
    assert estimate_warnings([estimate]) == [
        f"{ROCK}: the audience is below the API's minimum (\"Min audience threshold "
        'was not met"); it will not deliver: broaden the location, ages or interests',
        f"{ROCK}: bid $12.00 CPM is below the suggested $13.00{DASH}$20.00; the ad set "
        "may under-deliver",
        f"{ROCK}: bid estimate: POST /estimates/bid → 503: unavailable (estimates "
        "are advisory)",
    ]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_the_cache_answers_within_its_ttl_and_never_keeps_failures(
    tmp_path: Path,
) -> None:
    clock = Clock()
    asked: list[str] = []

    def ask(answer: Answer) -> Any:
        def call() -> Answer:
            asked.append("x")
            return answer

        return call

    cache = EstimateCache(tmp_path, scope="api", ttl_s=60, clock=clock)
    first = cache.answer("bid", {"a": 1}, ask(Answer(body=SUGGESTION)))
    assert cache.answer("bid", {"a": 1}, ask(Answer(body={}))) == first  # this run
    fresh = EstimateCache(tmp_path, scope="api", ttl_s=60, clock=clock)
    assert fresh.answer("bid", {"a": 1}, ask(Answer(body={}))) == Answer(
        body=SUGGESTION, cached=True
    )
    assert len(asked) == 1
    clock.now += 61
    expired = EstimateCache(tmp_path, scope="api", ttl_s=60, clock=clock)
    assert expired.answer("bid", {"a": 1}, ask(Answer(body={}))) == Answer(body={})
    other_api = EstimateCache(tmp_path, scope="sandbox", ttl_s=60, clock=clock)
    assert other_api.key("bid", {"a": 1}) != expired.key("bid", {"a": 1})
    down = Answer(failure="down")
    assert other_api.answer("audience", {"b": 2}, ask(down)) == down
    again = EstimateCache(tmp_path, scope="sandbox", ttl_s=60, clock=clock)
    assert again.answer("audience", {"b": 2}, ask(Answer(body={}))) == Answer(body={})
    assert len(asked) == 4


def test_an_api_that_fails_leaves_a_plan_with_warnings(tmp_path: Path) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/estimates/bid"):
            return httpx.Response(503, json=error_body("busy", trace="t-1"))
        return httpx.Response(
            400, json=error_body("Min audience threshold was not met")
        )

    api = make_api(TokenServer(route))
    desired = _desired()
    plan = build_plan(desired, converged(desired_state()).state(), now=NOW)
    cache = EstimateCache(tmp_path, scope="fake")
    estimated = add_estimates(plan, desired, api, cache=cache, now=NOW)
    [estimate] = estimated.estimates
    assert estimate.below_minimum
    assert estimated.warnings[-1].startswith(
        f"{ROCK}: bid estimate: POST /estimates/bid"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        cache.key(
            "audience", estimate_requests(plan, desired, now=NOW)[0].audience or {}
        )
        + ".json"
    ]
