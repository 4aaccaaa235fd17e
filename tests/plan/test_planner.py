"""build_plan: desired + live → actions (terraform-style tables, whole objects)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from campaignctl.plan.model import (
    Action,
    AssetUpload,
    FieldChange,
    Kind,
    Plan,
    ResourceAction,
    SpendImpact,
)
from campaignctl.plan.planner import build_plan

from .builders import (
    COVER,
    LOGO,
    NOW,
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
from .echo import ACCOUNT, CREATED, remote_id

C = "summer-launch-2030"
S = f"{C}/us-rock-fans"
A = f"{S}/spot-a"
TARGETS = {
    "age_ranges": [{"max": 34, "min": 18}],
    "genre_ids": ["blues", "rock"],
    "geo_targets": {
        "city_ids": [],
        "country_code": "US",
        "postal_code_ids": [],
        "region_ids": [],
    },
    "placements": ["MUSIC"],
    "platforms": ["ANDROID", "IOS"],
}


def caps(*caps: tuple[str, int]) -> list[dict[str, Any]]:
    return [
        {"frequency_period": 1, "frequency_unit": unit, "max_impressions": n}
        for unit, n in caps
    ]


def changed(plan: Plan) -> list[ResourceAction]:
    return [a for a in plan.actions if a.action is not Action.NOOP]


def existing(
    address: str, kind: Kind, action: Action, name: str, **extra: Any
) -> ResourceAction:
    """An action on a live object created by ``converged`` (ids from addresses)."""
    parent = address.rsplit("/", 1)[0] if "/" in address else None
    return ResourceAction(
        address=address,
        kind=kind,
        action=action,
        account_id=ACCOUNT,
        name=name,
        remote_id=remote_id(address),
        parent=parent,
        updated_at=CREATED,
        **extra,
    )


def test_converged_account_plans_only_no_ops() -> None:
    desired = desired_state(standard())
    plan = build_plan(desired, converged(desired).state(), now=NOW)
    assets = [
        ResourceAction(
            address=f"asset:{a.name}",
            kind=Kind.ASSET,
            action=Action.NOOP,
            account_id=ACCOUNT,
            name=a.name,
            remote_id=remote_id(a.name),
            updated_at=CREATED,
        )
        for a in sorted((SPOT, SPOT_B, COVER, LOGO), key=lambda a: a.name)
    ]
    assert plan == Plan(
        accounts={ACCOUNT: "USD"},
        spend={"USD": SpendImpact(daily_before=150_000_000, daily_after=150_000_000)},
        actions=(
            *assets,
            existing(C, Kind.CAMPAIGN, Action.NOOP, "Summer Launch 2030"),
            existing(S, Kind.AD_SET, Action.NOOP, "US Rock Fans"),
            existing(A, Kind.AD, Action.NOOP, "Spot A"),
            existing(f"{S}/spot-b", Kind.AD, Action.NOOP, "Spot B"),
        ),
    )
    assert not plan.has_changes


def test_empty_account_creates_everything_parents_first() -> None:
    desired = desired_state(
        campaign(ad_sets=(ad_set(ads=(ad(),)),)), assets=(SPOT, COVER, LOGO)
    )
    plan = build_plan(desired, Live().state(), now=NOW)
    spot_upload = AssetUpload(
        path="assets/spot-a.wav",
        digest=SPOT.digest,
        media_type="audio/wav",
        size=12,
        asset_type="AUDIO",
        asset_subtype="USER_UPLOADED_AUDIO",
    )
    assert plan.actions[2] == ResourceAction(
        address=f"asset:{SPOT.name}",
        kind=Kind.ASSET,
        action=Action.CREATE,
        account_id=ACCOUNT,
        name=SPOT.name,
        body={
            "name": SPOT.name,
            "asset_type": "AUDIO",
            "asset_subtype": "USER_UPLOADED_AUDIO",
        },
        asset=spot_upload,
    )
    assert plan.actions[3:] == (
        ResourceAction(
            address=C,
            kind=Kind.CAMPAIGN,
            action=Action.CREATE,
            account_id=ACCOUNT,
            name="Summer Launch 2030",
            body={"name": "Summer Launch 2030", "objective": "REACH"},
            changes=(
                FieldChange(path="name", after="Summer Launch 2030"),
                FieldChange(path="objective", after="REACH"),
            ),
        ),
        ResourceAction(
            address=S,
            kind=Kind.AD_SET,
            action=Action.CREATE,
            account_id=ACCOUNT,
            name="US Rock Fans",
            parent=C,
            body=ad_set().body,
            refs={"campaign_id": C},
            changes=(
                FieldChange(path="asset_format", after="AUDIO"),
                FieldChange(path="bid_micro_amount", after=12_000_000),
                FieldChange(path="bid_strategy", after="MAX_BID"),
                FieldChange(path="budget.micro_amount", after=150_000_000),
                FieldChange(path="budget.type", after="DAILY"),
                FieldChange(path="category", after="ADV_21_182"),
                FieldChange(path="delivery", after="ON"),
                FieldChange(path="end_time", after="2030-06-30T00:00:00Z"),
                FieldChange(
                    path="frequency_caps",
                    after=caps(("DAY", 3), ("WEEK", 10)),
                ),
                FieldChange(path="name", after="US Rock Fans"),
                FieldChange(path="start_time", after="2030-06-01T00:00:00Z"),
                FieldChange(path="targets.age_ranges", after=[{"max": 34, "min": 18}]),
                FieldChange(path="targets.genre_ids", after=["blues", "rock"]),
                FieldChange(path="targets.geo_targets.country_code", after="US"),
                FieldChange(path="targets.placements", after=["MUSIC"]),
                FieldChange(path="targets.platforms", after=["ANDROID", "IOS"]),
            ),
        ),
        ResourceAction(
            address=A,
            kind=Kind.AD,
            action=Action.CREATE,
            account_id=ACCOUNT,
            name="Spot A",
            parent=S,
            body={**ad().body, "assets": {}},
            refs={
                "ad_set_id": S,
                "assets.asset_id": f"asset:{SPOT.name}",
                "assets.companion_asset_id": f"asset:{COVER.name}",
                "assets.logo_asset_id": f"asset:{LOGO.name}",
            },
            changes=(
                FieldChange(path="advertiser_name", after="Nightjar Records"),
                FieldChange(path="assets.asset_id", after=SPOT.name),
                FieldChange(path="assets.companion_asset_id", after=COVER.name),
                FieldChange(path="assets.logo_asset_id", after=LOGO.name),
                FieldChange(
                    path="call_to_action.clickthrough_url",
                    after="https://example.com/listen",
                ),
                FieldChange(path="call_to_action.key", after="LISTEN_NOW"),
                FieldChange(path="delivery", after="ON"),
                FieldChange(path="name", after="Spot A"),
                FieldChange(path="tagline", after="New album out now"),
            ),
        ),
    )
    assert plan.spend == {"USD": SpendImpact(daily_after=150_000_000)}


def test_new_children_of_existing_parents_get_remote_ids_in_the_body() -> None:
    before = desired_state(campaign(ad_sets=(ad_set(),)))
    live = converged(before)
    after = desired_state(campaign(ad_sets=(ad_set(ads=(ad(),)),)))
    (action,) = changed(build_plan(after, live.state(), now=NOW))
    assert action.body == {
        **ad().body,
        "ad_set_id": remote_id(S),
        "assets": {
            "asset_id": remote_id(SPOT.name),
            "companion_asset_id": remote_id(COVER.name),
            "logo_asset_id": remote_id(LOGO.name),
        },
    }
    assert action.refs == {}


Edit = Callable[[Live], None]


def _set(name: str, path: str, value: Any) -> Edit:
    """An edit made behind campaignctl's back: live[name][path] = value."""

    def edit(live: Live) -> None:
        *parents, leaf = path.split(".")
        target = live.find(name)
        for key in parents:
            target = target[key]
        target[leaf] = value

    return edit


UPDATES = [
    pytest.param(
        _set("US Rock Fans", "budget.micro_amount", 100_000_000),
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"budget": {"micro_amount": 150_000_000, "type": "DAILY"}},
            changes=(
                FieldChange(
                    path="budget.micro_amount", before=100_000_000, after=150_000_000
                ),
            ),
        ),
        id="budget-micros",
    ),
    pytest.param(
        _set("US Rock Fans", "targets.genre_ids", ["jazz", "rock"]),
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"targets": TARGETS},
            changes=(
                FieldChange(
                    path="targets.genre_ids",
                    before=["jazz", "rock"],
                    after=["blues", "rock"],
                ),
            ),
        ),
        id="targets-set-whole",
    ),
    pytest.param(
        _set("US Rock Fans", "targets.language", "en"),
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"targets": TARGETS},
            changes=(FieldChange(path="targets.language", before="en"),),
        ),
        id="targets-extra-field-removed",
    ),
    pytest.param(
        _set("US Rock Fans", "targets.artist_ids", ["1dfeR4HaWDbWqFHLkxsg1d"]),
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"targets": {**TARGETS, "artist_ids": []}},
            changes=(
                FieldChange(
                    path="targets.artist_ids", before=["1dfeR4HaWDbWqFHLkxsg1d"]
                ),
            ),
        ),
        id="targets-array-cleared-explicitly",
    ),
    pytest.param(
        _set("US Rock Fans", "frequency_caps", []),
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"frequency_caps": caps(("DAY", 3), ("WEEK", 10))},
            changes=(
                FieldChange(
                    path="frequency_caps",
                    before=caps(("DAY", 5), ("MONTH", 50), ("WEEK", 35)),
                    after=caps(("DAY", 3), ("WEEK", 10)),
                ),
            ),
        ),
        id="frequency-caps-whole-empty-means-defaults",
    ),
    pytest.param(
        _set("US Rock Fans", "delivery", "OFF"),
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"delivery": "ON"},
            changes=(FieldChange(path="delivery", before="OFF", after="ON"),),
        ),
        id="delivery-switched-off-behind-our-back",
    ),
    pytest.param(
        _set("US Rock Fans", "pacing", "PACING_ASAP"),
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"pacing": "PACING_EVEN"},
            changes=(
                FieldChange(path="pacing", before="PACING_ASAP", after="PACING_EVEN"),
            ),
        ),
        id="always-managed-default-restored",
    ),
    pytest.param(
        _set("Spot A", "call_to_action.key", "SHOP_NOW"),
        existing(
            A,
            Kind.AD,
            Action.UPDATE,
            "Spot A",
            body={
                "call_to_action": {
                    "clickthrough_url": "https://example.com/listen",
                    "key": "LISTEN_NOW",
                    "language": "ENGLISH",
                }
            },
            changes=(
                FieldChange(
                    path="call_to_action.key", before="SHOP_NOW", after="LISTEN_NOW"
                ),
            ),
        ),
        id="call-to-action-whole",
    ),
    pytest.param(
        _set("Spot A", "assets.asset_id", remote_id(SPOT_B.name)),
        existing(
            A,
            Kind.AD,
            Action.REPLACE,
            "Spot A",
            body={
                **ad().body,
                "ad_set_id": remote_id(S),
                "assets": {
                    "asset_id": remote_id(SPOT.name),
                    "companion_asset_id": remote_id(COVER.name),
                    "logo_asset_id": remote_id(LOGO.name),
                },
            },
            changes=(
                FieldChange(
                    path="assets.asset_id",
                    before=SPOT_B.name,
                    after=SPOT.name,
                    forces_replace=True,
                ),
            ),
            reason=f"assets.asset_id is create-only ({SPOT_B.name} → {SPOT.name})",
        ),
        id="asset-swapped-by-content-replaces-the-ad",
    ),
    pytest.param(
        _set("US Rock Fans", "start_time", "2030-06-01T00:00:00.000+00:00"),
        None,
        id="time-format-is-not-a-change",
    ),
    pytest.param(
        _set("US Rock Fans", "bid_micro_amount", "12000000"),
        None,
        id="int64-as-string-is-not-a-change",
    ),
    pytest.param(
        _set("Summer Launch 2030", "status", "PAUSED"),
        None,
        id="unmanaged-field-ignored",
    ),
]


@pytest.mark.parametrize(("edit", "want"), UPDATES)
def test_live_edits_plan_field_level_updates(
    edit: Edit, want: ResourceAction | None
) -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(ads=(ad(),)),)))
    live = converged(desired)
    edit(live)
    assert changed(build_plan(desired, live.state(), now=NOW)) == (
        [want] if want else []
    )


def test_create_only_change_replaces_and_recreates_children() -> None:
    before = desired_state(campaign(ad_sets=(ad_set(ads=(ad(),)),)))
    live = converged(before)
    after = desired_state(
        campaign(ad_sets=(ad_set(ads=(ad(),), bid_strategy="AUTOBID"),))
    )
    replaced, child = changed(build_plan(after, live.state(), now=NOW))
    body = {**ad_set().body, "bid_strategy": "AUTOBID", "campaign_id": remote_id(C)}
    assert replaced == existing(
        S,
        Kind.AD_SET,
        Action.REPLACE,
        "US Rock Fans",
        body=body,
        changes=(
            FieldChange(
                path="bid_strategy",
                before="MAX_BID",
                after="AUTOBID",
                forces_replace=True,
            ),
        ),
        reason="bid_strategy is create-only (MAX_BID → AUTOBID)",
    )
    assert (child.action, child.reason, child.remote_id) == (
        Action.CREATE,
        "parent replaced",
        None,
    )
    assert child.refs == {"ad_set_id": S}
    assert child.body is not None and "ad_set_id" not in child.body


def test_campaign_replace_cascades_to_every_descendant() -> None:
    desired = desired_state(standard())
    live = converged(desired)
    live.find("Summer Launch 2030")["objective"] = "CLICKS"
    plan = build_plan(desired, live.state(), now=NOW)
    summary = [(a.action, a.address, a.refs, a.reason) for a in changed(plan)]
    assert summary == [
        (
            Action.REPLACE,
            C,
            {},
            "objective is create-only (CLICKS → REACH)",
        ),
        (Action.CREATE, S, {"campaign_id": C}, "parent replaced"),
        (Action.CREATE, A, {"ad_set_id": S}, "parent replaced"),
        (Action.CREATE, f"{S}/spot-b", {"ad_set_id": S}, "parent replaced"),
    ]
    # the old campaign is switched off: its delivering budget stops
    assert plan.spend == {
        "USD": SpendImpact(daily_before=150_000_000, daily_after=150_000_000)
    }


def test_pin_adopts_a_differently_named_object_as_a_rename() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(),)))
    live = converged(desired)
    live.find("US Rock Fans")["name"] = "Old name"
    pinned = desired_state(campaign(ad_sets=(ad_set(pin=remote_id(S)),)))
    assert changed(build_plan(pinned, live.state(), now=NOW)) == [
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"name": "US Rock Fans"},
            changes=(
                FieldChange(path="name", before="Old name", after="US Rock Fans"),
            ),
        )
    ]


def test_without_a_pin_a_renamed_object_is_a_new_one() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(),)))
    live = converged(desired)
    live.find("US Rock Fans")["name"] = "Old name"
    actions = changed(build_plan(desired, live.state(), now=NOW))
    assert [(a.action, a.address) for a in actions] == [(Action.CREATE, S)]


def test_unchanged_past_start_of_a_live_object_is_not_rechecked() -> None:
    desired = desired_state(
        campaign(ad_sets=(ad_set(start_time="2030-01-01T00:00:00Z"),))
    )
    live = converged(desired)
    plan = build_plan(desired, live.state(), now=NOW)
    assert not plan.has_changes


def test_start_change_on_a_started_ad_set_is_an_update_with_a_warning() -> None:
    started = desired_state(
        campaign(ad_sets=(ad_set(start_time="2030-01-01T00:00:00Z"),))
    )
    live = converged(started)
    later = desired_state(
        campaign(ad_sets=(ad_set(start_time="2030-02-01T00:00:00Z"),))
    )
    plan = build_plan(later, live.state(), now=NOW)
    assert [a.action for a in changed(plan)] == [Action.UPDATE]
    assert plan.warnings == (
        f"ad set 'US Rock Fans' ({S}): has already started; the API may refuse "
        "a new start time",
    )


def test_plan_is_deterministic_and_independent_of_live_order() -> None:
    desired = desired_state(standard(), campaign("Autumn Push", ad_sets=(ad_set(),)))
    live = converged(desired, seed=1)
    first = build_plan(desired, live.state(), now=NOW)
    for objects in (live.campaigns, live.ad_sets, live.ads, live.assets):
        objects.reverse()
    assert build_plan(desired, live.state(), now=NOW) == first


def test_campaigns_outside_the_manifests_are_never_touched_or_listed() -> None:
    desired = desired_state(standard())
    other = desired_state(campaign("Someone Else's", ad_sets=(ad_set(),)))
    live = converged(desired)
    stranger = converged(other)
    live.campaigns += stranger.campaigns
    live.ad_sets += stranger.ad_sets
    plan = build_plan(desired, live.state(), now=NOW)
    assert (plan.has_changes, plan.unmanaged) == (False, ())


def test_an_array_written_empty_is_cleared_explicitly() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(slot_positions=[]),)))
    live = converged(desired)
    live.find("US Rock Fans")["slot_positions"] = ["PRE_ROLL"]
    assert changed(build_plan(desired, live.state(), now=NOW)) == [
        existing(
            S,
            Kind.AD_SET,
            Action.UPDATE,
            "US Rock Fans",
            body={"slot_positions": []},
            changes=(FieldChange(path="slot_positions", before=["PRE_ROLL"]),),
        )
    ]


def test_an_object_valued_create_only_change_names_both_values() -> None:
    promo = {"promotion_goal": "ARTIST_PROMO", "promotion_target_id": "a1"}
    desired = desired_state(campaign(ad_sets=(ad_set(promotion=promo),)))
    live = converged(desired)
    del live.find("US Rock Fans")["promotion"]
    (replaced,) = changed(build_plan(desired, live.state(), now=NOW))
    assert replaced.reason == (
        'promotion is create-only (unset → {"promotion_goal": "ARTIST_PROMO", '
        '"promotion_target_id": "a1"})'
    )


def test_no_ops_share_one_fields_set_that_copies_never_change() -> None:
    desired = desired_state(
        campaign("Summer", ad_sets=(ad_set("US"), ad_set("SE")), prune=False)
    )
    plan = build_plan(desired, converged(desired).state(), now=NOW)
    planned = [a for a in plan.actions if a.kind is not Kind.ASSET]
    assert [(a.kind, a.action) for a in planned] == [
        (Kind.CAMPAIGN, Action.NOOP),
        (Kind.AD_SET, Action.NOOP),
        (Kind.AD_SET, Action.NOOP),
    ]
    first, *others = planned
    validated = ResourceAction(**first.model_dump(exclude_unset=True))
    assert first == validated
    assert first.model_fields_set == validated.model_fields_set

    changed = first.model_copy(update={"reason": "edited"})

    assert changed.model_fields_set == {*validated.model_fields_set, "reason"}
    assert [a.model_fields_set for a in others] == [validated.model_fields_set] * 2
