"""Draft request schemas: lenient by design (BRIEF §8.1).

Drafts accept incomplete data: every field is optional apart from the parent
link, names have no minimum length, start/end times are plain strings.
Types and enums are still enforced; the full live rules run only at
VALIDATE and PUBLISH.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from campaignctl.sandbox.rules.ad_schema import AdAssets, Catalog, ThirdPartyTracking
from campaignctl.sandbox.rules.ad_set_schema import (
    ConversionEvent,
    CostModifier,
    FrequencyCaps,
)
from campaignctl.sandbox.rules.targets import Targets
from campaignctl.sandbox.rules.types import (
    AdLanguage,
    AdSetStatus,
    AdStatus,
    AssetFormat,
    BidStrategy,
    Body,
    BudgetType,
    CallToAction,
    CampaignStatus,
    CostModel,
    DeliveryGoal,
    DeliveryGoalGroup,
    DraftObjective,
    Int64,
    Pacing,
    Placement,
    PromotionGoal,
    SlotPosition,
    UniqueList,
    Uuid,
    VideoDeliveryFormat,
)

Short = Annotated[str, StringConstraints(max_length=200)]
Free = Annotated[str, StringConstraints(max_length=2048)]


class CampaignDraftRequest(Body):
    name: Short | None = None
    purchase_order: Annotated[str, StringConstraints(max_length=45)] | None = None
    objective: DraftObjective | None = None
    channel: Literal["UNSET"] | None = None
    ad_product: Literal["UNSET"] | None = None
    salesforce_opportunity: Short | None = None
    salesforce_sales_order: Short | None = None
    delivery_goal_group: DeliveryGoalGroup | None = None
    media_plan_id: Uuid | None = None
    status: CampaignStatus | None = None


class DraftBudget(Body):
    micro_amount: Int64 | None = None
    type: BudgetType | None = None


class DraftPromotion(Body):
    promotion_goal: PromotionGoal | None = None
    promotion_target_id: Free | None = None
    conversion_events: UniqueList[ConversionEvent] | None = None


class AdSetDraftUpdate(Body):
    name: Short | None = None
    start_time: Free | None = None
    end_time: Free | None = None
    frequency_caps: FrequencyCaps | None = None
    dataset_id: Free | None = None
    category: Free | None = None
    cost_model: CostModel | None = None
    base_rate_micro_amount: Int64 | None = None
    cost_modifiers: list[CostModifier] | None = None
    budget: DraftBudget | None = None
    bid_micro_amount: Int64 | None = None
    targets: Targets | None = None
    pacing: Pacing | None = None
    asset_format: AssetFormat | None = None
    bid_strategy: BidStrategy | None = None
    mobile_app_id: Free | None = None
    reservation_id: Free | None = None
    delivery_goal: DeliveryGoal | None = None
    promotion: DraftPromotion | None = None
    video_delivery_formats: UniqueList[VideoDeliveryFormat] | None = None
    ias_campaign_id: Free | None = None
    skad_enabled: bool | None = None
    success_metric: (
        Annotated[str, StringConstraints(min_length=3, max_length=100)] | None
    ) = None
    status: AdSetStatus | None = None
    slot_positions: list[SlotPosition] | None = None


class AdSetDraftCreate(AdSetDraftUpdate):
    campaign_id: Uuid


class DraftCallToAction(Body):
    key: CallToAction | None = None
    language: AdLanguage | None = None
    clickthrough_url: Free | None = None


class AdDraftUpdate(Body):
    name: Free | None = None
    advertiser_name: Free | None = None
    assets: AdAssets | None = None
    asset_format: AssetFormat | None = None
    tagline: Free | None = None
    third_party_tracking: (
        Annotated[list[ThirdPartyTracking], Field(max_length=11)] | None
    ) = None
    call_to_action: DraftCallToAction | None = None
    placements: list[Placement] | None = None
    catalog: Catalog | None = None
    dv_client_code: Free | None = None
    weight: Annotated[int, Field(ge=1, le=100)] | None = None
    status: AdStatus | None = None


class AdDraftCreate(AdDraftUpdate):
    ad_set_id: Uuid


class PublishCampaignRequest(Body):
    action: Literal["PUBLISH", "VALIDATE"] = "VALIDATE"
    draft_hierarchy_version: Annotated[int, Field(ge=1)] | None = None


# draft-only fields, dropped when a draft becomes a live create/update body
AD_SET_DRAFT_ONLY = (
    "status",
    "cost_model",
    "reservation_id",
    "ias_campaign_id",
    "skad_enabled",
    "success_metric",
)
AD_DRAFT_ONLY = ("status", "asset_format", "placements", "weight")
