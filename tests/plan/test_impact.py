"""Spend facts, exposure and budget jumps: exact figures in micros."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from campaignctl.plan.impact import (
    ExposureTotals,
    budget_jumps,
    contribution,
    exposure,
    exposure_totals,
)
from campaignctl.plan.model import FlightBudget, SpendFacts, SpendImpact

from .builders import ad_set, campaign, converged, desired_state, standard
from .review_scenarios import REVIEW_SCENARIOS, reviewed

NOW = datetime(2030, 1, 20, 12, 0, tzinfo=UTC)
DAY = 150_000_000


@pytest.mark.parametrize(
    ("kind", "start", "end", "want"),
    [
        pytest.param(
            "DAILY",
            "2030-06-01T00:00:00Z",
            "2030-06-30T00:00:00Z",
            29 * DAY,
            id="future-flight",
        ),
        pytest.param(
            "DAILY",
            "2030-01-01T00:00:00Z",
            "2030-01-22T12:00:00Z",
            2 * DAY,
            id="running-from-now",
        ),
        pytest.param(
            "DAILY",
            "2030-01-01T00:00:00Z",
            "2030-01-21T13:00:00Z",
            2 * DAY,
            id="partial-day-counts-whole",
        ),
        pytest.param(
            "DAILY", "2030-01-01T00:00:00Z", "2030-01-10T00:00:00Z", 0, id="ended"
        ),
        pytest.param("DAILY", "2030-06-01T00:00:00Z", None, None, id="open-ended"),
        pytest.param(
            "LIFETIME",
            "2030-06-01T00:00:00Z",
            "2030-06-30T00:00:00Z",
            DAY,
            id="lifetime-as-is",
        ),
    ],
)
def test_exposure(kind: str, start: str, end: str | None, want: int | None) -> None:
    assert exposure(kind, DAY, start, end, now=NOW) == want


# (selected plans recompute their spend from the facts: see test_select)
@pytest.mark.parametrize("name", sorted(set(REVIEW_SCENARIOS) - {"blocked"}))
def test_facts_add_up_to_the_planners_spend(name: str) -> None:
    plan = REVIEW_SCENARIOS[name]()
    for currency, impact in plan.spend.items():
        parts = [
            contribution(a)
            for a in plan.actions
            if a.spend is not None and a.spend.currency == currency
        ]
        assert sum(p.daily_delta for p in parts) == impact.daily_delta
        assert sum(p.lifetime_delta for p in parts) == impact.lifetime_delta


def test_update_facts_and_totals() -> None:
    live = converged(desired_state(standard()))
    desired = desired_state(
        campaign(ad_sets=(ad_set(budget={"micro_amount": 2 * DAY, "type": "DAILY"}),))
    )
    plan = reviewed(desired, live.state())
    [action] = [a for a in plan.actions if a.spend is not None]
    flight = {"start_time": "2030-06-01T00:00:00Z", "end_time": "2030-06-30T00:00:00Z"}
    assert action.spend == SpendFacts(
        currency="USD",
        before=(
            FlightBudget(type="DAILY", micro_amount=DAY, exposure=29 * DAY, **flight),
        ),
        after=(
            FlightBudget(
                type="DAILY", micro_amount=2 * DAY, exposure=58 * DAY, **flight
            ),
        ),
    )
    assert contribution(action) == SpendImpact(daily_before=DAY, daily_after=2 * DAY)
    assert exposure_totals(plan) == {
        "USD": ExposureTotals(before=29 * DAY, after=58 * DAY, ad_sets=1)
    }
    [jump] = budget_jumps(plan)
    assert (jump.action.address, jump.percent) == (
        "summer-launch-2030/us-rock-fans",
        "100.0",
    )


@pytest.mark.parametrize(("after", "risky"), [(225, False), (226, True)])
def test_a_budget_jump_is_more_than_half(after: int, risky: bool) -> None:
    live = converged(desired_state(standard()))
    budget = {"micro_amount": after * 1_000_000, "type": "DAILY"}
    plan = reviewed(
        desired_state(campaign(ad_sets=(ad_set(budget=budget),))), live.state()
    )
    assert bool(budget_jumps(plan)) is risky


def test_switched_off_ad_sets_have_no_facts_after() -> None:
    plan = REVIEW_SCENARIOS["disable"]()
    [action] = [a for a in plan.actions if a.spend is not None]
    assert action.spend is not None
    assert action.spend.after == ()
    assert action.spend.before[0].exposure is None  # it had no end date
    assert exposure_totals(plan)["USD"] == ExposureTotals(
        ad_sets=1, open_ended_daily_before=DAY
    )
