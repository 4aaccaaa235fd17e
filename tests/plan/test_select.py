"""select_actions: --only / --except with dependencies pulled in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.plan.impact import contribution
from campaignctl.plan.model import Action, Plan, Selection, SpendImpact
from campaignctl.plan.select import matches, select_actions

from .builders import (
    COVER,
    LOGO,
    SPOT,
    SPOT_B,
    Live,
    ad,
    ad_set,
    campaign,
    converged,
    desired_state,
    standard,
)
from .review_scenarios import reviewed

US = "summer-launch-2030/us-rock-fans"
DE = "summer-launch-2030/de-pop-fans"


def two_markets() -> Plan:
    """An empty account: one campaign, two ad sets with their ads, 4 assets."""
    desired = desired_state(
        campaign(
            ad_sets=(
                ad_set("US Rock Fans", ads=(ad("Spot A"),)),
                ad_set("DE Pop Fans", ads=(ad("Spot B"),)),
            )
        )
    )
    return reviewed(desired, Live().state())


def addresses(plan: Plan) -> list[str]:
    return [a.address for a in plan.actions]


@pytest.mark.parametrize(
    ("address", "pattern", "want"),
    [
        ("summer-launch-2030", "summer-*", True),
        (US, "summer-*", True),
        (US, "summer-launch-2030", True),  # a campaign selects its subtree
        (US + "/spot-a", "*/us-*", True),
        (US, "*/de-*", False),
        ("summer-launch-2030", "*/us-*", False),
        ("asset:cover-abc.png", "asset:cover-*", True),
        (US, "Summer-*", False),  # addresses are lower-case; globs are exact
    ],
)
def test_matches(address: str, pattern: str, want: bool) -> None:
    assert matches(address, pattern) is want


def test_no_selectors_change_nothing() -> None:
    plan = two_markets()
    assert select_actions(plan) is plan


def test_only_pulls_in_the_parent_create_and_the_assets_its_ads_need() -> None:
    plan = select_actions(two_markets(), only=("*/us-*",))
    assert addresses(plan) == [
        f"asset:{COVER.name}",
        f"asset:{LOGO.name}",
        f"asset:{SPOT.name}",
        "summer-launch-2030",
        US,
        US + "/spot-a",
    ]
    assert plan.selection == Selection(
        only=("*/us-*",),
        left_out=(f"asset:{SPOT_B.name}", DE, DE + "/spot-b"),
        pulled_in=(
            f"asset:{COVER.name}",
            f"asset:{LOGO.name}",
            f"asset:{SPOT.name}",
            "summer-launch-2030",
        ),
    )


def test_except_leaves_a_subtree_out() -> None:
    plan = select_actions(two_markets(), exclude=(DE,))
    assert DE not in addresses(plan)
    assert DE + "/spot-b" not in addresses(plan)
    assert plan.selection is not None
    assert plan.selection.left_out == (DE, DE + "/spot-b")
    assert plan.selection.pulled_in == ()


def test_an_excluded_dependency_is_pulled_back_in() -> None:
    plan = select_actions(
        two_markets(), only=("*/us-*",), exclude=("summer-launch-2030",)
    )
    assert addresses(plan) == []  # the exclusion covers the whole subtree
    plan = select_actions(two_markets(), only=(US,), exclude=("asset:*",))
    assert plan.selection is not None
    assert f"asset:{SPOT.name}" in plan.selection.pulled_in


def test_a_chosen_replace_brings_its_recreated_children() -> None:
    live = converged(desired_state(standard()))
    desired = desired_state(
        campaign(
            ad_sets=(ad_set(bid_strategy="AUTOBID", ads=standard().ad_sets[0].ads),)
        )
    )
    full = reviewed(desired, live.state())
    plan = select_actions(full, only=(US,), exclude=(US + "/*",))
    assert [
        (a.address, a.action) for a in plan.actions if a.action is not Action.NOOP
    ] == [
        (US, Action.REPLACE),
        (US + "/spot-a", Action.CREATE),
        (US + "/spot-b", Action.CREATE),
    ]
    assert plan.selection is not None
    assert plan.selection.pulled_in == (US + "/spot-a", US + "/spot-b")


def test_spend_counts_only_what_is_kept() -> None:
    full = two_markets()
    plan = select_actions(full, only=("*/us-*",))
    assert full.spend["USD"] == SpendImpact(daily_after=300_000_000)
    assert plan.spend["USD"] == SpendImpact(daily_after=150_000_000)
    kept = sum(contribution(a).daily_delta for a in plan.actions)
    assert kept == plan.spend["USD"].daily_delta


def test_patterns_that_match_nothing_warn() -> None:
    plan = select_actions(two_markets(), only=("*/us-*", "typo*"), exclude=("nope",))
    assert plan.warnings == (
        "--only 'typo*' matches no object in this plan",
        "--except 'nope' matches no object in this plan",
    )


PATTERNS = st.sampled_from(
    ["*", "summer-*", "*/us-*", "*/de-*", US, DE + "/*", "asset:*", "asset:spot-*", "x"]
)


@given(
    only=st.lists(PATTERNS, max_size=2, unique=True),
    exclude=st.lists(PATTERNS, max_size=2, unique=True),
)
def test_any_selection_is_closed_and_accounts_for_every_change(
    only: list[str], exclude: list[str]
) -> None:
    full = two_markets()
    plan = select_actions(full, only=only, exclude=exclude)
    kept = set(addresses(plan))
    for action in plan.actions:  # apply can run it: every dependency is kept
        assert set(action.depends_on) <= kept
    changing = {a.address for a in full.actions if a.action is not Action.NOOP}
    if only or exclude:
        assert plan.selection is not None
        assert set(plan.selection.left_out) == changing - kept
        assert set(plan.selection.pulled_in) <= kept
    kept_delta = sum(contribution(a).daily_delta for a in plan.actions)
    assert plan.spend.get("USD", SpendImpact()).daily_delta == kept_delta
