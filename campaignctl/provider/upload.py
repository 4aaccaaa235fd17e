"""Asset file transfer and the wait for processing to finish.

Files up to 20 MB go in one multipart request (``media`` with the file's MIME
type, plus ``asset_type``). Larger files use the chunked flow: ``start`` tells
us ``max_chunk_size_mb``; each ``transfer`` carries one numbered section
(1-based); ``complete`` names how many were sent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from campaignctl.errors import ApiError, ApiErrorDetail, ConfigError
from campaignctl.provider.base import JSON
from campaignctl.provider.client import HttpClient

MB = 1024 * 1024
MAX_SECTIONS = 1000  # ChunkedUploadComplete.number_of_sections maximum
DEFAULT_CHUNK_MB = 10


@dataclass(frozen=True)
class UploadLimits:
    single_max_bytes: int = 20 * MB  # above this: chunked upload
    chunk_unit_bytes: int = MB  # what one "MB" of max_chunk_size_mb is


@dataclass(frozen=True)
class Media:
    data: bytes
    media_type: str
    asset_type: str
    filename: str


def upload(client: HttpClient, base: str, media: Media, limits: UploadLimits) -> JSON:
    """Send ``media`` to the asset at ``base`` (``…/assets/{id}``)."""
    if len(media.data) <= limits.single_max_bytes:
        return client.post(
            f"{base}/upload",
            op="uploadAsset",
            files={"media": _part(media, media.data)},
            data={"asset_type": media.asset_type},
        )
    return _upload_chunked(client, base, media, limits)


def _upload_chunked(
    client: HttpClient, base: str, media: Media, limits: UploadLimits
) -> JSON:
    session = client.post(f"{base}/chunked_upload/start", op="startUploadChunkedAsset")
    session_id = str(session["upload_session_id"])
    chunk_mb = int(session.get("max_chunk_size_mb") or DEFAULT_CHUNK_MB)
    sections = split_sections(media, chunk_bytes=chunk_mb * limits.chunk_unit_bytes)
    for number, chunk in enumerate(sections, start=1):
        client.post(
            f"{base}/chunked_upload/transfer",
            op="transferChunkedAsset",
            files={"media": _part(media, chunk)},
            data={
                "asset_type": media.asset_type,
                "upload_session_id": session_id,
                "upload_section": str(number),
            },
        )
    return client.post(
        f"{base}/chunked_upload/complete",
        op="completeUploadChunkedAsset",
        json={
            "upload_session_id": session_id,
            "number_of_sections": len(sections),
            "asset_type": media.asset_type,
        },
    )


def split_sections(media: Media, *, chunk_bytes: int) -> list[bytes]:
    """The file in sections of ``chunk_bytes``; at most 1,000 of them."""
    size = max(1, chunk_bytes)
    count = math.ceil(len(media.data) / size)
    if count > MAX_SECTIONS:
        raise ConfigError(
            f"{media.filename} is {len(media.data)} bytes: more than "
            f"{MAX_SECTIONS} upload sections of {size} bytes",
            hint="use a smaller file (see the API's asset size limits)",
        )
    return [media.data[i : i + size] for i in range(0, len(media.data), size)]


def _part(media: Media, content: bytes) -> tuple[str, bytes, str]:
    return (media.filename, content, media.media_type)


def wait_ready(client: HttpClient, base: str, *, timeout_s: float) -> JSON:
    """Poll the asset until READY; ERROR or the deadline raise ``ApiError``."""
    timing = client.timing
    deadline = timing.clock() + timeout_s
    delay = 0.1
    while True:
        asset = client.get(base, op="getAsset")
        status = asset.get("status")
        if status == "READY":
            return asset
        if status == "ERROR":
            raise _asset_failed(base, asset)
        remaining = deadline - timing.clock()
        if remaining <= 0:
            raise _asset_late(base, asset, timeout_s)
        timing.sleep(min(delay, remaining))
        delay = min(delay * 2, 5.0)


def _asset_failed(base: str, asset: JSON) -> ApiError:
    name = asset.get("name") or asset.get("id")
    detail = ApiErrorDetail(
        status=200,
        method="GET",
        path=base,
        messages=(f"asset {name!r} failed processing (status ERROR)",),
    )
    return ApiError(
        detail,
        hint="the server could not process the file; check its format, duration "
        "and size against the API's asset rules, then apply again",
    )


def _asset_late(base: str, asset: JSON, timeout_s: float) -> ApiError:
    name = asset.get("name") or asset.get("id")
    status = asset.get("status")
    detail = ApiErrorDetail(
        status=200,
        method="GET",
        path=base,
        messages=(f"asset {name!r} still {status} after {timeout_s:g} s",),
    )
    return ApiError(
        detail, hint="processing can take a while; apply again later to resume"
    )
