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


def test_clones_get_their_own_parent_and_fields(
    sandbox_app: Starlette, sandbox_client: httpx.Client
) -> None:
    sb = sandbox_app.state.sandbox
    first = seeding.create_campaign(sb, campaign_body())
    second = seeding.create_campaign(sb, campaign_body(name="Autumn Launch 2030"))
    ad_set = seeding.create_ad_set(sb, ad_set_body(first["id"]))
    copies = [
        seeding.Copy(
            second["id"],
            {"name": f"Market {n}", "budget": {"micro_amount": n * 1_000_000}},
        )
        for n in (7, 8)
    ]

    ids = seeding.clone_objects(sb, "ad_set", ad_set["id"], copies)

    listed = sandbox_client.get(
        path("ad_sets"),
        params={"campaign_ids": second["id"], "sort_direction": "ASC"},
    ).json()["ad_sets"]
    assert [s["id"] for s in listed] == ids
    for stored, n in zip(listed, (7, 8), strict=True):
        assert stored == {
            **ad_set,
            "id": stored["id"],
            "campaign_id": second["id"],
            "name": f"Market {n}",
            "budget": {**ad_set["budget"], "micro_amount": n * 1_000_000},
        }


def test_merged_copies_nested_objects_key_by_key() -> None:
    base = {"a": {"b": 1, "c": [1]}, "d": 2}
    merged = seeding.merged(base, {"a": {"b": 5}, "e": [3]})
    assert merged == {"a": {"b": 5, "c": [1]}, "d": 2, "e": [3]}
    merged["a"]["c"].append(2)
    assert base == {"a": {"b": 1, "c": [1]}, "d": 2}  # a deep copy
