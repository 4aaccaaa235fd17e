"""The ``kind: Campaign`` document: a campaign with its ad sets and ads."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from campaignctl.frozen import Frozen
from campaignctl.manifest.fields import StrictBool, Text, Uuid, choice
from campaignctl.manifest.spec.ad_set import AdSetSpec
from campaignctl.manifest.vocab import (
    CAMPAIGN_STATUSES,
    DELIVERY_GOAL_GROUPS,
    OBJECTIVES,
)

API_VERSION = "campaignctl/v1"

CampaignName = Annotated[str, Text(2, 200, trimmed=True)]
PurchaseOrder = Annotated[str, Text(2, 45)]
Objective = Annotated[str, choice("objective", OBJECTIVES)]
DeliveryGoalGroup = Annotated[str, choice("delivery goal group", DELIVERY_GOAL_GROUPS)]
CampaignStatus = Annotated[str, choice("campaign status", CAMPAIGN_STATUSES)]


class CampaignDefaults(Frozen):
    """Values every ad set / ad of this campaign starts from (deep-merged)."""

    ad_set: dict[str, Any] | None = None
    ad: dict[str, Any] | None = None


class CampaignSpec(Frozen):
    """A campaign. Identity: ``name`` within the ad account."""

    api_version: Literal["campaignctl/v1"] = Field(alias="apiVersion")
    kind: Literal["Campaign"]
    account: str = Field(
        description="Account alias from campaignctl.yaml or an ad account UUID."
    )
    name: CampaignName
    id: Uuid | None = Field(
        None, description="Pin an existing campaign (adopt/rename)."
    )
    objective: Objective = Field(description="Create-only (OptimizationPrefs).")
    delivery_goal_group: DeliveryGoalGroup | None = Field(
        None, description="Create-only."
    )
    purchase_order: PurchaseOrder | None = None
    status: CampaignStatus | None = Field(
        None, description="ACTIVE or PAUSED; omitted leaves the live status alone."
    )
    prune: StrictBool = Field(
        False, description="Switch off ad sets and ads that leave this file."
    )
    defaults: CampaignDefaults | None = None
    ad_sets: tuple[AdSetSpec, ...] = ()
