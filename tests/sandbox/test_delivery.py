"""Delivery simulation (issue 2 item 6): what ``/_sandbox/advance`` accrues.

Figures are a pure function of (seed, ids, day, settings); spend respects
the budget; nothing is delivered outside the flight or when anything up the
hierarchy is switched off; the last 7 days shift slightly until they settle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from .helpers import path
from .reporting import (
    JSON,
    advance,
    aggregate,
    daily,
    delivering,
    lifetime,
    sandbox,
)

FIELDS = ["IMPRESSIONS", "CLICKS", "SPEND", "REACH", "COMPLETES"]
# the seeded ad set of ``_three_days`` (seed 7), as its DAY report shows it
THREE_DAYS = [
    {
        "day": "2030-01-01",
        "IMPRESSIONS": 7798,
        "CLICKS": 40,
        "SPEND": 133.128248,
        "REACH": 7739,
        "COMPLETES": 5870,
    },
    {
        "day": "2030-01-02",
        "IMPRESSIONS": 8717,
        "CLICKS": 45,
        "SPEND": 143.613904,
        "REACH": 8644,
        "COMPLETES": 6563,
    },
    {
        "day": "2030-01-03",
        "IMPRESSIONS": 7609,
        "CLICKS": 40,
        "SPEND": 130.763872,
        "REACH": 7553,
        "COMPLETES": 5727,
    },
]


def _three_days(seed: int) -> list[JSON]:
    with sandbox(seed=seed) as client:
        setup = delivering(client)
        advance(client, days=3)
        return daily(
            client,
            setup.ad_set_id,
            FIELDS,
            "2030-01-01T00:00:00Z",
            "2030-01-03T00:00:00Z",
        )


def test_three_days_of_delivery_are_a_pure_function_of_the_seed() -> None:
    first = _three_days(seed=7)
    assert first == _three_days(seed=7)
    assert first == THREE_DAYS
    assert _three_days(seed=8) != first


def test_advancing_in_small_steps_gives_the_same_figures() -> None:
    with sandbox(seed=7) as client:
        setup = delivering(client)
        for _ in range(12):
            advance(client, hours=6)
        chunked = daily(
            client,
            setup.ad_set_id,
            FIELDS,
            "2030-01-01T00:00:00Z",
            "2030-01-03T00:00:00Z",
        )
    assert chunked == THREE_DAYS


@pytest.mark.parametrize(
    ("pacing", "mornings"),
    [("PACING_EVEN", (0.35, 0.38)), ("PACING_ASAP", (0.68, 0.71))],
)
def test_spend_never_exceeds_the_daily_budget(
    pacing: str, mornings: tuple[float, float]
) -> None:
    with sandbox() as client:
        budget = {"micro_amount": 40_000_000, "type": "DAILY"}
        setup = delivering(client, budget=budget, pacing=pacing)
        advance(client, days=20)
        days = daily(
            client,
            setup.ad_set_id,
            ["SPEND"],
            "2030-01-01T00:00:00Z",
            "2030-01-12T00:00:00Z",
        )
        hours = aggregate(
            client,
            entity_type="AD_SET",
            fields=["IMPRESSIONS"],
            granularity="HOUR",
            report_start="2030-01-10T00:00:00Z",
            report_end="2030-01-10T23:00:00Z",
        )
    spend = [day["SPEND"] for day in days]
    assert all(0 < value <= 40 for value in spend)
    assert min(spend[1:]) >= 40 * 0.88 * 0.97  # full days spend most of it
    served = [row["stats"][0]["field_value"] for row in hours["rows"]]
    low, high = mornings  # ASAP spends early in the day, EVEN follows listening
    assert low < sum(served[:12]) / sum(served) < high


def test_lifetime_budget_over_the_flight_and_asap_spends_first() -> None:
    budget = {"micro_amount": 300_000_000, "type": "LIFETIME"}
    flight: JSON = {"end_time": "2030-01-11T01:00:00Z", "budget": budget}
    with sandbox() as client:
        even = delivering(client, **flight)
        asap = delivering(
            client,
            campaign_id=even.campaign_id,
            name="ASAP",
            pacing="PACING_ASAP",
            **flight,
        )
        advance(client, days=20)
        spent = {
            setup.ad_set_id: [
                day["SPEND"]
                for day in daily(
                    client,
                    setup.ad_set_id,
                    ["SPEND"],
                    "2030-01-01T00:00:00Z",
                    "2030-01-15T00:00:00Z",
                )
            ]
            for setup in (even, asap)
        }
    for days in spent.values():
        assert 0.8 * 300 <= sum(days) <= 300
        assert days[11:] == [0.0, 0.0, 0.0, 0.0]  # the flight ended on day 11
    assert spent[asap.ad_set_id][1] > 2 * spent[even.ad_set_id][1]
    assert sum(spent[asap.ad_set_id][:5]) > sum(spent[even.ad_set_id][:5])


def test_nothing_is_delivered_outside_the_flight() -> None:
    flight: JSON = {
        "start_time": "2030-01-02T00:00:00Z",
        "end_time": "2030-01-04T00:00:00Z",
    }
    with sandbox() as client:
        setup = delivering(client, **flight)
        advance(client, days=6)
        days = daily(
            client,
            setup.ad_set_id,
            ["IMPRESSIONS"],
            "2030-01-01T00:00:00Z",
            "2030-01-05T00:00:00Z",
        )
    served = [day["IMPRESSIONS"] for day in days]
    assert served[0] == served[3] == served[4] == 0
    assert served[1] > 0 and served[2] > 0


def _ad_set_off(client: httpx.Client, setup: Any) -> None:
    reply = client.patch(path("ad_sets", setup.ad_set_id), json={"delivery": "OFF"})
    assert reply.status_code == 200


def _ad_off(client: httpx.Client, setup: Any) -> None:
    reply = client.patch(path("ads", setup.ad_ids[0]), json={"delivery": "OFF"})
    assert reply.status_code == 200


def _campaign_paused(client: httpx.Client, setup: Any) -> None:
    reply = client.patch(
        path("campaigns", setup.campaign_id), json={"status": "PAUSED"}
    )
    assert reply.status_code == 200


def _no_ads(client: httpx.Client, setup: Any) -> None:
    assert setup.ad_ids == []


@pytest.mark.parametrize(
    ("stop", "overrides"),
    [
        pytest.param(_ad_set_off, {}, id="ad-set-delivery-off"),
        pytest.param(_ad_off, {}, id="ad-delivery-off"),
        pytest.param(_campaign_paused, {}, id="campaign-paused"),
        pytest.param(_no_ads, {"ads": 0}, id="no-ads"),
        pytest.param(
            lambda client, setup: None,
            {"name": "[Test reject] Rock"},
            id="ad-set-rejected",
        ),
    ],
)
def test_nothing_is_delivered_when_switched_off(
    stop: Callable[[httpx.Client, Any], None], overrides: JSON
) -> None:
    with sandbox() as client:
        setup = delivering(client, **overrides)
        stop(client, setup)
        advance(client, days=3)
        found = lifetime(client, "AD_SET", ["IMPRESSIONS", "SPEND"])
    assert found == {setup.ad_set_id: {"IMPRESSIONS": 0, "SPEND": 0.0}}


def test_switching_off_stops_delivery_from_that_hour() -> None:
    with sandbox() as client:
        setup = delivering(client)
        advance(client, days=2, hours=12)
        _ad_set_off(client, setup)
        advance(client, days=2)
        days = daily(
            client,
            setup.ad_set_id,
            ["IMPRESSIONS"],
            "2030-01-02T00:00:00Z",
            "2030-01-04T00:00:00Z",
        )
        hours = aggregate(
            client,
            entity_type="AD_SET",
            fields=["IMPRESSIONS"],
            granularity="HOUR",
            report_start="2030-01-03T10:00:00Z",
            report_end="2030-01-03T13:00:00Z",
        )
    served = [day["IMPRESSIONS"] for day in days]
    assert served[0] > served[1] > served[2] == 0
    hourly = [row["stats"][0]["field_value"] for row in hours["rows"]]
    assert hourly[0] > 0 and hourly[1] > 0 and hourly[2:] == [0, 0]
