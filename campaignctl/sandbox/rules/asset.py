"""Asset request schemas and the ``AssetResponse`` (Image | Audio | Video).

``duration_ms`` is absent until the asset is READY: the spec describes it as
"null until ready" but types it as a non-nullable integer, so the sandbox
leaves the key out rather than send a value the schema forbids.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from campaignctl.media import MediaInfo
from campaignctl.sandbox.rules.types import (
    AssetSubtype,
    AssetType,
    AudioType,
    Body,
    Uuid,
)
from campaignctl.sandbox.store import JSON

AssetName = Annotated[str, StringConstraints(min_length=2, max_length=120)]
MAX_CHUNK_MB = 10
MAX_CHUNKED_BYTES = 200 * 1024 * 1024
SUBTYPE_GROUPS = {
    "USER_UPLOADED_AUDIO": "AUDIO_AD",
    "ADSTUDIO_SUPPLIED_AUDIO": "AUDIO_AD",
    "BACKGROUND_MUSIC": "BACKGROUND_MUSIC",
    "STOCK_BACKGROUND_MUSIC": "BACKGROUND_MUSIC",
}


class CreateAssetRequest(Body):
    asset_type: AssetType
    name: AssetName
    asset_subtype: AssetSubtype | None = None


class UpdateAssetRequest(Body):
    asset_type: AssetType
    asset_subtype: AudioType | None = None
    name: AssetName | None = None


class ChunkedUploadComplete(Body):
    upload_session_id: Uuid
    number_of_sections: Annotated[int, Field(ge=1, le=1000)]
    asset_type: AssetType


def create_problems(body: JSON) -> list[str]:
    subtype = body.get("asset_subtype")
    if body["asset_type"] == "AUDIO" and subtype is None:
        return ["asset_subtype: is required for AUDIO assets"]
    if body["asset_type"] != "AUDIO" and subtype is not None:
        return ["asset_subtype: only applies to AUDIO assets"]
    return []


def update_problems(current: JSON, patch: JSON) -> list[str]:
    problems = []
    if patch["asset_type"] != current["asset_type"]:
        problems.append(
            f"asset_type: the asset is {current['asset_type']}; asset_type "
            "identifies the asset and cannot be changed"
        )
    subtype = patch.get("asset_subtype")
    if subtype is not None and subtype != current.get("audio_type"):
        problems.append("asset_subtype: cannot be changed; only name is updatable")
    return problems


def asset_body(fields: JSON, *, asset_id: str, stamps: JSON) -> JSON:
    body: JSON = {
        "id": asset_id,
        "name": fields["name"],
        "asset_type": fields["asset_type"],
        "status": "WAITING_UPLOAD",
        "created_at": stamps["created_at"],
        "updated_at": stamps["updated_at"],
    }
    if fields["asset_type"] == "AUDIO":
        body["audio_type"] = fields["asset_subtype"]
    return body


def processed_fields(url: str, info: MediaInfo) -> JSON:
    """What READY adds to the body, read from the uploaded content."""
    result: JSON = {"status": "READY", "file_type": info.file_type}
    if info.duration_ms is not None:
        result["duration_ms"] = info.duration_ms
    if info.width and info.height:
        result["width"], result["height"] = info.width, info.height
        if info.aspect_ratio:
            result["aspect_ratio"] = info.aspect_ratio
    if info.asset_type == "VIDEO":
        result["has_audio"] = True
        result["thumbnail_url"] = f"{url}/thumbnail.jpg"
    return result


DEFAULT_ORIGIN = "https://sandbox.campaignctl.invalid"
FILES_PATH = "/_sandbox/files"


def asset_url(asset_id: str, origin: str = DEFAULT_ORIGIN) -> str:
    """Where the uploaded file is served: on the host the upload came to."""
    return f"{origin.rstrip('/')}{FILES_PATH}/{asset_id}"
