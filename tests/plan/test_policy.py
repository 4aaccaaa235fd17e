"""check_policy: one table per rule, on plans the planner makes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from campaignctl.errors import Location
from campaignctl.manifest.money import Money
from campaignctl.plan.model import Plan, Violation
from campaignctl.plan.policy import check_policy
from campaignctl.plan.state import DesiredState

from .builders import Live, ad_set, campaign, converged, desired_state, standard
from .echo import echo_ad_set, remote_id
from .review_scenarios import Rules, reviewed, usd, without

ROCK = "summer-launch-2030/us-rock-fans"


def daily(units: int) -> dict[str, Any]:
    return {"micro_amount": units * 1_000_000, "type": "DAILY"}


def fresh(*ad_sets: Any, name: str = "Summer Launch 2030") -> tuple[Plan, DesiredState]:
    desired = desired_state(campaign(name, ad_sets=ad_sets))
    return reviewed(desired, Live().state()), desired


def edited(**changes: Any) -> tuple[Plan, DesiredState]:
    """The standard campaign is live; the manifest changes the US ad set."""
    live = converged(desired_state(standard()))
    desired = desired_state(campaign(ad_sets=(ad_set(**changes),)))
    return reviewed(desired, live.state()), desired


def check(plan: Plan, desired: DesiredState, **rules: Any) -> list[Violation]:
    return list(check_policy(plan, desired, Rules(**rules)))


def violation(rule: str, address: str | None, message: str) -> Violation:
    return Violation(rule=rule, address=address, message=message)


# -- max_daily_budget ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("limit", "budget", "want"),
    [
        pytest.param(usd("500"), 500, [], id="at-the-limit"),
        pytest.param(
            usd("500"),
            501,
            [
                violation(
                    "max_daily_budget",
                    ROCK,
                    "daily budget $501.00 is over the limit of $500.00 per ad set",
                )
            ],
            id="over",
        ),
        pytest.param(
            Money(Decimal("400"), None),
            450,
            [
                violation(
                    "max_daily_budget",
                    ROCK,
                    "daily budget $450.00 is over the limit of $400.00 per ad set",
                )
            ],
            id="bare-number-is-the-account-currency",
        ),
        pytest.param(
            Money(Decimal("500"), "EUR"),
            100,
            [
                violation(
                    "max_daily_budget",
                    ROCK,
                    "the limit is in EUR, but this ad set bills in USD; campaignctl "
                    "does not convert currencies",
                )
            ],
            id="other-currency-fails-closed",
        ),
    ],
)
def test_max_daily_budget_on_creates(
    limit: Money, budget: int, want: list[Violation]
) -> None:
    plan, desired = fresh(ad_set(budget=daily(budget)))
    assert check(plan, desired, max_daily_budget=limit) == want


def test_max_daily_budget_checks_updates_that_change_the_budget_only() -> None:
    plan, desired = edited(budget=daily(900))
    assert [v.address for v in check(plan, desired, max_daily_budget=usd("500"))] == [
        ROCK
    ]
    plan, desired = edited(bid_micro_amount=13_000_000)
    assert plan.has_changes
    assert check(plan, desired, max_daily_budget=usd("100")) == []  # budget untouched


def test_lifetime_budgets_are_not_daily() -> None:
    plan, desired = fresh(
        ad_set(budget={"micro_amount": 9_000_000_000, "type": "LIFETIME"})
    )
    assert check(plan, desired, max_daily_budget=usd("500")) == []


# -- max_daily_budget_increase --------------------------------------------------------
def test_increase_adds_up_per_ad_set_and_decreases_do_not_offset() -> None:
    live = converged(desired_state(campaign(ad_sets=(ad_set("A"), ad_set("B")))))
    desired = desired_state(
        campaign(
            ad_sets=(ad_set("A", budget=daily(400)), ad_set("B", budget=daily(10)))
        )
    )
    plan = reviewed(desired, live.state())
    assert plan.spend["USD"].daily_delta == 110_000_000  # net: +250 - 140
    assert check(plan, desired, max_daily_budget_increase=usd("200")) == [
        violation(
            "max_daily_budget_increase",
            None,
            "this plan raises daily budgets (USD) by $250.00 in total, over the limit "
            "of $200.00 per plan",
        )
    ]
    assert check(plan, desired, max_daily_budget_increase=usd("250")) == []


def test_increase_counts_creates_and_switch_ons_but_not_switched_off_ad_sets() -> None:
    plan, desired = fresh(
        ad_set("On", budget=daily(300)), ad_set("Off", delivery="OFF")
    )
    found = check(plan, desired, max_daily_budget_increase=usd("299.99"))
    assert [v.message for v in found] == [
        "this plan raises daily budgets (USD) by $300.00 in total, over the limit of "
        "$299.99 per plan"
    ]


def test_increase_in_another_currency_fails_closed() -> None:
    plan, desired = fresh(ad_set(budget=daily(5)))
    assert [
        v.message
        for v in check(
            plan, desired, max_daily_budget_increase=Money(Decimal("1000"), "SEK")
        )
    ] == [
        "the limit is in SEK, but this plan raises USD daily budgets by $5.00; "
        "campaignctl does not convert currencies"
    ]


# -- require_frequency_caps ----------------------------------------------------------
def test_ad_sets_the_plan_touches_must_set_frequency_caps() -> None:
    plan, desired = fresh(
        without(ad_set("No Caps"), "frequency_caps"), ad_set("Capped")
    )
    assert check(plan, desired, require_frequency_caps=True) == [
        violation(
            "require_frequency_caps",
            "summer-launch-2030/no-caps",
            "the manifest sets no frequency_caps (the API would use its maximum, 5 "
            "per day, 35 per week, 50 per month)",
        )
    ]
    assert check(plan, desired, require_frequency_caps=False) == []


def test_untouched_ad_sets_without_caps_do_not_block() -> None:
    desired = desired_state(campaign(ad_sets=(without(ad_set(), "frequency_caps"),)))
    plan = reviewed(desired, converged(desired).state())
    assert not plan.has_changes
    assert check(plan, desired, require_frequency_caps=True) == []


# -- protect ---------------------------------------------------------------------------
def pruned() -> tuple[Plan, DesiredState]:
    desired = desired_state(standard().model_copy(update={"prune": True}))
    live = converged(desired)
    live.ad_sets.append(
        echo_ad_set(
            ad_set("Brand Always On").body,
            object_id=remote_id("brand"),
            campaign_id=remote_id("summer-launch-2030"),
            objective="REACH",
        )
    )
    return reviewed(desired, live.state()), desired


@pytest.mark.parametrize(
    ("glob", "blocked"),
    [
        ("brand*", True),  # names match case-insensitively
        ("summer-launch-2030/brand-*", True),  # so do addresses
        ("*/us-*", False),
        ("Other*", False),
    ],
)
def test_protected_objects_may_not_be_switched_off(glob: str, blocked: bool) -> None:
    plan, desired = pruned()
    want = [
        violation(
            "protect",
            "summer-launch-2030/brand-always-on",
            f"ad set 'Brand Always On' is protected ({glob!r}) and may not be "
            "switched off",
        )
    ]
    assert check(plan, desired, protect=(glob,)) == (want if blocked else [])


def test_protected_objects_may_not_be_replaced_nor_go_down_with_their_parent() -> None:
    live = converged(desired_state(standard()))
    desired = desired_state(campaign(objective="CLICKS", ad_sets=standard().ad_sets))
    plan = reviewed(desired, live.state())
    found = check(plan, desired, protect=("summer*", "spot a"))
    assert [(v.address, v.message) for v in found] == [
        (
            "summer-launch-2030",
            "campaign 'Summer Launch 2030' is protected ('summer*') and may not be "
            "replaced",
        ),
        (
            "summer-launch-2030/us-rock-fans",
            "ad set 'US Rock Fans' is protected ('summer*') and may not be switched "
            "off with its replaced parent",
        ),
        (
            "summer-launch-2030/us-rock-fans/spot-a",
            "ad 'Spot A' is protected ('summer*') and may not be switched off with "
            "its replaced parent",
        ),
        (
            "summer-launch-2030/us-rock-fans/spot-b",
            "ad 'Spot B' is protected ('summer*') and may not be switched off with "
            "its replaced parent",
        ),
    ]


# -- naming -------------------------------------------------------------------
def test_campaign_names_the_plan_gives_must_match() -> None:
    plan, desired = fresh(ad_set(), name="summer launch")
    assert check(plan, desired, naming=r"^[A-Z]") == [
        violation(
            "naming",
            "summer-launch",
            "campaign name 'summer launch' does not match '^[A-Z]'",
        )
    ]
    assert check(plan, desired, naming=r"launch$") == []


def test_naming_ignores_unchanged_campaigns_and_ad_set_names() -> None:
    live = converged(desired_state(campaign("lower case")))
    desired = desired_state(campaign("lower case", ad_sets=(ad_set("x lower"),)))
    plan = reviewed(desired, live.state())
    assert check(plan, desired, naming=r"^[A-Z]") == []


def test_violations_carry_the_manifest_location() -> None:
    plan, desired = fresh(ad_set(budget=daily(900)))
    places: dict[tuple[str, str | None], Location] = {
        (ROCK, "budget.micro_amount"): Location("campaigns/summer.yaml", 12, 7)
    }
    found = check_policy(
        plan,
        desired,
        Rules(max_daily_budget=usd("500")),
        locate=lambda address, field: places.get((address, field)),
    )
    assert [v.location for v in found] == ["campaigns/summer.yaml:12:7"]


def test_no_policy_no_violations() -> None:
    plan, desired = pruned()
    assert check(plan, desired) == []
