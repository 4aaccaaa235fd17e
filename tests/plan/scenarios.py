"""Named plans covering every action, for the renderers' golden files."""

from __future__ import annotations

from collections.abc import Callable

from campaignctl.plan.model import Plan
from campaignctl.plan.planner import build_plan
from campaignctl.plan.state import LiveAccount, LiveState

from .builders import (
    NOW,
    Live,
    ad,
    ad_set,
    campaign,
    converged,
    desired_state,
    standard,
)
from .echo import echo_ad_set, remote_id

EURO_ACCOUNT = "00000000-0000-4000-a000-0000000000e0"


def create() -> Plan:
    """An empty account: every asset, campaign, ad set and ad is created."""
    return build_plan(desired_state(standard()), Live().state(), now=NOW)


def update() -> Plan:
    """Live edits made behind campaignctl's back, plus a rename through a pin."""
    desired = desired_state(standard())
    live = converged(desired)
    rock = live.find("US Rock Fans")
    rock["budget"]["micro_amount"] = 100_000_000
    rock["targets"]["genre_ids"] = ["jazz", "rock"]
    rock["frequency_caps"] = []
    rock["end_time"] = "2030-07-15T12:30:00Z"
    rock["bid_micro_amount"] = 9_500_000
    live.find("Spot B")["tagline"] = "Old tagline"
    live.find("Spot A")["name"] = "Spot A (old name)"
    pinned = campaign(
        ad_sets=(
            ad_set(
                ads=(
                    ad(
                        "Spot A",
                        pin=remote_id("summer-launch-2030/us-rock-fans/spot-a"),
                    ),
                    standard().ad_sets[0].ads[1],
                )
            ),
        )
    )
    return build_plan(desired_state(pinned), live.state(), now=NOW)


def replace() -> Plan:
    """A create-only field changed: the ad set is replaced, its ads re-created."""
    live = converged(desired_state(standard()))
    video = campaign(
        ad_sets=(
            ad_set(
                bid_strategy="AUTOBID",
                bid_micro_amount=None,
                ads=standard().ad_sets[0].ads,
            ),
        )
    )
    return build_plan(desired_state(video), live.state(), now=NOW)


def disable() -> Plan:
    """A pruning campaign: an ad set left out and a leftover of a replace."""
    desired = desired_state(standard())
    live = converged(desired)
    for name, budget in (
        ("UK Podcast Fans", 4_000_000_000),
        ("US Rock Fans (replaced 2030-01-10)", 150_000_000),
    ):
        live.ad_sets.append(
            echo_ad_set(
                ad_set(name, budget={"micro_amount": budget, "type": "LIFETIME"}).body,
                object_id=remote_id(name),
                campaign_id=remote_id("summer-launch-2030"),
                objective="REACH",
            )
        )
    pruning = standard().model_copy(update={"prune": True})
    return build_plan(desired_state(pruning), live.state(), now=NOW)


def unmanaged() -> Plan:
    """No prune: children no manifest names are listed, not touched."""
    desired = desired_state(standard())
    live = converged(desired)
    extra = desired_state(campaign(ad_sets=(ad_set(ads=(ad("Legacy Spot"),)),)))
    live.ads += [a for a in converged(extra).ads if a["name"] == "Legacy Spot"]
    live.ad_sets.append(
        echo_ad_set(
            ad_set("Holiday Test").body,
            object_id=remote_id("holiday"),
            campaign_id=remote_id("summer-launch-2030"),
            objective="REACH",
        )
    )
    return build_plan(desired, live.state(), now=NOW)


def two_accounts() -> Plan:
    """Two ad accounts (USD and EUR) and a risky update that warns."""
    started = campaign(
        ad_sets=(ad_set(start_time="2030-01-01T00:00:00Z", pacing="PACING_ASAP"),)
    )
    live = converged(desired_state(started))
    live.find("US Rock Fans")["pacing"] = "PACING_EVEN"
    later = campaign(
        ad_sets=(ad_set(start_time="2030-02-01T00:00:00Z", pacing="PACING_ASAP"),)
    )
    euro = campaign("Sommar").model_copy(update={"account_id": EURO_ACCOUNT})
    euro = euro.model_copy(
        update={
            "ad_sets": (
                ad_set("SE Pop", currency="EUR").model_copy(
                    update={"address": "sommar/se-pop"}
                ),
            )
        }
    )
    euro_live = LiveAccount(
        account={"id": EURO_ACCOUNT, "currency_code": "EUR"},
    )
    state = live.state()
    accounts = {**state.accounts, EURO_ACCOUNT: euro_live}
    return build_plan(desired_state(later, euro), LiveState(accounts=accounts), now=NOW)


def no_changes() -> Plan:
    desired = desired_state(standard())
    return build_plan(desired, converged(desired).state(), now=NOW)


SCENARIOS: dict[str, Callable[[], Plan]] = {
    "create": create,
    "update": update,
    "replace": replace,
    "disable": disable,
    "unmanaged": unmanaged,
    "no-changes": no_changes,
    "two-accounts": two_accounts,
}
