"""Asset uploads: multipart shape, chunking, waiting for READY."""

from __future__ import annotations

import email
import email.policy
import json
from typing import Any

import httpx
import pytest

from campaignctl.errors import ApiError, ConfigError, ServerError
from campaignctl.provider.upload import MB, Media, UploadLimits, split_sections

from .fakes import ACCOUNT, FakeTime, TokenServer, make_api

ASSET = "a5a5a5a5-0000-4000-a000-000000000001"
BASE = f"/ads/v3/ad_accounts/{ACCOUNT}/assets/{ASSET}"


def form_parts(request: httpx.Request) -> dict[str, tuple[str | None, str, bytes]]:
    """Multipart parts by name: (filename, content type, content)."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.message_from_bytes(head + request.content, policy=email.policy.HTTP)
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        parts[str(name)] = (part.get_filename(), part.get_content_type(), payload)
    return parts


class UploadServer:
    def __init__(self, *, chunk_mb: int = 10) -> None:
        self.requests: list[httpx.Request] = []
        self.chunk_mb = chunk_mb

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        action = request.url.path.removeprefix(BASE)
        answers: dict[str, dict[str, Any]] = {
            "/upload": {"id": ASSET, "status": "PROCESSING"},
            "/chunked_upload/start": {
                "upload_session_id": "5e55-1",
                "max_chunk_size_mb": self.chunk_mb,
            },
            "/chunked_upload/transfer": {"success": True},
            "/chunked_upload/complete": {"id": ASSET, "status": "PROCESSING"},
        }
        return httpx.Response(200, json=answers[action])


def test_small_file_is_one_multipart_request() -> None:
    server = UploadServer()
    api = make_api(TokenServer(server))

    answer = api.upload_asset(
        ACCOUNT,
        ASSET,
        data=b"RIFF....WAVEfmt ",
        media_type="audio/wav",
        asset_type="AUDIO",
        filename="spot-a-3fa9c2d1e0b4.wav",
    )

    assert answer == {"id": ASSET, "status": "PROCESSING"}
    [request] = server.requests
    assert (request.method, request.url.path) == ("POST", f"{BASE}/upload")
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert form_parts(request) == {
        "asset_type": (None, "text/plain", b"AUDIO"),
        "media": ("spot-a-3fa9c2d1e0b4.wav", "audio/wav", b"RIFF....WAVEfmt "),
    }
    assert api.request_counts() == {"uploadAsset": 1, "token": 1}


def test_large_file_is_sent_in_numbered_sections() -> None:
    server = UploadServer(chunk_mb=2)
    limits = UploadLimits(single_max_bytes=10, chunk_unit_bytes=4)  # "MB" = 4 bytes
    api = make_api(TokenServer(server), uploads=limits)
    data = bytes(range(20))

    answer = api.upload_asset(
        ACCOUNT,
        ASSET,
        data=data,
        media_type="video/mp4",
        asset_type="VIDEO",
        filename="v.mp4",
    )

    assert answer == {"id": ASSET, "status": "PROCESSING"}
    paths = [r.url.path.removeprefix(BASE) for r in server.requests]
    assert paths == [
        "/chunked_upload/start",
        "/chunked_upload/transfer",
        "/chunked_upload/transfer",
        "/chunked_upload/transfer",
        "/chunked_upload/complete",
    ]
    assert server.requests[0].content == b""
    transfers = [form_parts(r) for r in server.requests[1:4]]
    assert transfers == [
        {
            "asset_type": (None, "text/plain", b"VIDEO"),
            "upload_session_id": (None, "text/plain", b"5e55-1"),
            "upload_section": (None, "text/plain", str(n).encode()),
            "media": ("v.mp4", "video/mp4", chunk),
        }
        for n, chunk in enumerate([data[0:8], data[8:16], data[16:20]], start=1)
    ]
    assert json.loads(server.requests[4].content) == {
        "upload_session_id": "5e55-1",
        "number_of_sections": 3,
        "asset_type": "VIDEO",
    }


def test_twenty_megabytes_is_the_single_upload_limit() -> None:
    server = UploadServer(chunk_mb=10)
    api = make_api(TokenServer(server))

    for size in (20 * MB, 20 * MB + 1):
        api.upload_asset(
            ACCOUNT,
            ASSET,
            data=bytes(size),
            media_type="video/mp4",
            asset_type="VIDEO",
            filename="v.mp4",
        )

    assert api.request_counts() == {
        "uploadAsset": 1,
        "startUploadChunkedAsset": 1,
        "transferChunkedAsset": 3,  # 10 MB + 10 MB + 1 byte
        "completeUploadChunkedAsset": 1,
        "token": 1,
    }
    sizes = [len(form_parts(r)["media"][2]) for r in server.requests[2:5]]
    assert sizes == [10 * MB, 10 * MB, 1]


def test_more_than_a_thousand_sections_is_refused() -> None:
    media = Media(
        data=bytes(1001), media_type="video/mp4", asset_type="VIDEO", filename="v.mp4"
    )

    with pytest.raises(ConfigError) as caught:
        split_sections(media, chunk_bytes=1)

    assert caught.value.message == (
        "v.mp4 is 1001 bytes: more than 1000 upload sections of 1 bytes"
    )


def test_a_failed_upload_is_ambiguous() -> None:
    api = make_api(TokenServer(lambda request: httpx.Response(502)))

    with pytest.raises(ServerError) as caught:
        api.upload_asset(
            ACCOUNT,
            ASSET,
            data=b"x",
            media_type="image/png",
            asset_type="IMAGE",
            filename="logo.png",
        )

    assert caught.value.ambiguous is True


def statuses(*sequence: str) -> TokenServer:
    answers = iter(sequence)

    def route(request: httpx.Request) -> httpx.Response:
        body = {"id": ASSET, "name": "cover-3fa9c2d1e0b4.png", "status": next(answers)}
        return httpx.Response(200, json=body)

    return TokenServer(route)


def test_wait_polls_with_growing_delays_until_ready() -> None:
    time = FakeTime()
    api = make_api(
        statuses("PROCESSING", "PROCESSING", "PROCESSING", "READY"), time=time
    )

    asset = api.wait_asset_ready(ACCOUNT, ASSET)

    assert asset["status"] == "READY"
    assert time.sleeps == pytest.approx([0.1, 0.2, 0.4])
    assert api.request_counts() == {"getAsset": 4, "token": 1}


def test_wait_raises_on_error_status() -> None:
    api = make_api(statuses("PROCESSING", "ERROR"))

    with pytest.raises(ApiError) as caught:
        api.wait_asset_ready(ACCOUNT, ASSET)

    assert caught.value.render() == (
        f"GET /ad_accounts/{ACCOUNT}/assets/{ASSET} → 200: asset "
        "'cover-3fa9c2d1e0b4.png' failed processing (status ERROR)\n"
        "  hint: the server could not process the file; check its format, duration "
        "and size against the API's asset rules, then apply again"
    )


def test_wait_gives_up_at_the_deadline() -> None:
    time = FakeTime()
    api = make_api(statuses(*["PROCESSING"] * 10), time=time)

    with pytest.raises(ApiError) as caught:
        api.wait_asset_ready(ACCOUNT, ASSET, timeout_s=1.0)

    assert time.sleeps == pytest.approx([0.1, 0.2, 0.4, 0.3])
    assert caught.value.detail.messages == (
        "asset 'cover-3fa9c2d1e0b4.png' still PROCESSING after 1 s",
    )
