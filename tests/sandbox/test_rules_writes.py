"""BRIEF §11 rules 1-5: scoping, status codes, create vs PATCH, delivery, defaults."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from campaignctl.sandbox import SandboxConfig

from .helpers import (
    ACCOUNT,
    ad_body,
    ad_set_body,
    audio_ad_assets,
    campaign_body,
    create,
    hierarchy,
    messages,
    path,
    without,
)

OTHER = "22222222-2222-4222-8222-222222222222"


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    return SandboxConfig(
        clock_start="2030-01-01T00:00:00Z",
        rate_limit=0,
        processing_ms=0,
        accounts=(f"{OTHER}:SEK",),
    )


def test_rule_01_paths_are_scoped_and_references_checked(
    sandbox_client: httpx.Client,
) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    foreign = f"/ad_accounts/{OTHER}/campaigns/{campaign['id']}"
    assert client.get(foreign).status_code == 404
    assert messages(client.get(foreign)) == [
        f"campaign {campaign['id']} not found in ad account {OTHER}"
    ]
    reply = client.post(
        f"/ad_accounts/{OTHER}/ad_sets", json=ad_set_body(campaign["id"])
    )
    assert (reply.status_code, messages(reply)) == (
        400,
        [
            f"campaign_id: campaign {campaign['id']} does not exist "
            f"in ad account {OTHER}"
        ],
    )
    unknown = str(uuid.UUID(int=7, version=4))
    reply = client.post(path("ads"), json=ad_body(unknown, audio_ad_assets(client)))
    assert (reply.status_code, messages(reply)) == (
        400,
        [f"ad_set_id: ad set {unknown} does not exist in ad account {ACCOUNT}"],
    )
    no_access = "33333333-3333-4333-8333-333333333333"
    reply = client.get(f"/ad_accounts/{no_access}/campaigns")
    assert (reply.status_code, messages(reply)) == (
        403,
        [f"no access to ad account {no_access}"],
    )
    for kind in ("campaigns", "ad_sets", "ads", "assets"):
        assert client.delete(path(kind, campaign["id"])).status_code == 405


def test_rule_02_status_codes_and_error_shape(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    campaign = client.post(path("campaigns"), json=campaign_body())
    ad_set = client.post(path("ad_sets"), json=ad_set_body(campaign.json()["id"]))
    assets = audio_ad_assets(client)
    ad = client.post(path("ads"), json=ad_body(ad_set.json()["id"], assets))
    asset = client.post(path("assets"), json={"asset_type": "IMAGE", "name": "x.png"})
    draft = client.post(path("drafts", "campaigns"), json={"name": "D"})
    deleted = client.delete(path("drafts", "campaigns", draft.json()["id"]))
    statuses = [r.status_code for r in (campaign, ad_set, ad, asset, draft, deleted)]
    assert statuses == [200, 201, 201, 200, 200, 204]
    assert deleted.content == b""
    error = client.post(path("campaigns"), json={"objective": "REACH"}).json()
    assert sorted(error) == ["error_codes", "messages", "sp_trace_id"]
    assert uuid.UUID(error["sp_trace_id"]).version == 4
    assert error["messages"] == ["name: is required"]
    assert error["error_codes"] == [
        {
            "code": "INVALID_ARGUMENT.VALIDATION_FAILED",
            "definition": "The request is invalid; see messages.",
        }
    ]


def test_rule_03_create_only_fields_are_refused_in_patch(
    sandbox_client: httpx.Client,
) -> None:
    client = sandbox_client
    campaign, ad_set, ad = hierarchy(client)
    cases = [
        (
            path("campaigns", campaign["id"]),
            {"objective": "REACH", "ad_product": "CONTENT"},
            [
                "objective: is create-only and cannot be changed; "
                "create a new campaign",
                "ad_product: is create-only and cannot be changed; "
                "create a new campaign",
            ],
        ),
        (
            path("campaigns", campaign["id"]),
            {},
            ["body: at least one property is required"],
        ),
        (
            path("ad_sets", ad_set["id"]),
            {"asset_format": "VIDEO", "bid_strategy": "AUTOBID", "status": "ACTIVE"},
            [
                "asset_format: is create-only and cannot be changed on a live ad set",
                "bid_strategy: is create-only and cannot be changed on a live ad set",
                "status: is read-only",
            ],
        ),
        (
            path("ads", ad["id"]),
            {"ad_set_id": ad_set["id"]},
            ["ad_set_id: is create-only and cannot be changed on a live ad"],
        ),
        (path("ads", ad["id"]), {}, ["body: at least one property is required"]),
        (
            path("assets", ad["assets"]["asset_id"]),
            {"asset_type": "IMAGE", "name": "renamed"},
            [
                "asset_type: the asset is AUDIO; asset_type identifies the asset "
                "and cannot be changed"
            ],
        ),
    ]
    for url, body, expected in cases:
        reply = client.patch(url, json=body)
        assert (reply.status_code, messages(reply)) == (400, expected), url
    assert client.get(path("ad_sets", ad_set["id"])).json() == ad_set


def test_rule_04_delivery_is_a_sole_field_and_drives_pause_state(
    sandbox_client: httpx.Client,
) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    ad_set = create(client, "ad_sets", ad_set_body(campaign["id"]))
    url = path("ad_sets", ad_set["id"])
    reply = client.patch(url, json={"delivery": "OFF", "name": "Paused set"})
    assert (reply.status_code, messages(reply)) == (
        400,
        [
            "delivery: must be the only field of an ad set PATCH; send other "
            "changes in a separate request"
        ],
    )
    paused = client.patch(url, json={"delivery": "OFF"}).json()
    assert (paused["delivery"], paused["is_paused"], paused["pause_reason"]) == (
        "OFF",
        True,
        "USER_PAUSED",
    )
    resumed = client.patch(url, json={"delivery": "ON"}).json()
    assert (resumed["delivery"], resumed["is_paused"]) == ("ON", False)
    assert "pause_reason" not in resumed


def _sets(body: dict[str, Any]) -> dict[str, Any]:
    """The ad set with set-typed arrays sorted, for exact comparison."""
    body = {**body, "frequency_caps": sorted(body["frequency_caps"], key=str)}
    targets = dict(body["targets"])
    for key in ("platforms", "genre_ids", "placements"):
        if key in targets:
            targets[key] = sorted(targets[key])
    return {**body, "targets": targets}


def test_rule_05_server_defaults_apply_on_create_and_on_empty_patch(
    sandbox_client: httpx.Client,
) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    sent = ad_set_body(campaign["id"])
    ad_set = create(client, "ad_sets", sent)
    assert _sets(ad_set) == {
        "id": ad_set["id"],
        "campaign_id": campaign["id"],
        "name": "US Rock Fans 18-34",
        "category": "ADV_21_182",
        "asset_format": "AUDIO",
        "start_time": "2030-02-01T00:00:00Z",
        "end_time": "2030-02-28T00:00:00Z",
        "budget": {"micro_amount": 150000000, "type": "DAILY", "currency": "USD"},
        "bid_strategy": "MAX_BID",
        "bid_micro_amount": 12000000,
        "targets": {
            "placements": ["MUSIC"],
            "age_ranges": [{"min": 18, "max": 34}],
            "geo_targets": {
                "country_code": "US",
                "region_ids": [],
                "city_ids": [],
                "postal_code_ids": [],
            },
            "genre_ids": ["blues", "rock"],
            "platforms": ["ANDROID", "DESKTOP", "IOS"],
        },
        "pacing": "PACING_EVEN",
        "delivery": "ON",
        "frequency_caps": sorted(
            [
                {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 5},
                {
                    "frequency_unit": "WEEK",
                    "frequency_period": 1,
                    "max_impressions": 35,
                },
                {
                    "frequency_unit": "MONTH",
                    "frequency_period": 1,
                    "max_impressions": 50,
                },
            ],
            key=str,
        ),
        "cost_model": "CPM",
        "is_paused": False,
        "status": "PENDING_APPROVAL",
        "created_at": "2030-01-01T00:00:00Z",
        "updated_at": "2030-01-01T00:00:00Z",
    }
    # set-typed arrays never come back in the order they were sent
    assert ad_set["targets"]["genre_ids"] == ["blues", "rock"]
    url = path("ad_sets", ad_set["id"])
    capped = client.patch(
        url,
        json={
            "frequency_caps": [
                {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 2}
            ],
            "targets": {**sent["targets"], "platforms": ["IOS"]},
        },
    ).json()
    assert (capped["frequency_caps"], capped["targets"]["platforms"]) == (
        [{"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 2}],
        ["IOS"],
    )
    reset = client.patch(
        url,
        json={"frequency_caps": [], "targets": {**sent["targets"], "platforms": []}},
    ).json()
    assert _sets(reset)["frequency_caps"] == _sets(ad_set)["frequency_caps"]
    assert sorted(reset["targets"]["platforms"]) == ["ANDROID", "DESKTOP", "IOS"]


def test_rule_05_ad_and_video_defaults(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    ad_set = create(client, "ad_sets", ad_set_body(campaign["id"]))
    body = ad_body(ad_set["id"], audio_ad_assets(client))
    body["call_to_action"] = {"clickthrough_url": "https://example.com"}
    ad = create(client, "ads", body)
    assert without(ad, "id", "assets", "ad_preview_url") == {
        "ad_set_id": ad_set["id"],
        "name": "Spot A",
        "tagline": "New album out now",
        "advertiser_name": "Nightjar Records",
        "call_to_action": {
            "key": "LEARN_MORE",
            "text": "Learn more",
            "language": "ENGLISH",
            "clickthrough_url": "https://example.com",
        },
        "delivery": "ON",
        "status": "PENDING_APPROVAL",
        "start_time": "2030-02-01T00:00:00Z",
        "end_time": "2030-02-28T00:00:00Z",
        "created_at": "2030-01-01T00:00:00Z",
        "updated_at": "2030-01-01T00:00:00Z",
    }
    formats = {}
    for objective in ("VIDEO_VIEWS", "CLICKS", "REACH"):
        video_campaign = create(client, "campaigns", campaign_body(objective=objective))
        targets = {"placements": ["MUSIC"], "platforms": ["IOS"]}
        video = create(
            client,
            "ad_sets",
            ad_set_body(video_campaign["id"], asset_format="VIDEO", targets=targets),
        )
        formats[objective] = sorted(video["video_delivery_formats"])
    assert formats == {
        "VIDEO_VIEWS": ["OPT_IN"],
        "CLICKS": ["IN_STREAM"],
        "REACH": ["IN_STREAM", "OPT_IN"],
    }
