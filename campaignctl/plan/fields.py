"""What campaignctl compares, per kind: one table each (BRIEF §2, §2.5, §2.6, §10).

``fields`` maps dotted paths to how a value is compared; ``a[].b`` is field
``b`` of each item of array ``a``. Keys not listed are never compared, which is
how read-only and undocumented response fields (``version``, ``ad_account_id``,
``bid_optimization_goal``…) drop out. ``read_only`` lists the documented ones so
the table reads as the API's contract; a desired body never carries them.

``defaults`` are the server's values for fields a create leaves out (or a
PATCH sends as ``[]``). Top-level defaults make a field *always managed*: an ad
set whose manifest omits frequency caps still converges to 5/35/50. A default
may be a rule: a function of the raw object and the planning context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from campaignctl.plan.model import Kind


class Value(StrEnum):
    SCALAR = "scalar"  # string, number or boolean, compared as is
    INT = "int"  # integer counts (frequency, ages)
    MICROS = "micros"  # int64 money in micros
    TIME = "time"  # ISO-8601 UTC, canonical YYYY-MM-DDTHH:MM:SSZ
    OBJECT = "object"  # projected onto its listed fields
    SET = "set"  # array whose order means nothing: sorted, compared whole
    LIST = "list"  # array whose order matters: compared whole
    ASSET = "asset"  # an asset reference: compared by content digest


@dataclass(frozen=True, slots=True)
class Context:
    """What normalisation needs beyond the object itself."""

    objective: str | None = None  # the parent campaign's objective
    # asset reference (desired digest or live UUID) → comparable token
    asset_token: Callable[[str], str] = field(
        default_factory=lambda: desired_asset_token
    )
    fill_defaults: bool = True  # False lists only what a body says


def desired_asset_token(digest: str) -> str:
    """Desired ads name assets by sha256; compare the 12-hex short form.

    An asset named by its remote id (``id:<uuid>``) stays as it is; the
    planner resolves it through the live assets (``AssetIndex.desired_token``).
    """
    if digest.startswith("id:"):
        return digest
    return f"sha256:{digest[:12]}"


class Missing:
    """No value: the field stays absent."""

    _instance: Missing | None = None

    def __new__(cls) -> Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()
DefaultRule = Callable[[Mapping[str, Any], Context], Any]


@dataclass(frozen=True)
class KindTable:
    kind: Kind
    fields: Mapping[str, Value]
    defaults: Mapping[str, Any] = field(default_factory=dict)
    create_only: frozenset[str] = frozenset()  # a change forces a replace
    read_only: frozenset[str] = frozenset()  # server-owned: never diffed
    write_only: frozenset[str] = frozenset()  # sent on create, never echoed

    @property
    def array_fields(self) -> frozenset[str]:
        return frozenset(p for p, v in self.fields.items() if v in _ARRAYS)


_ARRAYS = (Value.SET, Value.LIST)


def video_formats_default(ad_set: Mapping[str, Any], ctx: Context) -> Any:
    """VIDEO ad sets: OPT_IN for VIDEO_VIEWS, IN_STREAM for CLICKS, else both."""
    if ad_set.get("asset_format") != "VIDEO":
        return MISSING
    by_objective = {"VIDEO_VIEWS": ["OPT_IN"], "CLICKS": ["IN_STREAM"]}
    return by_objective.get(ctx.objective or "", ["IN_STREAM", "OPT_IN"])


SCALAR, INT, MICROS, TIME = Value.SCALAR, Value.INT, Value.MICROS, Value.TIME
OBJECT, SET, LIST, ASSET = Value.OBJECT, Value.SET, Value.LIST, Value.ASSET

CAMPAIGN = KindTable(
    kind=Kind.CAMPAIGN,
    fields={
        "name": SCALAR,
        "objective": SCALAR,
        "delivery_goal_group": SCALAR,
        "ad_product": SCALAR,
        "purchase_order": SCALAR,
        "status": SCALAR,
    },
    create_only=frozenset({"objective", "delivery_goal_group", "ad_product"}),
    read_only=frozenset(
        {"id", "created_at", "updated_at", "derived_status", "version"}
        | {"ad_account_id"}
    ),
    # [tools]: responses do not consistently expose ad_product
    write_only=frozenset({"ad_product"}),
)

_TARGETS: dict[str, Value] = {
    "targets": OBJECT,
    # age_ranges is not uniqueItems, but its order means nothing (BRIEF §2.6)
    "targets.age_ranges": SET,
    "targets.age_ranges[].min": INT,
    "targets.age_ranges[].max": INT,
    "targets.artist_ids": SET,
    "targets.genre_ids": SET,
    "targets.interest_ids": SET,
    "targets.playlist_ids": SET,
    "targets.podcast_episode_topic_ids": SET,
    "targets.genders": SET,
    "targets.platforms": SET,
    "targets.placements": SET,
    "targets.language": SCALAR,
    "targets.audience_ids": SET,
    "targets.audience_ids_exclusions": SET,
    "targets.geo_targets": OBJECT,
    "targets.geo_targets.country_code": SCALAR,
    "targets.geo_targets.region_ids": SET,
    "targets.geo_targets.city_ids": SET,
    "targets.geo_targets.postal_code_ids": SET,
    "targets.sensitive_topic_exclusions": OBJECT,
    "targets.sensitive_topic_exclusions.topics": SET,
    "targets.sensitive_topic_exclusions.topics[].id": SCALAR,
    "targets.sensitive_topic_exclusions.topics[].filter_option": SCALAR,
    "targets.sensitive_topic_exclusions.filter_option": SCALAR,
    "targets.user_day_parts": SET,
    "targets.user_day_parts[].day_of_week": SET,
    "targets.user_day_parts[].hour_of_day": SET,
    "targets.user_day_parts[].hour_of_day[].min": INT,
    "targets.user_day_parts[].hour_of_day[].max": INT,
}

AD_SET = KindTable(
    kind=Kind.AD_SET,
    fields={
        "name": SCALAR,
        "start_time": TIME,
        "end_time": TIME,
        "budget": OBJECT,
        "budget.micro_amount": MICROS,
        "budget.type": SCALAR,
        "bid_strategy": SCALAR,
        "bid_micro_amount": MICROS,
        "asset_format": SCALAR,
        "category": SCALAR,
        "pacing": SCALAR,
        "delivery": SCALAR,
        "frequency_caps": SET,
        "frequency_caps[].frequency_unit": SCALAR,
        "frequency_caps[].frequency_period": INT,
        "frequency_caps[].max_impressions": INT,
        "video_delivery_formats": SET,
        "dataset_id": SCALAR,
        "slot_positions": SET,
        "base_rate_micro_amount": MICROS,
        "cost_modifiers": SET,
        "cost_modifiers[].id": SCALAR,
        "cost_modifiers[].name": SCALAR,
        "cost_modifiers[].rate": SCALAR,
        "promotion": OBJECT,
        "promotion.promotion_goal": SCALAR,
        "promotion.promotion_target_id": SCALAR,
        "promotion.conversion_events": SET,
        "promotion.conversion_events[].tracking_event_type": SCALAR,
        "promotion.conversion_events[].window_duration_ms": INT,
        "mobile_app_id": SCALAR,
        "delivery_goal": SCALAR,
        "placements": SET,
        **_TARGETS,
    },
    defaults={
        "pacing": "PACING_EVEN",
        "delivery": "ON",
        "frequency_caps": [
            {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 5},
            {"frequency_unit": "WEEK", "frequency_period": 1, "max_impressions": 35},
            {"frequency_unit": "MONTH", "frequency_period": 1, "max_impressions": 50},
        ],
        "video_delivery_formats": video_formats_default,
        "targets.platforms": ["ANDROID", "DESKTOP", "IOS"],
        "targets.age_ranges[].max": 99,
        "targets.geo_targets.region_ids": [],
        "targets.geo_targets.city_ids": [],
        "targets.geo_targets.postal_code_ids": [],
    },
    create_only=frozenset(
        {"asset_format", "bid_strategy", "promotion", "mobile_app_id"}
        | {"delivery_goal", "placements", "campaign_id"}
    ),
    read_only=frozenset(
        {"id", "campaign_id", "status", "cost_model", "budget.currency", "is_paused"}
        | {"pause_reason", "reject_reason", "reject_reasons", "skad_enabled"}
        | {"created_at", "updated_at", "version", "ad_account_id"}
    ),
    # deprecated top-level placements: accepted on create, not in the response
    write_only=frozenset({"placements"}),
)

AD = KindTable(
    kind=Kind.AD,
    fields={
        "name": SCALAR,
        "advertiser_name": SCALAR,
        "tagline": SCALAR,
        "assets": OBJECT,
        "assets.asset_id": ASSET,
        "assets.companion_asset_id": ASSET,
        "assets.logo_asset_id": ASSET,
        "assets.canvas_asset_id": ASSET,
        "call_to_action": OBJECT,
        "call_to_action.key": SCALAR,
        "call_to_action.language": SCALAR,
        "call_to_action.clickthrough_url": SCALAR,
        "delivery": SCALAR,
        "start_time": TIME,
        "end_time": TIME,
        # not uniqueItems, but the order of tracking pixels means nothing
        "third_party_tracking": SET,
        "third_party_tracking[].measurement_partner": SCALAR,
        "third_party_tracking[].url": SCALAR,
        "third_party_tracking[].measurement_event": SCALAR,
        "dv_client_code": SCALAR,
        "catalog": OBJECT,
        "catalog.name": SCALAR,
        "catalog.catalog_items": LIST,  # ordered by position
        "catalog.catalog_items[].position": INT,
        "catalog.catalog_items[].asset_id": SCALAR,
        "catalog.catalog_items[].sku": SCALAR,
        "catalog.catalog_items[].clickthrough_url": SCALAR,
        "catalog.catalog_items[].tagline": SCALAR,
        "catalog.catalog_items[].price": SCALAR,
        "catalog.catalog_items[].sale_price": SCALAR,
    },
    defaults={
        "delivery": "ON",
        "call_to_action.key": "LEARN_MORE",
        "call_to_action.language": "ENGLISH",
        "third_party_tracking[].measurement_event": "IMPRESSION",
    },
    # The spec's UpdateAdRequest lists `assets`, but the live API refuses asset
    # edits on published ads (BRIEF §2.3, [tools]); the sandbox does too. A new
    # creative file therefore replaces the ad.
    create_only=frozenset({"ad_set_id", "assets"}),
    read_only=frozenset(
        {"id", "ad_set_id", "status", "reject_reason", "reject_reasons"}
        | {"ad_preview_url", "call_to_action.text", "created_at", "updated_at"}
        | {"ad_account_id", "campaign_id", "asset_format", "weight", "external_id"}
        | {"version", "catalog.id", "catalog.catalog_items[].display_price"}
    ),
    # DoubleVerify client code: in the request schemas, not in AdResponse
    write_only=frozenset({"dv_client_code"}),
)

TABLES: Mapping[Kind, KindTable] = {
    Kind.CAMPAIGN: CAMPAIGN,
    Kind.AD_SET: AD_SET,
    Kind.AD: AD,
}
