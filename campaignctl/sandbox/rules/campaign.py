"""Campaign request schemas and rules (BRIEF §2.1, §3, §11 rules 3, 7, 10)."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from campaignctl.sandbox.rules.types import (
    TRIMMED,
    AdProduct,
    Body,
    CampaignStatus,
    DeliveryGoalGroup,
    Objective,
)
from campaignctl.sandbox.store import JSON

CampaignName = Annotated[
    str, StringConstraints(min_length=2, max_length=200, pattern=TRIMMED)
]
PurchaseOrder = Annotated[str, StringConstraints(min_length=2, max_length=45)]

CREATE_ONLY = ("objective", "delivery_goal_group", "ad_product")
PATCHABLE_STATUSES = ("ACTIVE", "PAUSED")

# the [tools] objective → goal group mapping, used when the group is not sent
GOAL_GROUPS = {
    "REACH": "AWARENESS",
    "EVEN_IMPRESSION_DELIVERY": "AWARENESS",
    "CLICKS": "WEBSITE_TRAFFIC",
    "WEBSITE_VISITS": "WEBSITE_TRAFFIC",
    "APP_INSTALLS": "APP_PROMOTION",
    "VIDEO_VIEWS": "ENGAGEMENT_ON_SPOTIFY",
    "PODCAST_STREAMS": "ENGAGEMENT_ON_SPOTIFY",
}


class CreateCampaignRequest(Body):
    name: CampaignName
    objective: Objective
    purchase_order: PurchaseOrder | None = None
    ad_product: AdProduct | None = None
    delivery_goal_group: DeliveryGoalGroup | None = None


class UpdateCampaignRequest(Body):
    name: CampaignName | None = None
    purchase_order: PurchaseOrder | None = None
    status: CampaignStatus | None = None


def create_problems(body: JSON) -> list[str]:
    problems = []
    if body.get("objective") == "UNSET":
        problems.append("objective: UNSET is reserved for internal use; choose one")
    if body.get("delivery_goal_group") == "UNSET":
        problems.append("delivery_goal_group: UNSET is reserved; omit it or choose one")
    return problems


def update_problems(current: JSON, patch: JSON) -> list[str]:
    """Rules for a live campaign PATCH (after schema validation)."""
    problems = [
        f"{field}: is create-only and cannot be changed; create a new campaign"
        for field in CREATE_ONLY
        if field in patch
    ]
    if not patch:
        problems.append("body: at least one property is required")
    if current.get("status") == "ARCHIVED":
        problems.append("campaign is ARCHIVED; archived campaigns cannot be edited")
    status = patch.get("status")
    if status == "ARCHIVED":
        problems.append(
            "status: ARCHIVED can only be set by publishing a campaign draft"
        )
    elif status is not None and status not in PATCHABLE_STATUSES:
        problems.append("status: must be ACTIVE or PAUSED")
    return problems


def campaign_body(
    fields: JSON, *, campaign_id: str, status: str, stamp: str, created_at: str
) -> JSON:
    """The ``CampaignResponse`` for stored campaign fields."""
    body: JSON = {
        "id": campaign_id,
        "name": fields["name"],
        "status": status,
        "objective": fields["objective"],
        "delivery_goal_group": fields.get("delivery_goal_group")
        or GOAL_GROUPS.get(fields["objective"], "UNSET"),
        "created_at": created_at,
        "updated_at": stamp,
    }
    if fields.get("purchase_order") is not None:
        body["purchase_order"] = fields["purchase_order"]
    return body
