"""Ad set request schemas: ``AdSetCreateRequest`` and ``AdSetPatchRequest``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from campaignctl.sandbox.rules.targets import Targets
from campaignctl.sandbox.rules.types import (
    CATEGORY_PATTERN,
    INT32_MAX,
    AssetFormat,
    BidStrategy,
    Body,
    BudgetType,
    Delivery,
    DeliveryGoal,
    EventTime,
    FrequencyUnit,
    Int32Min1,
    Int64,
    Pacing,
    PromotionGoal,
    SlotPosition,
    TrackingEvent,
    UniqueList,
    Uuid,
    VideoDeliveryFormat,
)

AdSetName = Annotated[str, StringConstraints(min_length=2, max_length=200)]
Category = Annotated[str, StringConstraints(pattern=CATEGORY_PATTERN)]
WindowMs = Annotated[int, Field(ge=28_800_000, le=INT32_MAX)]


class FrequencyCap(Body):
    frequency_unit: FrequencyUnit
    frequency_period: Int32Min1
    max_impressions: Int32Min1


FrequencyCaps = Annotated[UniqueList[FrequencyCap], Field(max_length=6)]


class BudgetRequest(Body):
    micro_amount: Int64
    type: BudgetType


class CostModifier(Body):
    id: Uuid
    name: str
    rate: float


class ConversionEvent(Body):
    tracking_event_type: TrackingEvent
    window_duration_ms: WindowMs


class Promotion(Body):
    promotion_goal: PromotionGoal
    promotion_target_id: str | None = None
    conversion_events: UniqueList[ConversionEvent] | None = None


class AdSetPatchRequest(Body):
    """``AdSetRequestBase``: every field a live ad set PATCH may carry."""

    name: AdSetName | None = None
    start_time: EventTime | None = None
    end_time: EventTime | None = None
    frequency_caps: FrequencyCaps | None = None
    bid_micro_amount: Int64 | None = None
    base_rate_micro_amount: Int64 | None = None
    cost_modifiers: list[CostModifier] | None = None
    delivery: Delivery | None = None
    dataset_id: Uuid | None = None
    video_delivery_formats: UniqueList[VideoDeliveryFormat] | None = None
    category: Category | None = None
    budget: BudgetRequest | None = None
    targets: Targets | None = None
    pacing: Pacing | None = None
    slot_positions: list[SlotPosition] | None = None


class AdSetCreateRequest(AdSetPatchRequest):
    """Create adds the create-only fields; ``campaign_id`` and ``category``
    are required (the spec's description, and [tools]: required in practice)."""

    name: AdSetName
    start_time: EventTime
    budget: BudgetRequest
    targets: Targets
    category: Category
    campaign_id: Uuid
    asset_format: AssetFormat
    bid_strategy: BidStrategy
    promotion: Promotion | None = None
    mobile_app_id: Uuid | None = None
    delivery_goal: DeliveryGoal | None = None


CREATE_ONLY = (
    "campaign_id",
    "asset_format",
    "bid_strategy",
    "promotion",
    "mobile_app_id",
    "delivery_goal",
    "placements",
)
READ_ONLY = (
    "id",
    "status",
    "cost_model",
    "is_paused",
    "pause_reason",
    "reject_reason",
    "reject_reasons",
    "skad_enabled",
    "created_at",
    "updated_at",
)
WRITABLE = tuple(AdSetCreateRequest.model_fields)
