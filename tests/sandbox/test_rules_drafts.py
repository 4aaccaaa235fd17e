"""BRIEF §11 rule 12 (and §8.1): draft hierarchies, versions, VALIDATE, PUBLISH."""

from __future__ import annotations

from typing import Any

import httpx

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


def _draft(client: httpx.Client, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = client.post(path("drafts", kind), json=body)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def _version(client: httpx.Client, draft_id: str) -> int:
    return int(
        client.get(path("drafts", "campaigns", draft_id)).json()[
            "draft_hierarchy_version"
        ]
    )


def _act(
    client: httpx.Client, draft_id: str, action: str, version: int
) -> httpx.Response:
    return client.post(
        path("drafts", "campaigns", draft_id),
        json={"action": action, "draft_hierarchy_version": version},
    )


def test_rule_12_new_hierarchy_validate_and_publish(
    sandbox_client: httpx.Client,
) -> None:
    client = sandbox_client
    campaign = _draft(client, "campaigns", {"name": "Drafted", "objective": "REACH"})
    assert campaign == {
        "id": campaign["id"],
        "name": "Drafted",
        "objective": "REACH",
        "ad_account_id": ACCOUNT,
        "needs_advertiser_review": False,
        "modified_by_role": "ADVERTISER",
        "draft_hierarchy_version": 1,
        "created_at": "2030-01-01T00:00:00Z",
        "updated_at": "2030-01-01T00:00:00Z",
    }
    live = create(client, "campaigns", campaign_body())
    reply = client.post(path("drafts", "ad_sets"), json={"campaign_id": live["id"]})
    assert messages(reply) == [
        f"campaign_id: no draft {live['id']} in this ad account "
        "(that is a live ID: create a draft of it first)"
    ]
    partial = without(ad_set_body(campaign["id"]), "targets", "budget")
    ad_set = _draft(client, "ad_sets", partial)
    assets = audio_ad_assets(client)
    ad = _draft(client, "ads", without(ad_body(ad_set["id"], assets), "call_to_action"))
    assert _version(client, campaign["id"]) == 3
    stale = _act(client, campaign["id"], "VALIDATE", 2)
    assert messages(stale) == [
        "draft_hierarchy_version: 2 is stale; the draft is at version 3 — GET it again "
        "and re-validate"
    ]
    invalid = _act(client, campaign["id"], "VALIDATE", 3)
    assert invalid.status_code == 400
    assert invalid.json()["validation_errors"] == [
        {
            "validation_entity_type": "AD_SET",
            "validation_entity_id": ad_set["id"],
            "message": "budget: is required",
        },
        {
            "validation_entity_type": "AD_SET",
            "validation_entity_id": ad_set["id"],
            "message": "targets: is required",
        },
        {
            "validation_entity_type": "AD",
            "validation_entity_id": ad["id"],
            "message": "call_to_action: is required",
        },
    ]
    client.patch(
        path("drafts", "ad_sets", ad_set["id"]),
        json={
            "budget": {"micro_amount": 150_000_000, "type": "DAILY"},
            "targets": {"placements": ["MUSIC"]},
        },
    )
    client.patch(
        path("drafts", "ads", ad["id"]),
        json={"call_to_action": {"clickthrough_url": "https://example.com"}},
    )
    assert _version(client, campaign["id"]) == 5
    assert _act(client, campaign["id"], "VALIDATE", 5).json() == {
        "validation_errors": []
    }
    published = _act(client, campaign["id"], "PUBLISH", 5).json()
    assert published == {
        "campaign": {
            "id": campaign["id"],
            "name": "Drafted",
            "status": "ACTIVE",
            "objective": "REACH",
            "delivery_goal_group": "AWARENESS",
            "created_at": "2030-01-01T00:00:00Z",
            "updated_at": "2030-01-01T00:00:00Z",
        },
        "validation_errors": [],
    }
    assert (
        client.get(path("ad_sets", ad_set["id"])).json()["campaign_id"]
        == campaign["id"]
    )
    assert client.get(path("ads", ad["id"])).json()["ad_set_id"] == ad_set["id"]
    for kind, draft_id in (
        ("campaigns", campaign["id"]),
        ("ad_sets", ad_set["id"]),
        ("ads", ad["id"]),
    ):
        assert client.get(path("drafts", kind, draft_id)).status_code == 404


def test_rule_12_drafts_of_live_objects(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    campaign, ad_set, ad = hierarchy(client)
    orphan = client.post(path("ad_sets", ad_set["id"], "drafts"))
    assert messages(orphan) == [
        f"create a draft of the parent campaign {campaign['id']} first"
    ]
    draft = client.post(path("campaigns", campaign["id"], "drafts")).json()
    assert (draft["id"], draft["status"], draft["name"]) == (
        campaign["id"],
        "ACTIVE_RESTRICTED",
        campaign["name"],
    )
    set_draft = client.post(path("ad_sets", ad_set["id"], "drafts")).json()
    assert (set_draft["id"], set_draft["campaign_id"], set_draft["status"]) == (
        ad_set["id"],
        campaign["id"],
        "ACTIVE_RESTRICTED",
    )
    ad_draft = client.post(path("ads", ad["id"], "drafts")).json()
    assert (ad_draft["id"], ad_draft["ad_set_id"]) == (ad["id"], ad_set["id"])
    new_logo = audio_ad_assets(client)["logo_asset_id"]
    client.patch(
        path("drafts", "ad_sets", ad_set["id"]),
        json={"budget": {"micro_amount": 200_000_000, "type": "DAILY"}},
    )
    client.patch(
        path("drafts", "ads", ad["id"]),
        json={"assets": {**ad["assets"], "logo_asset_id": new_logo}},
    )
    client.patch(
        path("drafts", "ad_sets", ad_set["id"]), json={"asset_format": "VIDEO"}
    )
    version = _version(client, campaign["id"])
    assert _act(client, campaign["id"], "VALIDATE", version).json()[
        "validation_errors"
    ] == [
        {
            "validation_entity_type": "AD_SET",
            "validation_entity_id": ad_set["id"],
            "message": "asset_format: is create-only and cannot change on a "
            "published ad set",
        }
    ]
    client.patch(
        path("drafts", "ad_sets", ad_set["id"]), json={"asset_format": "AUDIO"}
    )
    published = _act(client, campaign["id"], "PUBLISH", version + 1)
    assert published.status_code == 200, published.text
    assert client.get(path("ad_sets", ad_set["id"])).json()["budget"] == {
        "micro_amount": 200_000_000,
        "type": "DAILY",
        "currency": "USD",
    }
    assert (
        client.get(path("ads", ad["id"])).json()["assets"]["logo_asset_id"] == new_logo
    )


def test_rule_12_delete_cascades(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    campaign = _draft(client, "campaigns", {"name": "Temp"})
    ad_set = _draft(client, "ad_sets", {"campaign_id": campaign["id"]})
    ad = _draft(client, "ads", {"ad_set_id": ad_set["id"]})
    listed = client.get(
        path("drafts", "ads"), params={"ad_set_ids": [ad_set["id"]]}
    ).json()
    assert listed["paging"]["total_results"] == 1
    assert client.delete(path("drafts", "campaigns", campaign["id"])).status_code == 204
    gone = [
        client.get(path("drafts", kind, draft_id)).status_code
        for kind, draft_id in (
            ("campaigns", campaign["id"]),
            ("ad_sets", ad_set["id"]),
            ("ads", ad["id"]),
        )
    ]
    assert gone == [404, 404, 404]
