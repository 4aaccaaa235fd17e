"""A simulated server: what the API returns for an object campaignctl created.

Written from BRIEF §2.5 (defaults), §2.6 (set-valued arrays) and §11 rule 5,
and from the spec's response examples -- deliberately *not* from
``campaignctl.plan.fields``, so the planner's table is checked against an
independent reading of the contract. The echo fills server defaults, drops
what responses do not carry, adds read-only and undocumented fields, and
shuffles set-valued arrays.
"""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Mapping
from typing import Any

ACCOUNT = "00000000-0000-4000-a000-000000000001"
CREATED = "2030-01-15T10:00:00Z"
DEFAULT_CAPS = [
    {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 5},
    {"frequency_unit": "WEEK", "frequency_period": 1, "max_impressions": 35},
    {"frequency_unit": "MONTH", "frequency_period": 1, "max_impressions": 50},
]
TARGET_SETS = (  # uniqueItems arrays, plus age ranges (order-free)
    "genders",
    "platforms",
    "placements",
    "artist_ids",
    "genre_ids",
    "interest_ids",
    "playlist_ids",
    "podcast_episode_topic_ids",
    "audience_ids",
    "audience_ids_exclusions",
    "age_ranges",
)
GEO_SETS = ("region_ids", "city_ids", "postal_code_ids")
CTA_TEXT = {"LEARN_MORE": "Learn more", "LISTEN_NOW": "Listen now"}


def remote_id(*parts: str) -> str:
    """A stable UUID for a test object."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def echo_campaign(body: Mapping[str, Any], *, object_id: str) -> dict[str, Any]:
    live = {k: copy.deepcopy(v) for k, v in body.items() if k != "ad_product"}
    live.setdefault("status", "ACTIVE")
    live.setdefault("delivery_goal_group", "AWARENESS")  # derived when omitted
    return {
        **live,
        "id": object_id,
        "created_at": CREATED,
        "updated_at": CREATED,
        "derived_status": "ACTIVE",
        "ad_account_id": ACCOUNT,
        "version": 3,
    }


def echo_ad_set(
    body: Mapping[str, Any],
    *,
    object_id: str,
    campaign_id: str,
    objective: str | None,
    currency: str = "USD",
    rng: random.Random | None = None,
    empty_lists: bool = False,
) -> dict[str, Any]:
    rng = rng or random.Random(0)
    live = copy.deepcopy(dict(body))
    live.pop("placements", None)  # deprecated top-level field: not returned
    live.setdefault("pacing", "PACING_EVEN")
    live.setdefault("delivery", "ON")
    live["frequency_caps"] = live.get("frequency_caps") or copy.deepcopy(DEFAULT_CAPS)
    if live.get("asset_format") == "VIDEO" and not live.get("video_delivery_formats"):
        by_objective = {"VIDEO_VIEWS": ["OPT_IN"], "CLICKS": ["IN_STREAM"]}
        live["video_delivery_formats"] = by_objective.get(
            objective or "", ["IN_STREAM", "OPT_IN"]
        )
    live["targets"] = _echo_targets(live.get("targets", {}), empty_lists)
    live["budget"] = {**live["budget"], "currency": currency}
    paused = live["delivery"] == "OFF"
    live.update(
        id=object_id,
        campaign_id=campaign_id,
        cost_model="CPM",
        status="PENDING_APPROVAL",
        is_paused=paused,
        created_at=CREATED,
        updated_at=CREATED,
        reject_reason="",
        bid_optimization_goal="CLICKS",  # undocumented, in the spec's example
        ad_account_id=ACCOUNT,
        version=7,
    )
    if paused:
        live["pause_reason"] = "USER_PAUSED"
    _shuffle(live, ("frequency_caps", "video_delivery_formats"), rng)
    _shuffle(live["targets"], TARGET_SETS, rng)
    _shuffle(live["targets"].get("geo_targets", {}), GEO_SETS, rng)
    return live


def _echo_targets(targets: Mapping[str, Any], empty_lists: bool) -> dict[str, Any]:
    out = copy.deepcopy(dict(targets))
    out["platforms"] = out.get("platforms") or ["ANDROID", "DESKTOP", "IOS"]
    out["age_ranges"] = [{"max": 99, **r} for r in out.get("age_ranges", [])]
    if "geo_targets" in out:
        out["geo_targets"] = {k: [] for k in GEO_SETS} | out["geo_targets"]
    if empty_lists:  # some responses spell "unset" as []
        out = {k: [] for k in TARGET_SETS} | out
    return out


def echo_ad(
    body: Mapping[str, Any],
    *,
    object_id: str,
    ad_set: Mapping[str, Any],
    asset_ids: Mapping[str, str],
) -> dict[str, Any]:
    """``asset_ids`` maps desired sha256 digests to live asset UUIDs."""
    live = copy.deepcopy(dict(body))
    live.pop("dv_client_code", None)  # not in AdResponse
    live["assets"] = {k: asset_ids[v] for k, v in body["assets"].items()}
    cta = {"key": "LEARN_MORE", "language": "ENGLISH", **body["call_to_action"]}
    cta["text"] = CTA_TEXT.get(cta["key"], cta["key"].title())
    live["call_to_action"] = cta
    live.setdefault("delivery", "ON")
    live.setdefault("start_time", ad_set["start_time"])  # inherited, echoed
    live.setdefault("end_time", ad_set.get("end_time", "2031-01-01T00:00:00Z"))
    if "third_party_tracking" in live:
        live["third_party_tracking"] = [
            {"measurement_event": "IMPRESSION", **t}
            for t in live["third_party_tracking"]
        ]
    live.update(
        id=object_id,
        ad_set_id=ad_set["id"],
        status="PENDING",
        ad_account_id=ACCOUNT,
        created_at=CREATED,
        updated_at=CREATED,
        ad_preview_url=f"https://adstudio.example/ads/{object_id}/preview",
    )
    return live


def echo_asset(
    name: str, asset_type: str, *, object_id: str, status: str = "READY"
) -> dict[str, Any]:
    live: dict[str, Any] = {
        "id": object_id,
        "name": name,
        "asset_type": asset_type,
        "status": status,
        "url": f"https://i.scdn.example/{object_id}",
        "created_at": CREATED,
        "updated_at": CREATED,
    }
    if asset_type == "AUDIO":
        live |= {"audio_type": "USER_UPLOADED_AUDIO", "duration_ms": 30000}
        live["file_type"] = "WAV"
    else:
        live |= {"file_type": "PNG", "width": 640, "height": 640}
    return live


def _shuffle(obj: dict[str, Any], keys: Any, rng: random.Random) -> None:
    """Set-valued arrays in another order, their objects' keys too."""
    for key in keys:
        if isinstance(obj.get(key), list):
            items = [_reordered(i, rng) for i in obj[key]]
            rng.shuffle(items)
            obj[key] = items


def _reordered(item: Any, rng: random.Random) -> Any:
    if not isinstance(item, dict):
        return item
    keys = list(item)
    rng.shuffle(keys)
    return {k: _reordered(item[k], rng) for k in keys}
