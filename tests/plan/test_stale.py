"""find_staleness / stale_error: each cause, and an applied plan recognised."""

from __future__ import annotations

import pytest

from campaignctl.errors import StalePlanError
from campaignctl.plan.model import Plan
from campaignctl.plan.stale import Staleness, find_staleness, stale_error
from campaignctl.plan.state import LiveState

from .builders import (
    COVER,
    Live,
    ad_set,
    campaign,
    converged,
    desired_state,
    standard,
)
from .echo import echo_asset, echo_campaign, remote_id
from .review_scenarios import reviewed

DIGEST = "a" * 64
ROCK = "summer-launch-2030/us-rock-fans"
LATER = "2030-01-21T09:00:00Z"


def saved(plan: Plan) -> Plan:
    return plan.model_copy(update={"manifest_digest": DIGEST})


def updating() -> tuple[Plan, Live]:
    """The US ad set's budget changes; everything else is live and unchanged."""
    live = converged(desired_state(standard()))
    desired = desired_state(
        campaign(
            ad_sets=(
                ad_set(
                    budget={"micro_amount": 200_000_000, "type": "DAILY"},
                    ads=standard().ad_sets[0].ads,
                ),
            )
        )
    )
    return saved(reviewed(desired, live.state())), live


def creating() -> tuple[Plan, Live]:
    """An empty account: the whole standard campaign is created."""
    live = Live()
    return saved(reviewed(desired_state(standard()), live.state())), live


def test_a_plan_is_fresh_until_something_changes() -> None:
    for plan, live in (updating(), creating()):
        assert find_staleness(plan, digest=DIGEST, live=live.state()) == Staleness(
            None, ()
        )


def test_changed_manifests() -> None:
    plan, live = updating()
    found = find_staleness(plan, digest="b" * 64, live=live.state())
    assert found == Staleness(
        "the manifests changed since the plan was made (digest aaaaaaaaaaaa → "
        "bbbbbbbbbbbb)",
        (),
    )


def test_a_planned_object_changed_live() -> None:
    plan, live = updating()
    live.find("Spot B")["updated_at"] = LATER  # a no-op entry changed too
    live.find("US Rock Fans")["updated_at"] = LATER
    found = find_staleness(plan, digest=DIGEST, live=live.state())
    assert found.objects == (
        (
            ROCK,
            f"changed live since planning (updated_at 2030-01-15T10:00:00Z → {LATER})",
        ),
        (
            ROCK + "/spot-b",
            f"changed live since planning (updated_at 2030-01-15T10:00:00Z → {LATER})",
        ),
    )
    assert not found.looks_applied  # Spot B was not part of the plan's changes


def test_a_planned_object_vanished() -> None:
    plan, live = updating()
    live.ad_sets.clear()
    found = find_staleness(plan, digest=DIGEST, live=live.state())
    assert found.objects[0] == (
        ROCK,
        f"no longer exists live (id {remote_id(ROCK)})",
    )


@pytest.mark.parametrize("kind", ["campaign", "asset"])
def test_a_create_whose_object_now_exists(kind: str) -> None:
    plan, live = creating()
    if kind == "campaign":
        obj = echo_campaign({"name": "Summer Launch 2030"}, object_id=remote_id("c"))
        live.campaigns.append(obj)
        want = (
            "summer-launch-2030",
            "was to be created, but a campaign named 'Summer Launch 2030' now "
            f"exists live (id {obj['id']})",
        )
    else:
        obj = echo_asset(COVER.name, "IMAGE", object_id=remote_id("a"))
        live.assets.append(obj)
        want = (
            f"asset:{COVER.name}",
            f"was to be created, but an asset named '{COVER.name}' now exists "
            f"live (id {obj['id']})",
        )
    found = find_staleness(plan, digest=DIGEST, live=live.state())
    assert found.objects == (want,)


def test_an_ad_set_created_under_a_live_campaign_now_exists() -> None:
    live = converged(desired_state(campaign()))
    desired = desired_state(standard())
    plan = saved(reviewed(desired, live.state()))
    after = converged(desired)  # the same ids: the campaign is the one planned on
    found = find_staleness(plan, digest=DIGEST, live=after.state())
    assert [address for address, _ in found.objects] == [ROCK]
    assert found.looks_applied


def test_an_applied_plan_is_recognised() -> None:
    plan, live = updating()
    live.find("US Rock Fans")["updated_at"] = LATER
    found = find_staleness(plan, digest=DIGEST, live=live.state())
    assert found.looks_applied
    error = stale_error("plan.json", found)
    assert isinstance(error, StalePlanError)
    assert error.exit_code == 4
    assert error.render() == (
        "the saved plan plan.json is stale; nothing was applied:\n"
        f"  - {ROCK}: changed live since planning (updated_at 2030-01-15T10:00:00Z "
        f"→ {LATER})\n"
        "  hint: every object this plan changes has changed since it was made: it "
        "looks applied already. Run `campaignctl plan` to see what is left to do"
    )


def test_the_message_names_every_cause() -> None:
    plan, live = creating()
    live.campaigns.append(
        echo_campaign({"name": "Summer Launch 2030"}, object_id=remote_id("c"))
    )
    found = find_staleness(plan, digest="c" * 64, live=live.state())
    assert stale_error("p.json", found).render().splitlines() == [
        "the saved plan p.json is stale; nothing was applied:",
        "  - the manifests changed since the plan was made (digest aaaaaaaaaaaa → "
        "cccccccccccc)",
        "  - summer-launch-2030: was to be created, but a campaign named 'Summer "
        f"Launch 2030' now exists live (id {remote_id('c')})",
        "  hint: make a new plan (`campaignctl plan PATH... --out FILE`), review "
        "it, and apply that one",
    ]


def test_an_unreadable_account_is_stale() -> None:
    plan, _ = updating()
    found = find_staleness(plan, digest=DIGEST, live=LiveState())
    assert {why for _, why in found.objects} == {
        "ad account 00000000-0000-4000-a000-000000000001 is no longer readable"
    }
