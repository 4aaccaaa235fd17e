"""A plan as draft hierarchies, and the operations `apply --via-drafts` runs."""

from __future__ import annotations

from campaignctl.apply.operations import Phase, Step
from campaignctl.apply.via_drafts import draft_operations
from campaignctl.plan.drafts import (
    OUTSIDE_SELECTION,
    DraftNode,
    Hierarchy,
    hierarchies,
    not_staged,
    residual,
)
from campaignctl.plan.model import Action, Kind, Plan
from campaignctl.plan.planner import build_plan
from campaignctl.plan.remote import StagedDraft
from campaignctl.plan.select import select_actions
from campaignctl.plan.state import DesiredState, LiveState
from tests.plan.builders import NOW, ad, ad_set, campaign, converged, desired_state
from tests.plan.echo import ACCOUNT, remote_id

CAMPAIGN = "summer-launch-2030"
ROCK = f"{CAMPAIGN}/us-rock-fans"
SPOT_A = f"{ROCK}/spot-a"
SPOT_B = f"{ROCK}/spot-b"
JAZZ = f"{CAMPAIGN}/jazz"


def _desired(
    *, tagline: str = "New album out now", extra: bool = False
) -> DesiredState:
    sets = [ad_set(ads=(ad("Spot A", tagline=tagline), ad("Spot B")))]
    if extra:
        sets.append(ad_set("Jazz", ads=(ad("Spot J"),)))
    return desired_state(campaign(ad_sets=tuple(sets)))


def _plan(desired: DesiredState, live: LiveState) -> Plan:
    return build_plan(desired, live, now=NOW)


def test_a_fresh_account_is_one_new_hierarchy_with_ads_deferred() -> None:
    nothing_live = converged(desired_state(assets=())).state()
    plan = _plan(_desired(), nothing_live)
    [hierarchy], skipped = hierarchies(plan)
    assert skipped == []
    assert [(n.address, n.kind, n.live_id, n.deferred) for n in hierarchy.nodes] == [
        (CAMPAIGN, Kind.CAMPAIGN, None, False),
        (ROCK, Kind.AD_SET, None, False),
        (SPOT_A, Kind.AD, None, True),  # its files are uploaded by this apply
        (SPOT_B, Kind.AD, None, True),
    ]
    assert "delivery" not in hierarchy.nodes[1].fields
    assert hierarchy.nodes[0].fields == {
        "name": "Summer Launch 2030",
        "objective": "REACH",
    }


def test_an_update_stages_drafts_of_the_live_objects_and_their_parents() -> None:
    live = converged(_desired()).state()
    plan = _plan(_desired(tagline="Out now everywhere"), live)
    [hierarchy], _ = hierarchies(plan)
    assert hierarchy.nodes == (
        DraftNode(CAMPAIGN, Kind.CAMPAIGN, remote_id(CAMPAIGN), {}, None, {}),
        DraftNode(ROCK, Kind.AD_SET, remote_id(ROCK), {}, CAMPAIGN, {}),
        DraftNode(
            SPOT_A,
            Kind.AD,
            remote_id(SPOT_A),
            {"tagline": "Out now everywhere"},
            ROCK,
            {},
        ),
    )


def test_delivery_only_changes_are_not_staged() -> None:
    desired = _desired()
    live = converged(desired)
    live.find("US Rock Fans")["delivery"] = "OFF"
    plan = _plan(desired, live.state())
    assert hierarchies(plan) == ([], [])


def test_campaigns_the_draft_api_cannot_take_are_skipped() -> None:
    desired = desired_state(campaign(objective="APP_INSTALLS"))
    plan = _plan(desired, converged(desired_state()).state())
    assert hierarchies(plan) == (
        [],
        [
            f"{CAMPAIGN}: objective APP_INSTALLS cannot be staged as a draft (the "
            "draft API takes CLICKS, EVEN_IMPRESSION_DELIVERY, PODCAST_STREAMS, "
            "REACH, VIDEO_VIEWS); not validated"
        ],
    )


def test_residual_fields_stay_live_patches() -> None:
    live = converged(_desired()).state()
    desired = desired_state(
        campaign(
            ad_sets=(
                ad_set(
                    ads=(
                        ad("Spot A", delivery="OFF", end_time="2030-06-20T00:00:00Z"),
                        ad("Spot B"),
                    )
                ),
                ad_set("Jazz", delivery="OFF", ads=(ad("Spot J", delivery="ON"),)),
            )
        )
    )
    plan = _plan(desired, live)
    by_address = {a.address: a for a in plan.actions}
    assert residual(by_address[SPOT_A]) == {
        "delivery": "OFF",
        "end_time": "2030-06-20T00:00:00Z",
    }
    assert residual(by_address[JAZZ]) == {"delivery": "OFF"}  # a new one, dark
    assert residual(by_address[f"{JAZZ}/spot-j"]) == {}  # published ON already


def test_via_drafts_operations_publish_then_patch_the_rest() -> None:
    live = converged(_desired()).state()
    desired = desired_state(
        campaign(
            ad_sets=(
                ad_set(ads=(ad("Spot A", tagline="New", delivery="OFF"), ad("Spot B"))),
                ad_set("Jazz", delivery="OFF", ads=(ad("Spot J"),)),
            )
        )
    )
    plan = _plan(desired, live)
    staged = StagedDraft(
        account_id=ACCOUNT,
        campaign=CAMPAIGN,
        draft_id=remote_id(CAMPAIGN),
        version=4,
        ids={
            CAMPAIGN: remote_id(CAMPAIGN),
            ROCK: remote_id(ROCK),
            SPOT_A: remote_id(SPOT_A),
            JAZZ: "d-jazz",
            f"{JAZZ}/spot-j": "d-spot-j",
        },
        deferred=(),
    )
    plan = plan.model_copy(update={"drafts": (staged,)})
    operations = [(op.phase, op.key, op.requires) for op in draft_operations(plan)]
    publish = f"{CAMPAIGN}#publish"
    assert operations == [
        (Phase.ADS, publish, ()),
        (Phase.DELIVERY, f"{JAZZ}#switch delivery", (publish,)),
        (Phase.DELIVERY, f"{SPOT_A}#update", (publish,)),
    ]
    [jazz] = [a for a in plan.actions if a.address == JAZZ]
    assert jazz.action is Action.CREATE


def test_hierarchy_root_is_its_first_node() -> None:
    node = DraftNode(CAMPAIGN, Kind.CAMPAIGN, None, {}, None, {})
    hierarchy = Hierarchy(ACCOUNT, CAMPAIGN, (node,))
    assert hierarchy.root is node
    assert hierarchy.staged_now == (node,)
    assert Step.PUBLISH.value == "publish"


def test_a_selection_without_the_parents_cannot_be_staged() -> None:
    live = converged(_desired()).state()
    plan = select_actions(
        _plan(_desired(tagline="Out now everywhere"), live), only=[SPOT_A]
    )
    assert hierarchies(plan) == ([], [f"{CAMPAIGN}: {OUTSIDE_SELECTION}"])
    assert not_staged(plan) == [f"{CAMPAIGN}: {OUTSIDE_SELECTION}"]
    everything = _plan(_desired(tagline="Out now everywhere"), live)
    assert not_staged(everything) == [f"{CAMPAIGN}: no drafts were kept"]
