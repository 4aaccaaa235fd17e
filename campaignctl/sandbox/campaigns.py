"""Live campaigns: create, read, list, update (no delete)."""

from __future__ import annotations

from starlette.datastructures import QueryParams

from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.history import Actor
from campaignctl.sandbox.listing import (
    COMMON_SORTS,
    Filter,
    ListSpec,
    Projection,
    list_json,
)
from campaignctl.sandbox.objects import record_write, require, require_account
from campaignctl.sandbox.parsing import query_enums, query_uuids
from campaignctl.sandbox.rules import campaign as rules
from campaignctl.sandbox.rules.check import fail_if, validate_body
from campaignctl.sandbox.rules.types import AdSetStatus, CampaignStatus, values
from campaignctl.sandbox.store import JSON, Record

SPEC = ListSpec("campaign", "campaigns", COMMON_SORTS)
FIELDS = {
    "ID": "id",
    "NAME": "name",
    "CREATED_AT": "created_at",
    "UPDATED_AT": "updated_at",
    "STATUS": "status",
    "PURCHASE_ORDER": "purchase_order",
    "OBJECTIVE": "objective",
    "DELIVERY_GOAL_GROUP": "delivery_goal_group",
    "MEASUREMENT_METADATA": "",
    "DELIVERY": "",
    "DERIVED_STATUS": "",
}


def create_campaign(
    sb: Sandbox,
    account_id: str,
    body: JSON,
    *,
    actor: Actor,
    object_id: str | None = None,
    status: str = "ACTIVE",
) -> JSON:
    _, fields = validate_body(rules.CreateCampaignRequest, body)
    fail_if(rules.create_problems(fields))
    now = sb.now()
    stamp = format_time(now)
    with sb.store.transaction() as store:
        require_account(store, account_id)
        campaign_id = object_id or sb.new_id()
        response = rules.campaign_body(
            fields,
            campaign_id=campaign_id,
            status=status,
            stamp=stamp,
            created_at=stamp,
        )
        state = {"ad_product": fields.get("ad_product", "UNSET")}
        record = Record(
            "campaign", campaign_id, account_id, response, now, now, state=state
        )
        store.insert(record)
        record_write(sb, record, before=None, actor=actor, now=now)
    return response


def update_campaign(
    sb: Sandbox, account_id: str, campaign_id: str, patch: JSON, *, actor: Actor
) -> JSON:
    with sb.store.transaction() as store:
        record = require(store, "campaign", account_id, campaign_id)
        _, fields = validate_body(
            rules.UpdateCampaignRequest,
            patch,
            problems=rules.update_problems(record.body, patch),
            reported=rules.CREATE_ONLY,
        )
        return apply_campaign_change(sb, record, fields, actor=actor)


def apply_campaign_change(
    sb: Sandbox, record: Record, fields: JSON, *, actor: Actor
) -> JSON:
    """Write validated changes (name, purchase_order, status) and record them."""
    now = sb.now()
    before = dict(record.body)
    record.body.update(fields)
    if record.body == before:
        return record.body
    record.body["updated_at"] = format_time(now)
    record.updated = now
    sb.store.update(record)
    record_write(sb, record, before=before, actor=actor, now=now)
    return record.body


def get_campaign(
    sb: Sandbox, account_id: str, campaign_id: str, query: QueryParams
) -> JSON:
    project = projection(query)
    body = require(sb.store, "campaign", account_id, campaign_id).body
    return project(body) if project else body


def list_campaigns(sb: Sandbox, account_id: str, query: QueryParams) -> str:
    require_account(sb.store, account_id)
    condition = Filter()
    condition.any_of("id", query_uuids(query, "campaign_ids"))
    condition.name_contains(query)
    condition.any_of("status", query_enums(query, "statuses", values(CampaignStatus)))
    ad_set_statuses = query_enums(
        query, "ad_set_statuses", values(AdSetStatus), unique=True
    )
    if ad_set_statuses:
        marks = ",".join("?" * len(ad_set_statuses))
        condition.add(
            "EXISTS (SELECT 1 FROM objects AS child WHERE child.kind = 'ad_set' "
            f"AND child.parent_id = objects.id AND child.status IN ({marks}))",
            *ad_set_statuses,
        )
    return list_json(
        sb.store, SPEC, account_id, query, condition, project=projection(query)
    )


def projection(query: QueryParams) -> Projection | None:
    """A ``fields=`` projection, or None for the full object."""
    wanted = query_enums(query, "fields", tuple(FIELDS), unique=True)
    if not wanted:
        return None
    keys = {FIELDS[name] for name in wanted} - {""}

    def project(body: JSON) -> JSON:
        return {key: value for key, value in body.items() if key in keys}

    return project
