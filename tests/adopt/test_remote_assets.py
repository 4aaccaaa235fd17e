"""Ads that name assets by remote id (``logo: {id: …}``) plan as those assets."""

from __future__ import annotations

import pytest

from campaignctl.errors import PlanError
from campaignctl.plan.model import Action, FieldChange, Plan, ResourceAction
from campaignctl.plan.planner import build_plan
from campaignctl.plan.state import DesiredState, remote_ref
from tests.plan.builders import (
    COVER,
    LOGO,
    NOW,
    SPOT,
    ad,
    ad_set,
    campaign,
    converged,
    desired_state,
)
from tests.plan.echo import remote_id

AD = "summer-launch-2030/us-rock-fans/spot-a"


def _with_logo(reference: str) -> DesiredState:
    assets = {
        "asset_id": SPOT.digest,
        "companion_asset_id": COVER.digest,
        "logo_asset_id": reference,
    }
    return desired_state(campaign(ad_sets=(ad_set(ads=(ad(assets=assets),)),)))


def _action(plan: Plan, address: str) -> ResourceAction:
    [found] = [a for a in plan.actions if a.address == address]
    return found


def test_the_live_asset_by_id_is_no_change() -> None:
    live = converged(_with_logo(LOGO.digest))
    by_id = _with_logo(remote_ref(remote_id(LOGO.name)))
    plan = build_plan(by_id, live.state(), now=NOW)
    assert not plan.has_changes


def test_another_live_asset_by_id_replaces_the_ad_with_that_id() -> None:
    live = converged(_with_logo(LOGO.digest))
    cover_id = remote_id(COVER.name)
    plan = build_plan(_with_logo(remote_ref(cover_id)), live.state(), now=NOW)
    action = _action(plan, AD)
    assert action.action is Action.REPLACE
    assert action.changes == (
        FieldChange(
            path="assets.logo_asset_id",
            before=LOGO.name,
            after=COVER.name,
            forces_replace=True,
        ),
    )
    assert action.body["assets"]["logo_asset_id"] == cover_id
    assert action.refs == {}  # nothing to upload: the asset is live


def test_an_id_the_account_does_not_have_stops_the_plan() -> None:
    live = converged(_with_logo(LOGO.digest))
    missing = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    with pytest.raises(PlanError) as raised:
        build_plan(_with_logo(remote_ref(missing)), live.state(), now=NOW)
    assert (
        f"ad 'Spot A' ({AD}) uses asset {missing}, which is not in its ad account"
        in raised.value.message
    )
