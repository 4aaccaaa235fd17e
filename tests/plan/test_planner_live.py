"""build_plan: live objects no manifest names, and assets by content."""

from __future__ import annotations

import pytest

from campaignctl.plan.model import (
    Action,
    AssetUpload,
    FieldChange,
    Kind,
    ResourceAction,
    SpendImpact,
)
from campaignctl.plan.planner import build_plan
from campaignctl.plan.state import DesiredState

from .builders import (
    COVER,
    LOGO,
    NOW,
    SPOT,
    Live,
    ad,
    ad_set,
    campaign,
    converged,
    desired_state,
)
from .echo import ACCOUNT, CREATED, echo_ad_set, echo_asset, remote_id

C = "summer-launch-2030"
S = f"{C}/us-rock-fans"


def live_with_extra_ad_set(name: str, *, delivery: str = "ON") -> Live:
    """Converged live state plus one ad set no manifest mentions."""
    both = desired_state(campaign(ad_sets=(ad_set(), ad_set(name, delivery=delivery))))
    return converged(both)


def disable(address: str, name: str, kind: Kind, reason: str) -> ResourceAction:
    return ResourceAction(
        address=address,
        kind=kind,
        action=Action.DISABLE,
        account_id=ACCOUNT,
        name=name,
        remote_id=remote_id(address),
        parent=address.rsplit("/", 1)[0],
        changes=(FieldChange(path="delivery", before="ON", after="OFF"),),
        reason=reason,
        updated_at=CREATED,
    )


PRUNE_CASES = [
    pytest.param(
        True,
        "ON",
        [
            disable(
                f"{C}/old-ad-set",
                "Old Ad Set",
                Kind.AD_SET,
                "not in manifests; campaign prunes",
            )
        ],
        (),
        id="prune-switches-off-delivering",
    ),
    pytest.param(True, "OFF", [], (), id="prune-leaves-switched-off-alone"),
    pytest.param(False, "ON", [], (f"{C}/old-ad-set",), id="no-prune-lists-unmanaged"),
    pytest.param(False, "OFF", [], (f"{C}/old-ad-set",), id="no-prune-lists-off-too"),
]


@pytest.mark.parametrize(("prune", "delivery", "actions", "unmanaged"), PRUNE_CASES)
def test_ad_sets_left_out_of_manifests(
    prune: bool, delivery: str, actions: list[ResourceAction], unmanaged: tuple[str]
) -> None:
    live = live_with_extra_ad_set("Old Ad Set", delivery=delivery)
    desired = desired_state(campaign(ad_sets=(ad_set(),), prune=prune))
    plan = build_plan(desired, live.state(), now=NOW)
    assert [a for a in plan.actions if a.action is not Action.NOOP] == actions
    assert plan.unmanaged == unmanaged


def test_pruned_ad_set_counts_as_spend_stopping() -> None:
    live = live_with_extra_ad_set("Old Ad Set")
    desired = desired_state(campaign(ad_sets=(ad_set(),), prune=True))
    plan = build_plan(desired, live.state(), now=NOW)
    assert plan.spend == {
        "USD": SpendImpact(daily_before=300_000_000, daily_after=150_000_000)
    }


def test_ads_left_out_of_a_pruning_campaign_are_switched_off() -> None:
    full = desired_state(campaign(ad_sets=(ad_set(ads=(ad("Spot A"), ad("Spot B"))),)))
    live = converged(full)
    desired = desired_state(
        campaign(ad_sets=(ad_set(ads=(ad("Spot A"),)),), prune=True)
    )
    plan = build_plan(desired, live.state(), now=NOW)
    assert [a for a in plan.actions if a.action is not Action.NOOP] == [
        disable(f"{S}/spot-b", "Spot B", Kind.AD, "not in manifests; campaign prunes")
    ]


@pytest.mark.parametrize(
    ("delivery", "want"),
    [
        pytest.param("ON", 1, id="delivering-is-switched-off"),
        pytest.param("OFF", 0, id="switched-off-is-silent"),
    ],
)
def test_leftover_of_an_interrupted_replace(delivery: str, want: int) -> None:
    leftover = "US Rock Fans (replaced 2030-01-10)"
    live = live_with_extra_ad_set(leftover, delivery=delivery)
    desired = desired_state(campaign(ad_sets=(ad_set(),)))  # no prune
    plan = build_plan(desired, live.state(), now=NOW)
    expected = disable(
        f"{C}/us-rock-fans-replaced-2030-01-10",
        leftover,
        Kind.AD_SET,
        "left over from an interrupted replace",
    )
    assert [a for a in plan.actions if a.action is not Action.NOOP] == [expected][:want]
    assert plan.unmanaged == ()


def test_a_leftover_never_matches_by_name() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(),)))
    live = converged(desired)
    live.find("US Rock Fans")["name"] = "US Rock Fans (replaced 2030-01-10)"
    live.find("US Rock Fans (replaced 2030-01-10)")["delivery"] = "OFF"
    plan = build_plan(desired, live.state(), now=NOW)
    assert [(a.action, a.address) for a in plan.actions if a.kind is Kind.AD_SET] == [
        (Action.CREATE, S)
    ]


def test_live_only_addresses_that_clash_carry_the_remote_id() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(),)))
    live = converged(desired)
    for name in ("us rock fans", "Old", "old"):
        extra = echo_ad_set(
            ad_set(name).body,
            object_id=remote_id(name),
            campaign_id=remote_id(C),
            objective="REACH",
        )
        live.ad_sets.append(extra)
    plan = build_plan(desired, live.state(), now=NOW)
    assert plan.unmanaged == tuple(
        sorted(
            [
                f"{C}/old@{remote_id('Old')}",
                f"{C}/old@{remote_id('old')}",
                f"{C}/us-rock-fans@{remote_id('us rock fans')}",
            ]
        )
    )


# -- assets -------------------------------------------------------------------


def _one_ad() -> DesiredState:
    one = campaign(ad_sets=(ad_set(ads=(ad(),)),))
    return desired_state(one, assets=(SPOT, COVER, LOGO))


def test_live_asset_in_error_is_uploaded_again_and_the_ad_repointed() -> None:
    desired = _one_ad()
    live = converged(desired)
    live.find(SPOT.name)["status"] = "ERROR"
    plan = build_plan(desired, live.state(), now=NOW)
    asset, ad_replace = [a for a in plan.actions if a.action is not Action.NOOP]
    assert asset == ResourceAction(
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
        asset=AssetUpload(
            path="assets/spot-a.wav",
            digest=SPOT.digest,
            media_type="audio/wav",
            size=SPOT.size,
            asset_type="AUDIO",
            asset_subtype="USER_UPLOADED_AUDIO",
        ),
        reason=f"uploaded again: live asset {remote_id(SPOT.name)} has status ERROR",
    )
    before = f"{SPOT.name} ({remote_id(SPOT.name)})"
    assert ad_replace == ResourceAction(
        address=f"{S}/spot-a",
        kind=Kind.AD,
        action=Action.REPLACE,  # live ads refuse asset edits: a new ad
        account_id=ACCOUNT,
        name="Spot A",
        remote_id=remote_id(f"{S}/spot-a"),
        parent=S,
        body={
            **ad().body,
            "ad_set_id": remote_id(S),
            "assets": {
                "companion_asset_id": remote_id(COVER.name),
                "logo_asset_id": remote_id(LOGO.name),
            },
        },
        refs={"assets.asset_id": f"asset:{SPOT.name}"},
        changes=(
            FieldChange(
                path="assets.asset_id",
                before=before,
                after=SPOT.name,
                forces_replace=True,
            ),
        ),
        reason=f"assets.asset_id is create-only ({before} → {SPOT.name})",
        updated_at=CREATED,
    )


def test_assets_match_by_content_whatever_the_file_was_called() -> None:
    desired = _one_ad()
    live = converged(desired)
    renamed = f"old-cover-name-{COVER.digest[:12]}.png"
    live.find(COVER.name)["name"] = renamed
    plan = build_plan(desired, live.state(), now=NOW)
    assert not plan.has_changes
    cover = next(a for a in plan.actions if a.address == f"asset:{COVER.name}")
    assert (cover.action, cover.remote_id) == (Action.NOOP, remote_id(COVER.name))


def test_asset_of_another_type_with_the_same_digest_does_not_count() -> None:
    desired = _one_ad()
    live = converged(desired)
    live.find(SPOT.name)["asset_type"] = "VIDEO"
    plan = build_plan(desired, live.state(), now=NOW)
    spot = next(a for a in plan.actions if a.address == f"asset:{SPOT.name}")
    assert (spot.action, spot.reason) == (Action.CREATE, None)


def test_ad_pointing_at_an_asset_campaignctl_did_not_upload_is_repointed() -> None:
    desired = _one_ad()
    live = converged(desired)
    foreign = echo_asset("logoImage.png", "IMAGE", object_id=remote_id("foreign"))
    live.assets.append(foreign)
    live.find("Spot A")["assets"]["logo_asset_id"] = foreign["id"]
    plan = build_plan(desired, live.state(), now=NOW)
    (replace,) = [a for a in plan.actions if a.action is not Action.NOOP]
    assert replace.action is Action.REPLACE
    assert replace.changes == (
        FieldChange(
            path="assets.logo_asset_id",
            before=f"logoImage.png ({foreign['id']})",
            after=LOGO.name,
            forces_replace=True,
        ),
    )
    assert replace.body is not None
    assert replace.body["assets"] == {
        "asset_id": remote_id(SPOT.name),
        "companion_asset_id": remote_id(COVER.name),
        "logo_asset_id": remote_id(LOGO.name),
    }


def test_processing_asset_is_used_not_uploaded_twice() -> None:
    desired = _one_ad()
    live = converged(desired)
    live.find(SPOT.name)["status"] = "PROCESSING"
    assert not build_plan(desired, live.state(), now=NOW).has_changes


def test_a_live_asset_no_manifest_declares_shows_by_name() -> None:
    desired = _one_ad()
    live = converged(desired)
    old = echo_asset("jingle-0123456789ab.wav", "AUDIO", object_id=remote_id("jingle"))
    live.assets.append(old)
    live.find("Spot A")["assets"]["asset_id"] = old["id"]
    plan = build_plan(desired, live.state(), now=NOW)
    (replace,) = [a for a in plan.actions if a.action is not Action.NOOP]
    assert replace.changes == (
        FieldChange(
            path="assets.asset_id",
            before="jingle-0123456789ab.wav",
            after=SPOT.name,
            forces_replace=True,
        ),
    )


def test_asset_waiting_for_its_file_gets_the_upload_instead_of_a_twin() -> None:
    desired = _one_ad()
    live = converged(desired)
    live.find(SPOT.name)["status"] = "WAITING_UPLOAD"
    plan = build_plan(desired, live.state(), now=NOW)
    asset, ad_replace = [a for a in plan.actions if a.action is not Action.NOOP]
    waiting_id = remote_id(SPOT.name)
    assert asset == ResourceAction(
        address=f"asset:{SPOT.name}",
        kind=Kind.ASSET,
        action=Action.CREATE,
        account_id=ACCOUNT,
        name=SPOT.name,
        remote_id=waiting_id,
        body={
            "name": SPOT.name,
            "asset_type": "AUDIO",
            "asset_subtype": "USER_UPLOADED_AUDIO",
        },
        asset=AssetUpload(
            path="assets/spot-a.wav",
            digest=SPOT.digest,
            media_type="audio/wav",
            size=SPOT.size,
            asset_type="AUDIO",
            asset_subtype="USER_UPLOADED_AUDIO",
        ),
        reason=f"resumes the unfinished upload of live asset {waiting_id}",
        updated_at=CREATED,
    )
    # (synthetic: the API lets ads use READY assets only, so a live ad never
    # points at one still waiting; here it is replaced like any asset swap)
    assert (ad_replace.kind, ad_replace.action) == (Kind.AD, Action.REPLACE)
