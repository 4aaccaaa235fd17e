"""build_plan: what it refuses, with messages that say what to do."""

from __future__ import annotations

import pytest

from campaignctl.errors import PlanError
from campaignctl.plan.planner import build_plan
from campaignctl.plan.state import DesiredState, LiveState

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
from .echo import ACCOUNT, echo_ad_set, remote_id

C = "summer-launch-2030"
S = f"{C}/us-rock-fans"
HINT = "fix the manifests (or pin objects with `id:`) and plan again"


def problems(desired: DesiredState, live: LiveState) -> list[str]:
    with pytest.raises(PlanError) as raised:
        build_plan(desired, live, now=NOW)
    assert raised.value.hint == HINT
    head, *lines = raised.value.message.splitlines()
    assert head == "The plan cannot be made:"
    return [line.removeprefix("  - ") for line in lines]


def test_two_live_siblings_with_the_wanted_name_are_ambiguous() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(),)))
    live = converged(desired)
    twin = echo_ad_set(
        ad_set().body,
        object_id=remote_id("twin"),
        campaign_id=remote_id(C),
        objective="REACH",
    )
    live.ad_sets.append(twin)
    ids = ", ".join(sorted([remote_id(S), remote_id("twin")]))
    assert problems(desired, live.state()) == [
        f"ad set 'US Rock Fans' ({S}): 2 live ad sets under campaign "
        f"'Summer Launch 2030' have this name ({ids}); pin the one to manage with "
        "`id: <uuid>` in the manifest, or rename the others"
    ]


def test_a_pin_resolves_the_ambiguity() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(),)))
    live = converged(desired)
    live.ad_sets.append(
        echo_ad_set(
            ad_set().body,
            object_id=remote_id("twin"),
            campaign_id=remote_id(C),
            objective="REACH",
        )
    )
    pinned = desired_state(campaign(ad_sets=(ad_set(pin=remote_id(S)),)))
    plan = build_plan(pinned, live.state(), now=NOW)
    assert not plan.has_changes
    assert plan.unmanaged == (f"{S}@{remote_id('twin')}",)


def test_every_problem_is_reported_at_once() -> None:
    desired = desired_state(
        campaign(pin="00000000-0000-4000-8000-00000000dead"),
        campaign(
            "Autumn Push",
            ad_sets=(
                ad_set(currency="EUR", start_time="2030-01-20T12:30:00Z"),
                ad_set("Late", start_time="2030-01-20T13:00:00Z"),
            ),
        ),
    )
    assert problems(desired, Live().state()) == [
        "campaign 'Summer Launch 2030' (summer-launch-2030) pins "
        "id:00000000-0000-4000-8000-00000000dead, but the ad account has no such "
        "campaign; remove the pin to create it, or fix the id",
        "ad set 'US Rock Fans' (autumn-push/us-rock-fans) is written in EUR, but ad "
        f"account {ACCOUNT} bills in USD; write its money in USD",
        "ad set 'US Rock Fans' (autumn-push/us-rock-fans): start "
        "2030-01-20T12:30:00Z must be at least 1 hour in the future to create it "
        "(the API rejects earlier starts); move it after 2030-01-20T13:00:00Z",
    ]


def test_a_pin_to_an_object_under_another_parent_is_refused() -> None:
    desired = desired_state(standard(), campaign("Autumn Push", ad_sets=(ad_set(),)))
    live = converged(desired)
    moved = desired_state(
        standard(),
        campaign("Autumn Push", ad_sets=(ad_set(pin=remote_id(S)),)),
    )
    assert problems(moved, live.state()) == [
        f"ad set 'US Rock Fans' (autumn-push/us-rock-fans) pins id:{remote_id(S)}, "
        "which is not under campaign 'Autumn Push'; an ad set cannot move to "
        "another parent"
    ]


def test_a_pin_under_a_new_parent_is_refused() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(ads=(ad(pin=remote_id("x")),)),)))
    assert problems(desired, Live().state()) == [
        f"ad 'Spot A' ({S}/spot-a) pins id:{remote_id('x')}, but its parent {S} is "
        "being created; live objects cannot move, so remove the pin"
    ]


def test_replacing_an_ad_set_that_already_started_is_refused() -> None:
    started = desired_state(
        campaign(ad_sets=(ad_set(start_time="2030-01-01T00:00:00Z"),))
    )
    live = converged(started)
    video = desired_state(
        campaign(
            ad_sets=(ad_set(start_time="2030-01-01T00:00:00Z", bid_strategy="AUTOBID"),)
        )
    )
    assert problems(video, live.state()) == [
        f"ad set 'US Rock Fans' ({S}): start 2030-01-01T00:00:00Z must be at least "
        "1 hour in the future to replace it (the API rejects earlier starts); move "
        "it after 2030-01-20T13:00:00Z"
    ]


def test_a_missing_account_is_reported() -> None:
    assert problems(desired_state(standard()), LiveState()) == [
        f"ad account {ACCOUNT} was not found (or is not readable with these "
        "credentials); check the account id or alias in the manifests"
    ]


def test_sibling_addresses_must_differ() -> None:
    twins = (ad_set("Rock Fans"), ad_set("rock fans"))
    desired = desired_state(campaign(ad_sets=twins))
    assert problems(desired, Live().state()) == [
        f"{C}/rock-fans: 2 manifest objects share this address; give siblings names "
        "that differ in more than case and punctuation"
    ]


def test_an_ad_using_an_undeclared_asset_is_reported() -> None:
    desired = DesiredState(campaigns=desired_state(standard()).campaigns)
    messages = problems(desired, Live().state())
    assert messages[0].startswith(f"ad 'Spot A' ({S}/spot-a) uses an asset (sha256 ")
    assert messages[0].endswith(") that no manifest declares")
    assert len(messages) == 2


def test_one_object_pinned_twice_is_refused() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(),)))
    live = converged(desired)
    pin = remote_id(S)
    twice = desired_state(campaign(ad_sets=(ad_set(pin=pin), ad_set("Other", pin=pin))))
    assert problems(twice, live.state()) == [
        f"ad set 'Other': id:{pin} is pinned twice"
    ]
