"""Request bodies and small workflows shared by the sandbox tests."""

from __future__ import annotations

from typing import Any

import httpx

from campaignctl.sandbox import DEFAULT_ACCOUNT_ID

from . import media

ACCOUNT = DEFAULT_ACCOUNT_ID
ROOT = "http://sandbox.test"
JSON = dict[str, Any]
MIME = {"IMAGE": "image/png", "AUDIO": "audio/wav", "VIDEO": "video/mp4"}


def path(*parts: str) -> str:
    """``/ad_accounts/{default account}/…``."""
    return "/".join((f"/ad_accounts/{ACCOUNT}", *parts))


def campaign_body(**overrides: Any) -> JSON:
    return {
        "name": "Summer Launch 2030",
        "objective": "EVEN_IMPRESSION_DELIVERY",
        **overrides,
    }


def ad_set_body(campaign_id: str, **overrides: Any) -> JSON:
    return {
        "name": "US Rock Fans 18-34",
        "campaign_id": campaign_id,
        "category": "ADV_21_182",
        "asset_format": "AUDIO",
        "start_time": "2030-02-01T00:00:00Z",
        "end_time": "2030-02-28T00:00:00Z",
        "budget": {"micro_amount": 150_000_000, "type": "DAILY"},
        "bid_strategy": "MAX_BID",
        "bid_micro_amount": 12_000_000,
        "targets": {
            "placements": ["MUSIC"],
            "age_ranges": [{"min": 18, "max": 34}],
            "geo_targets": {"country_code": "US"},
            "genre_ids": ["rock", "blues"],
        },
        **overrides,
    }


def ad_body(ad_set_id: str, assets: JSON, **overrides: Any) -> JSON:
    return {
        "name": "Spot A",
        "ad_set_id": ad_set_id,
        "tagline": "New album out now",
        "advertiser_name": "Nightjar Records",
        "assets": assets,
        "call_to_action": {
            "key": "LISTEN_NOW",
            "clickthrough_url": "https://example.com/listen",
        },
        **overrides,
    }


def create(client: httpx.Client, kind: str, body: JSON) -> JSON:
    """POST a create and return the body, failing loudly on an error."""
    reply = client.post(path(kind), json=body)
    assert reply.status_code in (200, 201), reply.text
    return dict(reply.json())


def upload(
    client: httpx.Client, asset_id: str, data: bytes, mime: str, asset_type: str
) -> httpx.Response:
    return client.post(
        path("assets", asset_id, "upload"),
        files={"media": ("file", data, mime)},
        data={"asset_type": asset_type},
    )


def ready_asset(
    client: httpx.Client,
    asset_type: str,
    data: bytes | None = None,
    *,
    name: str | None = None,
) -> JSON:
    """Create, upload and (processing_ms=0) read back a READY asset."""
    body: JSON = {
        "asset_type": asset_type,
        "name": name or f"{asset_type.lower()}-file",
    }
    if asset_type == "AUDIO":
        body["asset_subtype"] = "USER_UPLOADED_AUDIO"
    asset = create(client, "assets", body)
    content = data if data is not None else default_media(asset_type)
    reply = upload(client, asset["id"], content, MIME[asset_type], asset_type)
    assert reply.status_code == 200, reply.text
    ready = client.get(path("assets", asset["id"])).json()
    assert ready["status"] == "READY", ready
    return dict(ready)


def default_media(asset_type: str) -> bytes:
    return {"IMAGE": media.png(), "AUDIO": media.wav(), "VIDEO": media.mp4()}[
        asset_type
    ]


def audio_ad_assets(client: httpx.Client) -> JSON:
    return {
        "asset_id": ready_asset(client, "AUDIO")["id"],
        "companion_asset_id": ready_asset(client, "IMAGE", name="cover.png")["id"],
        "logo_asset_id": ready_asset(client, "IMAGE", name="logo.png")["id"],
    }


def hierarchy(client: httpx.Client) -> tuple[JSON, JSON, JSON]:
    """A live campaign, AUDIO ad set and ad."""
    campaign = create(client, "campaigns", campaign_body())
    ad_set = create(client, "ad_sets", ad_set_body(campaign["id"]))
    ad = create(client, "ads", ad_body(ad_set["id"], audio_ad_assets(client)))
    return campaign, ad_set, ad


def without(body: JSON, *keys: str) -> JSON:
    return {k: v for k, v in body.items() if k not in keys}


def messages(reply: httpx.Response) -> list[str]:
    body = reply.json()
    assert set(body) >= {"sp_trace_id", "messages", "error_codes"}, body
    return list(body["messages"])
