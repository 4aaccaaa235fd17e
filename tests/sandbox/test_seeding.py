"""Seeding helpers write through the same rules as the API, without HTTP."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from campaignctl.sandbox import seeding
from campaignctl.sandbox.errors import Problem

from . import media
from .helpers import ad_body, ad_set_body, campaign_body, path


def test_seeded_objects_are_served(
    sandbox_app: Starlette, sandbox_client: httpx.Client
) -> None:
    sb = sandbox_app.state.sandbox
    campaign = seeding.create_campaign(sb, campaign_body())
    ad_set = seeding.create_ad_set(sb, ad_set_body(campaign["id"]))
    assets = {
        "asset_id": seeding.create_asset(
            sb,
            {
                "asset_type": "AUDIO",
                "name": "a.wav",
                "asset_subtype": "USER_UPLOADED_AUDIO",
            },
            content=media.wav(),
        )["id"],
        "companion_asset_id": seeding.create_asset(
            sb, {"asset_type": "IMAGE", "name": "c.png"}, content=media.png()
        )["id"],
        "logo_asset_id": seeding.create_asset(
            sb, {"asset_type": "IMAGE", "name": "l.png"}, content=media.png()
        )["id"],
    }
    ad = seeding.create_ad(sb, ad_body(ad_set["id"], assets))
    clones = seeding.clone_ad_sets(sb, ad_set, 120)
    listed = sandbox_client.get(path("ad_sets"), params={"limit": 1}).json()
    assert listed["paging"]["total_results"] == 121
    assert sandbox_client.get(path("ads", ad["id"])).json() == ad
    assert sandbox_client.get(path("ad_sets", clones[-1])).json()["name"] == (
        "US Rock Fans 18-34 #120"
    )


def test_seeding_enforces_the_rules(sandbox_app: Starlette) -> None:
    with pytest.raises(Problem) as raised:
        seeding.create_campaign(sandbox_app.state.sandbox, {"name": "x"})
    assert raised.value.messages == [
        "name: string should have at least 2 characters",
        "objective: is required",
    ]
