"""Typed manifests → API-shaped create bodies (see ``plan/state.py``).

Pure: no files, no clock. Money becomes micros, times are already
normalised, parents are structural, asset ids hold sha256 digests. Server
defaults are left out; campaignctl's own ``delivery: "ON"`` is filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from campaignctl.manifest.spec import AdSetSpec, AdSpec, CampaignSpec
from campaignctl.manifest.spec.ad_set import CapsByUnit
from campaignctl.manifest.targeting import targets_body
from campaignctl.plan.state import JSONObject

ASSET_KEYS = {
    "audio": "asset_id",
    "video": "asset_id",
    "image": "asset_id",
    "logo": "logo_asset_id",
    "companion": "companion_asset_id",
    "canvas": "canvas_asset_id",
}
# API body path → manifest path, per kind (for ``Workspace.locate``)
FIELD_SOURCES: dict[str, dict[str, tuple[str, ...]]] = {
    "campaign": {},
    "ad_set": {
        "start_time": ("schedule", "start"),
        "end_time": ("schedule", "end"),
        "bid_strategy": ("bid",),
        "bid_micro_amount": ("bid",),
        "asset_format": ("format",),
        "video_delivery_formats": ("video_formats",),
        "targets.age_ranges": ("targets", "ages"),
        "targets.geo_targets": ("targets", "geo"),
        "targets.geo_targets.country_code": ("targets", "geo", "country"),
        "targets.geo_targets.region_ids": ("targets", "geo", "regions"),
        "targets.geo_targets.city_ids": ("targets", "geo", "cities"),
        "targets.geo_targets.postal_code_ids": ("targets", "geo", "postal_codes"),
        "targets.genre_ids": ("targets", "genres"),
        "targets.playlist_ids": ("targets", "playlists"),
        "targets.artist_ids": ("targets", "artists"),
        "targets.interest_ids": ("targets", "interests"),
        "targets.podcast_episode_topic_ids": ("targets", "episode_topics"),
        "targets.audience_ids": ("targets", "audiences"),
        "targets.audience_ids_exclusions": ("targets", "exclude_audiences"),
        "targets.sensitive_topic_exclusions": ("targets", "brand_safety"),
        "targets.user_day_parts": ("targets", "day_parts"),
    },
    "ad": {
        "assets.asset_id": ("audio",),  # or video / image: see manifest_paths
        "start_time": ("schedule", "start"),
        "end_time": ("schedule", "end"),
        "assets.logo_asset_id": ("logo",),
        "assets.companion_asset_id": ("companion",),
        "assets.canvas_asset_id": ("canvas",),
        "call_to_action.clickthrough_url": ("call_to_action", "url"),
        "third_party_tracking": ("tracking",),
    },
}


def _present(**fields: Any) -> JSONObject:
    return {key: value for key, value in fields.items() if value is not None}


def campaign_body(spec: CampaignSpec) -> JSONObject:
    return _present(
        name=spec.name,
        objective=spec.objective,
        delivery_goal_group=spec.delivery_goal_group,
        purchase_order=spec.purchase_order,
        status=spec.status,  # PATCH-only: the planner sets it after a create
    )


def ad_set_body(spec: AdSetSpec) -> JSONObject:
    budget = spec.budget
    amount = spec.bid.amount
    return _present(
        name=spec.name,
        start_time=spec.schedule.start,
        end_time=spec.schedule.end,
        budget={
            "micro_amount": budget.amount.micros,
            "type": "DAILY" if budget.daily is not None else "LIFETIME",
        },
        asset_format=spec.format,
        bid_strategy=spec.bid.strategy,
        bid_micro_amount=amount.micros if amount is not None else None,
        category=spec.category,
        pacing=spec.pacing,
        frequency_caps=_frequency_caps(spec),
        video_delivery_formats=list(spec.video_formats) if spec.video_formats else None,
        delivery_goal=spec.delivery_goal,
        mobile_app_id=spec.mobile_app_id,
        targets=targets_body(spec.targets),
        delivery=spec.delivery,
    )


def _frequency_caps(spec: AdSetSpec) -> list[JSONObject] | None:
    caps = spec.frequency_caps
    if caps is None:
        return None
    if isinstance(caps, CapsByUnit):
        written = {"DAY": caps.day, "WEEK": caps.week, "MONTH": caps.month}
        return [_cap(unit, 1, n) for unit, n in written.items() if n is not None]
    return [_cap(cap.unit, cap.period, cap.impressions) for cap in caps]


def _cap(unit: str, period: int, impressions: int) -> JSONObject:
    return {
        "frequency_unit": unit,
        "frequency_period": period,
        "max_impressions": impressions,
    }


def ad_body(spec: AdSpec, digests: Mapping[str, str]) -> JSONObject:
    """``digests`` maps each filled slot (audio, logo, …) to its file's sha256,
    or to ``id:<uuid>`` for an asset named by its remote id."""
    cta = spec.call_to_action
    schedule = spec.schedule
    tracking = (
        [{"measurement_partner": t.partner, "url": t.url} for t in spec.tracking]
        if spec.tracking is not None
        else None
    )
    return _present(
        name=spec.name,
        tagline=spec.tagline,
        advertiser_name=spec.advertiser_name,
        assets={ASSET_KEYS[slot]: digest for slot, digest in digests.items()},
        call_to_action=_present(
            clickthrough_url=cta.url, key=cta.key, language=cta.language
        ),
        delivery=spec.delivery,
        start_time=schedule.start if schedule else None,
        end_time=schedule.end if schedule else None,
        third_party_tracking=tracking,
    )


def manifest_paths(kind: str, api_path: str) -> list[tuple[str, ...]]:
    """Where an API body field may come from in the manifest, best first."""
    sources = FIELD_SOURCES.get(kind, {})
    parts = api_path.split(".")
    for end in range(len(parts), 0, -1):
        found = sources.get(".".join(parts[:end]))
        if found == ("audio",):
            return [("audio",), ("video",), ("image",)]
        if found:
            return [found]
    return [(parts[0],)]
