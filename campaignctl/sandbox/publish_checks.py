"""Turn a draft hierarchy into live writes and check each with the live rules.

``plan_hierarchy`` returns the ordered steps (campaign, then each ad set
followed by its ads) and every validation error found, without writing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from campaignctl.sandbox import ad_sets, ads
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import Problem
from campaignctl.sandbox.history import canonical
from campaignctl.sandbox.rules import ad as ad_rules
from campaignctl.sandbox.rules import ad_set as ad_set_rules
from campaignctl.sandbox.rules import campaign as campaign_rules
from campaignctl.sandbox.rules.ad_schema import CreateAdRequest, UpdateAdRequest
from campaignctl.sandbox.rules.ad_set_schema import CREATE_ONLY as AD_SET_CREATE_ONLY
from campaignctl.sandbox.rules.ad_set_schema import (
    AdSetCreateRequest,
    AdSetPatchRequest,
)
from campaignctl.sandbox.rules.check import fail_if, validate_body
from campaignctl.sandbox.rules.draft_schema import AD_DRAFT_ONLY, AD_SET_DRAFT_ONLY
from campaignctl.sandbox.store import JSON, Record, Store

ENTITY = {"campaign": "CAMPAIGN", "ad_set": "AD_SET", "ad": "AD"}
KEEP_STATUS = (None, "ACTIVE_RESTRICTED")


@dataclass
class Step:
    kind: str  # campaign | ad_set | ad
    draft_id: str
    live: Record | None  # None: create
    body: JSON  # create body, or changes for a live object
    archive: bool = False
    status: str = "ACTIVE"  # a new campaign's status


def plan_hierarchy(
    sb: Sandbox, store: Store, draft: Record
) -> tuple[list[Step], list[JSON]]:
    errors: list[JSON] = []
    campaign, objective = _campaign_step(store, draft, errors)
    steps = [campaign]
    for ad_set_draft in store.children("draft_ad_set", draft.id):
        step, parent = _ad_set_step(sb, store, ad_set_draft, draft, objective, errors)
        steps.append(step)
        for ad_draft in store.children("draft_ad", ad_set_draft.id):
            steps.append(_ad_step(store, ad_draft, parent, errors))
    return steps, errors


def _campaign_step(store: Store, draft: Record, errors: list[JSON]) -> tuple[Step, str]:
    fields = dict(draft.state["fields"])
    status = fields.pop("status", None)
    live = _live(store, "campaign", draft)
    step = Step("campaign", draft.id, live, {}, archive=status == "ARCHIVED")
    if live is None:
        keys = ("name", "purchase_order", "objective", "delivery_goal_group")
        step.body = {k: fields[k] for k in keys if k in fields}
        if status not in (*KEEP_STATUS, "ACTIVE", "PAUSED"):
            _error(
                errors,
                step,
                [f"status: a new campaign cannot be published as {status}"],
            )
        step.status = status if status in ("ACTIVE", "PAUSED") else "ACTIVE"
        _check(errors, step, lambda: _campaign_create(step.body))
        return step, str(step.body.get("objective", "EVEN_IMPRESSION_DELIVERY"))
    changes = _changed(
        fields, live.body, ("name", "purchase_order", "delivery_goal_group")
    )
    if status in ("ACTIVE", "PAUSED"):
        changes["status"] = status
    elif status not in (*KEEP_STATUS, "ARCHIVED"):
        _error(errors, step, [f"status: cannot publish a campaign as {status}"])
    problems = []
    if "objective" in fields and fields["objective"] != live.body["objective"]:
        problems.append(
            "objective: is create-only and cannot change on a published campaign"
        )
    if live.body.get("status") == "ARCHIVED":
        problems.append("campaign is ARCHIVED; archived campaigns cannot be edited")
    _error(errors, step, problems)
    step.body = changes
    checked = {k: v for k, v in changes.items() if k != "delivery_goal_group"}
    _check(
        errors,
        step,
        lambda: validate_body(campaign_rules.UpdateCampaignRequest, checked),
    )
    return step, str(live.body["objective"])


def _ad_set_step(
    sb: Sandbox,
    store: Store,
    draft: Record,
    campaign: Record,
    objective: str,
    errors: list[JSON],
) -> tuple[Step, JSON]:
    fields = {
        k: v
        for k, v in draft.state["fields"].items()
        if k not in (*AD_SET_DRAFT_ONLY, "campaign_id")
    }
    status = draft.state["fields"].get("status")
    live = _live(store, "ad_set", draft)
    step = Step("ad_set", draft.id, live, {}, archive=status == "ARCHIVED")
    now = sb.now()
    if live is None:
        step.body = {**fields, "campaign_id": campaign.id}
        if status == "ARCHIVED":
            _error(
                errors, step, ["status: a new ad set cannot be published as ARCHIVED"]
            )
        _check(errors, step, lambda: _ad_set_create(step.body, objective, now))
        parent = {
            "id": draft.id,
            "asset_format": fields.get("asset_format"),
            "status": "PENDING_APPROVAL",
        }
        return step, parent
    if live.parent_id != campaign.id:
        _error(
            errors,
            step,
            [f"campaign_id: live ad set belongs to campaign {live.parent_id}"],
        )
    current = ad_sets.ad_set_fields(live)
    step.body = _changed(fields, current, tuple(fields))
    moved = [k for k in AD_SET_CREATE_ONLY if k in step.body]
    _error(
        errors,
        step,
        [f"{k}: is create-only and cannot change on a published ad set" for k in moved],
    )
    for key in moved:
        step.body.pop(key)
    _check(errors, step, lambda: _ad_set_change(live, step.body, objective, now))
    return step, live.body


def _ad_step(store: Store, draft: Record, ad_set: JSON, errors: list[JSON]) -> Step:
    fields = {
        k: v
        for k, v in draft.state["fields"].items()
        if k not in (*AD_DRAFT_ONLY, "ad_set_id")
    }
    status = draft.state["fields"].get("status")
    live = _live(store, "ad", draft)
    step = Step("ad", draft.id, live, {}, archive=status == "ARCHIVED")
    lookup = _asset_lookup(store, str(draft.account_id))
    if live is None:
        step.body = {**fields, "ad_set_id": ad_set["id"]}
        if status == "ARCHIVED":
            _error(errors, step, ["status: a new ad cannot be published as ARCHIVED"])
        _check(errors, step, lambda: _ad_create(step.body, ad_set, lookup))
        return step
    step.body = _changed(fields, ads.ad_fields(live), tuple(fields))
    _check(errors, step, lambda: _ad_change(store, live, step.body))
    return step


def _campaign_create(body: JSON) -> None:
    _, fields = validate_body(campaign_rules.CreateCampaignRequest, body)
    fail_if(campaign_rules.create_problems(fields))


def _ad_set_create(body: JSON, objective: str, now: float) -> None:
    _, fields = validate_body(AdSetCreateRequest, body)
    fail_if(
        ad_set_rules.ad_set_problems(
            fields, objective=objective, now=now, start_changed=True
        )
    )


def _ad_set_change(live: Record, changes: JSON, objective: str, now: float) -> None:
    validate_body(AdSetPatchRequest, changes)
    fail_if(ad_sets.change_problems(live, changes, objective=objective, now=now))


def _ad_create(body: JSON, ad_set: JSON, lookup: ad_rules.AssetLookup) -> None:
    _, fields = validate_body(CreateAdRequest, body)
    if not ad_set.get("asset_format"):
        fail_if(["ad_set_id: the parent ad set draft has no asset_format"])
    fail_if(ad_rules.ad_problems(fields, ad_set=ad_set, lookup=lookup))


def _ad_change(store: Store, live: Record, changes: JSON) -> None:
    validate_body(UpdateAdRequest, changes)
    fail_if(ads.change_problems(store, live, changes))


def _changed(fields: JSON, current: JSON, keys: tuple[str, ...]) -> JSON:
    return {
        key: fields[key]
        for key in keys
        if key in fields and canonical(fields[key]) != canonical(current.get(key))
    }


def _live(store: Store, kind: str, draft: Record) -> Record | None:
    live = store.get(kind, draft.id)
    return live if live is not None and live.account_id == draft.account_id else None


def _check(errors: list[JSON], step: Step, check: Callable[[], Any]) -> None:
    try:
        check()
    except Problem as problem:
        _error(errors, step, problem.messages)


def _error(errors: list[JSON], step: Step, messages: list[str]) -> None:
    errors.extend(
        {
            "validation_entity_type": ENTITY[step.kind],
            "validation_entity_id": step.draft_id,
            "message": message,
        }
        for message in messages
    )


def _asset_lookup(store: Store, account_id: str) -> ad_rules.AssetLookup:
    def lookup(asset_id: str) -> JSON | None:
        record = store.get("asset", asset_id.lower())
        return record.body if record and record.account_id == account_id else None

    return lookup
