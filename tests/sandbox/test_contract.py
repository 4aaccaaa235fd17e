"""Every implemented operation, 2xx and 4xx, validated against the v3 spec.

``checked_client`` validates each response with openapi-core as it arrives
(see ``contract.py`` for the spec corrections and how undocumented statuses
are checked); the tour then asserts that every operation the sandbox serves
was seen with a success and with a client error other than 401.
"""

from __future__ import annotations

import httpx

from campaignctl.sandbox import BUSINESS_ID
from campaignctl.sandbox.operation import Operation

from . import media, tour_reports
from .contract import Contract
from .helpers import (
    ACCOUNT,
    ROOT,
    ad_body,
    ad_set_body,
    audio_ad_assets,
    campaign_body,
    create,
    path,
    upload,
)

UNKNOWN = "11111111-1111-4111-8111-111111111111"
OTHER_ACCOUNT = "22222222-2222-4222-8222-222222222222"
ONLY_401 = {"getBusinesses"}  # takes no input at all


def test_every_operation_validates_against_the_spec(
    checked_client: httpx.Client, contract: Contract, sandbox_app: object
) -> None:
    contract.seen.clear()
    client = checked_client
    _accounts(client)
    _targets(client)
    campaign_id, ad_set_id, ad_id, asset_id = _live_objects(client)
    _assets(client, asset_id)
    _drafts(client, campaign_id, ad_set_id, ad_id)
    _history(client)
    tour_reports.estimates(client)
    tour_reports.reports(client, campaign_id, ad_set_id)
    _unauthorised(client, contract, campaign_id)

    served = {
        route.endpoint.operation_id
        for route in sandbox_app.routes  # type: ignore[attr-defined]
        if isinstance(getattr(route, "endpoint", None), Operation)
    }
    ok = {op for op, status in contract.seen if status < 300}
    client_errors = {
        op for op, status in contract.seen if 400 <= status < 500 and status != 401
    }
    unauthorised = {op for op, status in contract.seen if status == 401}
    assert sorted(served - ok) == []
    assert sorted(served - client_errors - ONLY_401) == []
    assert sorted(served - unauthorised) == []
    assert not [key for key in contract.seen if key[1] >= 500]
    assert not [op for op, _ in contract.seen if op.startswith("(no operation)")]


def _accounts(client: httpx.Client) -> None:
    assert client.get(f"/ad_accounts/{ACCOUNT}").status_code == 200
    assert client.get(f"/ad_accounts/{OTHER_ACCOUNT}").status_code == 403
    assert client.get("/ad_accounts/not-a-uuid").status_code == 400
    assert client.get("/businesses").status_code == 200
    assert client.get(f"/businesses/{BUSINESS_ID}").status_code == 200
    assert client.get(f"/businesses/{UNKNOWN}").status_code == 404
    accounts = client.get(
        f"/businesses/{BUSINESS_ID}/ad_accounts", params={"type": "ARTIST"}
    )
    assert accounts.status_code == 200
    wrong = client.get(f"/businesses/{BUSINESS_ID}/ad_accounts", params={"type": "X"})
    assert wrong.status_code == 400


def _targets(client: httpx.Client) -> None:
    for name in (
        "artists",
        "playlists",
        "languages",
        "episode_topics",
        "sensitive_topics",
    ):
        assert client.get(f"/targets/{name}", params={"q": "a"}).status_code == 200
        assert (
            client.get(f"/targets/{name}", params=[("q", "a"), ("q", "b")]).status_code
            == 400
        )
    for name in ("genres", "interests"):
        assert (
            client.get(f"/targets/{name}", params={"ids": ["rock"]}).status_code == 200
        )
        assert client.get(f"/targets/{name}", params={"limit": 5}).status_code == 400
    assert client.get("/targets/geos", params={"country_code": "SE"}).status_code == 200
    assert client.get("/targets/geos").status_code == 400
    assert (
        client.get("/targets/geos", params={"q": "a", "limit": 1001}).status_code == 400
    )
    assert client.get("/ad_categories", params={"q": "media"}).status_code == 200
    assert (
        client.get("/ad_categories", params=[("q", "a"), ("q", "b")]).status_code == 400
    )


def _live_objects(client: httpx.Client) -> tuple[str, str, str, str]:
    campaign = create(client, "campaigns", campaign_body())
    assert client.post(path("campaigns"), json={"name": "x"}).status_code == 400
    assert client.get(path("campaigns"), params={"limit": 0}).status_code == 400
    assert client.get(path("campaigns"), params={"fields": ["NAME"]}).status_code == 200
    assert client.get(path("campaigns", campaign["id"])).status_code == 200
    assert client.get(path("campaigns", UNKNOWN)).status_code == 404
    renamed = client.patch(path("campaigns", campaign["id"]), json={"name": "Renamed"})
    assert renamed.status_code == 200
    assert client.patch(path("campaigns", campaign["id"]), json={}).status_code == 400

    ad_set = create(client, "ad_sets", ad_set_body(campaign["id"]))
    assert client.post(path("ad_sets"), json=[1, 2]).status_code == 400
    assert (
        client.get(path("ad_sets"), params={"sort_field": "BUDGET"}).status_code == 200
    )
    assert client.get(path("ad_sets"), params={"sort_field": "NOPE"}).status_code == 400
    assert client.get(path("ad_sets", ad_set["id"])).status_code == 200
    assert client.get(path("ad_sets", UNKNOWN)).status_code == 404
    assert (
        client.patch(
            path("ad_sets", ad_set["id"]), json={"delivery": "OFF"}
        ).status_code
        == 200
    )
    both = {"delivery": "ON", "name": "Both"}
    assert client.patch(path("ad_sets", ad_set["id"]), json=both).status_code == 400

    assets = audio_ad_assets(client)
    ad = create(client, "ads", ad_body(ad_set["id"], assets))
    assert client.post(path("ads"), json=ad_body(ad_set["id"], {})).status_code == 400
    assert (
        client.get(path("ads"), params={"asset_ids": [assets["asset_id"]]}).status_code
        == 200
    )
    assert client.get(path("ads"), params={"statuses": ["NOPE"]}).status_code == 400
    assert client.get(path("ads", ad["id"])).status_code == 200
    assert client.get(path("ads", UNKNOWN)).status_code == 404
    assert (
        client.patch(path("ads", ad["id"]), json={"tagline": "Out now"}).status_code
        == 200
    )
    assert (
        client.patch(path("ads", ad["id"]), json={"ad_set_id": UNKNOWN}).status_code
        == 400
    )
    return campaign["id"], ad_set["id"], ad["id"], assets["asset_id"]


def _assets(client: httpx.Client, ready_id: str) -> None:
    assert (
        client.get(path("assets"), params={"asset_types": ["AUDIO"]}).status_code == 200
    )
    assert (
        client.get(path("assets"), params={"asset_types": ["TEXT"]}).status_code == 400
    )
    assert client.get(path("assets", ready_id)).status_code == 200
    assert client.get(path("assets", UNKNOWN)).status_code == 404
    renamed = client.patch(
        path("assets", ready_id), json={"asset_type": "AUDIO", "name": "spot"}
    )
    assert renamed.status_code == 200
    assert (
        client.patch(path("assets", ready_id), json={"name": "no type"}).status_code
        == 400
    )
    assert client.post(path("assets"), json={"asset_type": "IMAGE"}).status_code == 400

    image = create(client, "assets", {"asset_type": "IMAGE", "name": "chunked.png"})
    wrong = upload(client, image["id"], media.png(), "image/gif", "IMAGE")
    assert wrong.status_code == 400
    as_json = client.post(path("assets", image["id"], "upload"), json={"media": "x"})
    assert as_json.status_code == 415
    start = client.post(path("assets", image["id"], "chunked_upload", "start"))
    assert start.status_code == 200
    session = start.json()["upload_session_id"]
    content = media.png()
    for section, part in enumerate((content[:1000], content[1000:]), start=1):
        sent = client.post(
            path("assets", image["id"], "chunked_upload", "transfer"),
            files={"media": ("part", part, "image/png")},
            data={
                "upload_session_id": session,
                "upload_section": str(section),
                "asset_type": "IMAGE",
            },
        )
        assert sent.status_code == 200
    bad_section = client.post(
        path("assets", image["id"], "chunked_upload", "transfer"),
        files={"media": ("part", b"x", "image/png")},
        data={
            "upload_session_id": session,
            "upload_section": "0",
            "asset_type": "IMAGE",
        },
    )
    assert bad_section.status_code == 400
    complete = path("assets", image["id"], "chunked_upload", "complete")
    short = {
        "upload_session_id": session,
        "number_of_sections": 3,
        "asset_type": "IMAGE",
    }
    assert client.post(complete, json=short).status_code == 400
    done = client.post(complete, json={**short, "number_of_sections": 2})
    assert done.status_code == 200
    again = client.post(path("assets", image["id"], "chunked_upload", "start"))
    assert again.status_code == 400  # already uploaded
    other = create(client, "assets", {"asset_type": "VIDEO", "name": "clip.mp4"})
    assert (
        upload(client, other["id"], media.mp4(), "video/mp4", "VIDEO").status_code
        == 200
    )
    assert client.get(path("assets", other["id"])).json()["status"] == "READY"


def _drafts(client: httpx.Client, campaign_id: str, ad_set_id: str, ad_id: str) -> None:
    draft = client.post(
        path("drafts", "campaigns"), json={"name": "Draft", "objective": "REACH"}
    )
    assert draft.status_code == 200
    draft_id = draft.json()["id"]
    assert (
        client.post(
            path("drafts", "campaigns"), json={"objective": "APP_INSTALLS"}
        ).status_code
        == 400
    )
    assert client.get(path("drafts", "campaigns")).status_code == 200
    assert (
        client.get(path("drafts", "campaigns"), params={"channel": ["X"]}).status_code
        == 400
    )
    assert client.get(path("drafts", "campaigns", draft_id)).status_code == 200
    assert client.get(path("drafts", "campaigns", UNKNOWN)).status_code == 404
    assert (
        client.patch(
            path("drafts", "campaigns", draft_id), json={"name": "D2"}
        ).status_code
        == 200
    )
    assert (
        client.patch(path("drafts", "campaigns", draft_id), json={"x": 1}).status_code
        == 400
    )

    body = {"campaign_id": draft_id, "name": "Draft set", "asset_format": "AUDIO"}
    ad_set = client.post(path("drafts", "ad_sets"), json=body)
    assert ad_set.status_code == 200
    draft_set_id = ad_set.json()["id"]
    assert (
        client.post(
            path("drafts", "ad_sets"), json={"campaign_id": campaign_id}
        ).status_code
        == 400
    )
    assert (
        client.get(
            path("drafts", "ad_sets"), params={"campaign_ids": [draft_id]}
        ).status_code
        == 200
    )
    assert (
        client.get(path("drafts", "ad_sets"), params={"limit": 51}).status_code == 400
    )
    assert client.get(path("drafts", "ad_sets", draft_set_id)).status_code == 200
    assert client.get(path("drafts", "ad_sets", UNKNOWN)).status_code == 404
    patched = client.patch(
        path("drafts", "ad_sets", draft_set_id), json={"pacing": "PACING_ASAP"}
    )
    assert patched.status_code == 200
    assert (
        client.patch(
            path("drafts", "ad_sets", draft_set_id), json={"pacing": "FAST"}
        ).status_code
        == 400
    )

    ad = client.post(
        path("drafts", "ads"), json={"ad_set_id": draft_set_id, "name": "Draft ad"}
    )
    assert ad.status_code == 200
    draft_ad_id = ad.json()["id"]
    assert (
        client.post(path("drafts", "ads"), json={"name": "orphan"}).status_code == 400
    )
    assert (
        client.get(
            path("drafts", "ads"), params={"ad_set_ids": [draft_set_id]}
        ).status_code
        == 200
    )
    assert (
        client.get(path("drafts", "ads"), params={"statuses": ["NOPE"]}).status_code
        == 400
    )
    assert client.get(path("drafts", "ads", draft_ad_id)).status_code == 200
    assert client.get(path("drafts", "ads", UNKNOWN)).status_code == 404
    assert (
        client.patch(
            path("drafts", "ads", draft_ad_id), json={"weight": 50}
        ).status_code
        == 200
    )
    assert (
        client.patch(
            path("drafts", "ads", draft_ad_id), json={"weight": 500}
        ).status_code
        == 400
    )

    version = client.get(path("drafts", "campaigns", draft_id)).json()[
        "draft_hierarchy_version"
    ]
    invalid = client.post(
        path("drafts", "campaigns", draft_id),
        json={"action": "VALIDATE", "draft_hierarchy_version": version},
    )
    assert invalid.status_code == 400
    assert client.delete(path("drafts", "ads", draft_ad_id)).status_code == 204
    assert client.delete(path("drafts", "ads", draft_ad_id)).status_code == 404
    assert client.delete(path("drafts", "ad_sets", draft_set_id)).status_code == 204
    assert client.delete(path("drafts", "ad_sets", UNKNOWN)).status_code == 404
    version = client.get(path("drafts", "campaigns", draft_id)).json()[
        "draft_hierarchy_version"
    ]
    valid = client.post(
        path("drafts", "campaigns", draft_id),
        json={"action": "VALIDATE", "draft_hierarchy_version": version},
    )
    assert valid.status_code == 200
    published = client.post(
        path("drafts", "campaigns", draft_id),
        json={"action": "PUBLISH", "draft_hierarchy_version": version},
    )
    assert published.status_code == 200

    assert client.post(path("campaigns", campaign_id, "drafts")).status_code == 200
    assert client.post(path("campaigns", campaign_id, "drafts")).status_code == 400
    assert client.post(path("ad_sets", ad_set_id, "drafts")).status_code == 200
    assert client.post(path("ad_sets", UNKNOWN, "drafts")).status_code == 404
    assert client.post(path("ads", ad_id, "drafts")).status_code == 200
    assert client.post(path("ads", ad_id, "drafts")).status_code == 400
    assert client.delete(path("drafts", "campaigns", campaign_id)).status_code == 204
    assert client.delete(path("drafts", "campaigns", campaign_id)).status_code == 404


def _history(client: httpx.Client) -> None:
    assert (
        client.get(path("change_history"), params={"entity_type": "AD_SET"}).status_code
        == 200
    )
    assert (
        client.get(path("change_history"), params={"entity_name": "Summer"}).status_code
        == 400
    )


def _unauthorised(client: httpx.Client, contract: Contract, campaign_id: str) -> None:
    """Every operation answers 401 without a token."""
    with httpx.Client(
        transport=client._transport,  # the same in-process app
        base_url=f"{ROOT}/ads/v3",
        event_hooks={"response": [contract.check]},
    ) as anonymous:
        for method, template, _operation in contract.operations:
            url = "/".join(_fill(part, campaign_id) for part in template)
            if _served(contract, method, template):
                reply = anonymous.request(method.upper(), url)
                assert reply.status_code in (401, 404, 405), (url, reply.status_code)


def _served(contract: Contract, method: str, template: list[str]) -> bool:
    operation = next(
        op
        for verb, parts, op in contract.operations
        if verb == method and parts == template
    )
    return any(op == operation for op, _ in contract.seen)


def _fill(part: str, object_id: str) -> str:
    if not part.startswith("{"):
        return part
    if part in ("{ad_account_id}",):
        return ACCOUNT
    if part == "{business_id}":
        return BUSINESS_ID
    return object_id
