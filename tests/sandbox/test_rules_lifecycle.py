"""BRIEF §11 rules 9 and 10: asset lifecycle; review and status simulation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from campaignctl.sandbox import SandboxConfig, SyncASGITransport, create_app

from . import media
from .helpers import (
    ROOT,
    ad_body,
    ad_set_body,
    audio_ad_assets,
    campaign_body,
    create,
    messages,
    path,
    upload,
)

Advance = Callable[..., dict[str, Any]]


@pytest.fixture
def slow_client() -> Iterator[httpx.Client]:
    """A sandbox whose assets take 5 s (sandbox time) to process."""
    app = create_app(
        SandboxConfig(
            clock_start="2030-01-01T00:00:00Z", rate_limit=0, processing_ms=5000
        )
    )
    transport = SyncASGITransport(app)
    token = httpx.Client(transport=transport, base_url=ROOT).post(
        "/api/token",
        data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
        auth=("sandbox-client", "sandbox-secret"),
    )
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    with httpx.Client(
        transport=transport, base_url=f"{ROOT}/ads/v3", headers=headers
    ) as c:
        yield c
    app.state.sandbox.close()


def test_rule_09_asset_lifecycle(slow_client: httpx.Client) -> None:
    client = slow_client
    asset = create(
        client,
        "assets",
        {
            "asset_type": "AUDIO",
            "name": "spot.wav",
            "asset_subtype": "USER_UPLOADED_AUDIO",
        },
    )
    assert asset == {
        "id": asset["id"],
        "name": "spot.wav",
        "asset_type": "AUDIO",
        "audio_type": "USER_UPLOADED_AUDIO",
        "status": "WAITING_UPLOAD",
        "created_at": "2030-01-01T00:00:00Z",
        "updated_at": "2030-01-01T00:00:00Z",
    }
    processing = upload(
        client, asset["id"], media.wav(ms=2500), "audio/wav", "AUDIO"
    ).json()
    url = f"{ROOT}/_sandbox/files/{asset['id']}"
    assert processing == {**asset, "status": "PROCESSING", "url": url}
    assert client.get(path("assets", asset["id"])).json()["status"] == "PROCESSING"
    client.post(f"{ROOT}/_sandbox/advance", json={"seconds": 5})
    ready = client.get(path("assets", asset["id"])).json()
    assert ready == {
        **asset,
        "status": "READY",
        "url": url,
        "file_type": "WAV",
        "duration_ms": 2500,
    }


def test_rule_09_upload_problems(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    image = create(client, "assets", {"asset_type": "IMAGE", "name": "cover.png"})["id"]
    cases = [
        (
            media.png(),
            "text/plain",
            "IMAGE",
            "media: content type 'text/plain' is not accepted",
        ),
        (
            media.png(),
            "audio/wav",
            "IMAGE",
            "media: audio/wav is AUDIO content, the asset is IMAGE",
        ),
        (
            media.png(),
            "image/png",
            "AUDIO",
            "asset_type: AUDIO does not match the asset's type IMAGE",
        ),
        (
            b"x" * (20 * 1024 * 1024 + 1),
            "image/png",
            "IMAGE",
            "media: larger than 20 MB",
        ),
    ]
    for data, mime, asset_type, expected in cases:
        reply = upload(client, image, data, mime, asset_type)
        assert reply.status_code == 400
        assert messages(reply)[0].startswith(expected)
    too_big = upload(client, image, b"x" * (22 * 1024 * 1024), "image/png", "IMAGE")
    assert too_big.status_code == 413
    # corrupt or mismatched content is accepted, then ends in ERROR
    outcomes = {}
    for name, data, mime in [
        ("truncated", media.png()[:80], "image/png"),
        ("jpeg-as-png", media.jpeg(), "image/png"),
        ("good", media.jpeg(), "image/jpeg"),
    ]:
        asset = create(client, "assets", {"asset_type": "IMAGE", "name": name})["id"]
        assert (
            upload(client, asset, data, mime, "IMAGE").json()["status"] == "PROCESSING"
        )
        body = client.get(path("assets", asset)).json()
        outcomes[name] = (
            body["status"],
            body.get("file_type"),
            body.get("aspect_ratio"),
        )
    assert outcomes == {
        "truncated": ("ERROR", None, None),
        "jpeg-as-png": ("ERROR", None, None),
        "good": ("READY", "JPEG", "HORIZONTAL_1_91_1"),
    }
    again = upload(client, image, media.png(), "image/png", "IMAGE")
    assert again.status_code == 200
    assert messages(upload(client, image, media.png(), "image/png", "IMAGE")) == [
        f"asset {image} is READY; content was already uploaded"
    ]


def test_rule_09_chunked_upload(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    video = create(client, "assets", {"asset_type": "VIDEO", "name": "clip.mp4"})["id"]
    start = client.post(path("assets", video, "chunked_upload", "start")).json()
    assert start == {
        "upload_session_id": start["upload_session_id"],
        "max_chunk_size_mb": 10,
    }
    session = start["upload_session_id"]
    content = media.mp4(1080, 1920, ms=9000)
    transfer = path("assets", video, "chunked_upload", "transfer")

    def send(section: int, part: bytes, **form: str) -> httpx.Response:
        data = {
            "upload_session_id": session,
            "upload_section": str(section),
            "asset_type": "VIDEO",
        }
        return client.post(
            transfer, files={"media": ("p", part, "video/mp4")}, data={**data, **form}
        )

    assert send(2, content[200:]).json() == {"success": True}
    unknown = "44444444-4444-4444-8444-444444444444"
    assert messages(send(1, content[:200], upload_session_id=unknown)) == [
        f"upload_session_id: no upload session {unknown} for this asset"
    ]
    complete = path("assets", video, "chunked_upload", "complete")
    body = {
        "upload_session_id": session,
        "number_of_sections": 2,
        "asset_type": "VIDEO",
    }
    assert messages(client.post(complete, json=body)) == [
        "number_of_sections: 2 sections declared, received [2]"
    ]
    assert send(1, content[:200]).status_code == 200
    done = client.post(complete, json=body).json()
    assert done["status"] == "PROCESSING"
    ready = client.get(path("assets", video)).json()
    assert {
        k: ready[k]
        for k in (
            "status",
            "file_type",
            "duration_ms",
            "width",
            "height",
            "aspect_ratio",
            "has_audio",
        )
    } == {
        "status": "READY",
        "file_type": "MP4",
        "duration_ms": 9000,
        "width": 1080,
        "height": 1920,
        "aspect_ratio": "VERTICAL_9_16",
        "has_audio": True,
    }


def test_rule_10_review_simulation(
    sandbox_client: httpx.Client, sandbox_advance: Advance
) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    kept = create(client, "ad_sets", ad_set_body(campaign["id"]))
    rejected = create(
        client, "ad_sets", ad_set_body(campaign["id"], name="[Test reject] set")
    )
    ad = create(client, "ads", ad_body(kept["id"], audio_ad_assets(client)))

    def statuses() -> tuple[str, str, str]:
        return (
            client.get(path("ad_sets", kept["id"])).json()["status"],
            client.get(path("ad_sets", rejected["id"])).json()["status"],
            client.get(path("ads", ad["id"])).json()["status"],
        )

    assert statuses() == ("PENDING_APPROVAL", "PENDING_APPROVAL", "PENDING_APPROVAL")
    sandbox_advance(seconds=59)
    assert statuses() == ("PENDING_APPROVAL", "PENDING_APPROVAL", "PENDING_APPROVAL")
    sandbox_advance(seconds=1)
    assert statuses() == ("APPROVED", "REJECTED", "APPROVED")
    refused = client.get(path("ad_sets", rejected["id"])).json()
    assert refused["reject_reasons"] == [
        {
            "rejection": "The ad set was rejected by sandbox review: its name starts "
            "with [Test reject].",
            "rejection_key": "SANDBOX_TEST_REJECT",
            "remediation": "Rename the ad set without the [Test reject] prefix to have "
            "it reviewed again.",
            "remediation_key": "RENAME_AND_RESUBMIT",
        }
    ]
    assert refused["reject_reason"] == refused["reject_reasons"][0]["rejection"]
    sandbox_advance(days=31)  # flight: 2030-02-01 .. 2030-02-28
    assert statuses() == ("ACTIVE", "REJECTED", "ACTIVE")
    sandbox_advance(days=28)
    assert statuses() == ("COMPLETED", "REJECTED", "ACTIVE")


def test_rule_10_campaign_status_and_archiving(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    url = path("campaigns", campaign["id"])
    assert client.patch(url, json={"status": "PAUSED"}).json()["status"] == "PAUSED"
    assert messages(client.patch(url, json={"status": "ARCHIVED"})) == [
        "status: ARCHIVED can only be set by publishing a campaign draft"
    ]
    assert messages(client.patch(url, json={"status": "AGENT_CONTROLLED"})) == [
        "status: must be ACTIVE or PAUSED"
    ]
    draft = client.post(path("campaigns", campaign["id"], "drafts")).json()
    client.patch(path("drafts", "campaigns", draft["id"]), json={"status": "ARCHIVED"})
    version = client.get(path("drafts", "campaigns", draft["id"])).json()[
        "draft_hierarchy_version"
    ]
    published = client.post(
        path("drafts", "campaigns", draft["id"]),
        json={"action": "PUBLISH", "draft_hierarchy_version": version},
    )
    assert published.json()["campaign"]["status"] == "ARCHIVED"
    assert messages(client.patch(url, json={"status": "ACTIVE"})) == [
        "campaign is ARCHIVED; archived campaigns cannot be edited"
    ]
    assert client.post(path("campaigns", campaign["id"], "drafts")).status_code == 400
