"""Draft hierarchies: create, create-from-live, read, list, patch, delete.

A draft campaign heads a hierarchy of draft ad sets and draft ads; child
drafts must name draft parents. Every create, edit or delete inside a
hierarchy increments the campaign draft's ``draft_hierarchy_version``
(child drafts carry none). Drafts made from live objects keep the live ID;
campaign and ad set drafts made that way have status ACTIVE_RESTRICTED,
which on publish means "keep the live status". Validation and publishing
live in ``publish``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.datastructures import QueryParams

from campaignctl.sandbox.ad_sets import ad_set_fields
from campaignctl.sandbox.ads import ad_fields
from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import bad_request
from campaignctl.sandbox.listing import COMMON_SORTS, Filter, ListSpec, list_json
from campaignctl.sandbox.objects import require, require_account
from campaignctl.sandbox.parsing import query_enums, query_uuids
from campaignctl.sandbox.rules import draft_schema as schema
from campaignctl.sandbox.rules.check import validate_body
from campaignctl.sandbox.rules.types import (
    AdSetStatus,
    AdStatus,
    CampaignStatus,
    DraftObjective,
    values,
)
from campaignctl.sandbox.shuffle import shuffle_sets
from campaignctl.sandbox.store import JSON, Record, Store

KINDS = ("draft_campaign", "draft_ad_set", "draft_ad")
PARENT_FIELD = {"draft_ad_set": "campaign_id", "draft_ad": "ad_set_id"}
PARENT_KIND = {"draft_ad_set": "draft_campaign", "draft_ad": "draft_ad_set"}
UPDATE_MODELS: dict[str, Any] = {
    "draft_campaign": schema.CampaignDraftRequest,
    "draft_ad_set": schema.AdSetDraftUpdate,
    "draft_ad": schema.AdDraftUpdate,
}
CREATE_MODELS: dict[str, Any] = {
    "draft_campaign": schema.CampaignDraftRequest,
    "draft_ad_set": schema.AdSetDraftCreate,
    "draft_ad": schema.AdDraftCreate,
}
SPECS = {
    "draft_campaign": ListSpec("draft_campaign", "campaign_drafts", COMMON_SORTS),
    "draft_ad_set": ListSpec(
        "draft_ad_set", "ad_set_drafts", COMMON_SORTS, sortable=False
    ),
    "draft_ad": ListSpec("draft_ad", "ad_drafts", COMMON_SORTS, sortable=False),
}


def create_draft(sb: Sandbox, kind: str, account_id: str, body: JSON) -> JSON:
    _, fields = validate_body(CREATE_MODELS[kind], body)
    with sb.store.transaction() as store:
        require_account(store, account_id)
        parent = _parent(store, kind, account_id, fields)
        return _insert(sb, store, kind, account_id, sb.new_id(), fields, parent)


def update_draft(
    sb: Sandbox, kind: str, account_id: str, draft_id: str, patch: JSON
) -> JSON:
    with sb.store.transaction() as store:
        record = require(store, kind, account_id, draft_id)
        _, fields = validate_body(UPDATE_MODELS[kind], patch)
        now = sb.now()
        record.state["fields"] = {**record.state["fields"], **fields}
        _render(sb, record, now)
        store.update(record)
        bump_version(store, root_of(record), now)
        return require(store, kind, account_id, draft_id).body


def delete_draft(sb: Sandbox, kind: str, account_id: str, draft_id: str) -> None:
    with sb.store.transaction() as store:
        record = require(store, kind, account_id, draft_id)
        delete_tree(store, record)
        if kind != "draft_campaign":
            bump_version(store, root_of(record), sb.now())


def get_draft(sb: Sandbox, kind: str, account_id: str, draft_id: str) -> JSON:
    return require(sb.store, kind, account_id, draft_id).body


def list_drafts(sb: Sandbox, kind: str, account_id: str, query: QueryParams) -> str:
    require_account(sb.store, account_id)
    condition = Filter()
    if kind == "draft_campaign":
        condition.any_of("id", query_uuids(query, "campaign_ids"))
        channels = query_enums(query, "channel", ("UNSET", "UNKNOWN"))
        condition.any_of("coalesce(json_extract(body, '$.channel'), 'UNSET')", channels)
        condition.any_of(
            "status", query_enums(query, "statuses", values(CampaignStatus))
        )
    elif kind == "draft_ad_set":
        condition.any_of("parent_id", query_uuids(query, "campaign_ids"))
        allowed = values(AdSetStatus)
        condition.any_of("status", query_enums(query, "statuses", allowed, unique=True))
    else:
        condition.any_of("parent_id", query_uuids(query, "ad_set_ids"))
        allowed = values(AdStatus)
        condition.any_of("status", query_enums(query, "statuses", allowed, unique=True))
    return list_json(sb.store, SPECS[kind], account_id, query, condition)


def draft_from_live(sb: Sandbox, kind: str, account_id: str, live_id: str) -> JSON:
    """A draft of a live object, with the live object's ID."""
    live_kind = kind.removeprefix("draft_")
    with sb.store.transaction() as store:
        live = require(store, live_kind, account_id, live_id)
        if live.body.get("status") == "ARCHIVED":
            raise bad_request(
                f"{live_kind} {live_id} is ARCHIVED and cannot be drafted"
            )
        if store.get(kind, live_id) is not None:
            raise bad_request(
                f"a draft of {live_kind} {live_id} already exists; "
                f"GET /drafts/{live_kind}s/{live_id} and edit it"
            )
        fields = FROM_LIVE[kind](live)
        parent = None
        if kind != "draft_campaign":
            parent = _parent_of_live(store, kind, account_id, live)
        return _insert(sb, store, kind, account_id, live_id, fields, parent)


def delete_tree(store: Store, record: Record) -> None:
    """Delete a draft and every draft below it."""
    child_kind = {"draft_campaign": "draft_ad_set", "draft_ad_set": "draft_ad"}.get(
        record.kind
    )
    if child_kind:
        for child in store.children(child_kind, record.id):
            delete_tree(store, child)
    store.delete(record.kind, record.id)


def bump_version(store: Store, root_id: str, now: float) -> None:
    root = store.get("draft_campaign", root_id)
    if root is not None:
        root.body["draft_hierarchy_version"] += 1
        root.body["updated_at"] = format_time(now)
        root.updated = now
        store.update(root)


def root_of(record: Record) -> str:
    return record.id if record.kind == "draft_campaign" else str(record.state["root"])


def _insert(
    sb: Sandbox,
    store: Store,
    kind: str,
    account_id: str,
    draft_id: str,
    fields: JSON,
    parent: Record | None,
) -> JSON:
    now = sb.now()
    record = Record(kind, draft_id, account_id, {}, now, now, state={"fields": fields})
    if parent is not None:
        record.parent_id = parent.id
        record.state["root"] = root_of(parent)
    _render(sb, record, now)
    store.insert(record)
    if parent is not None:
        bump_version(store, root_of(parent), now)
    return record.body


def _render(sb: Sandbox, record: Record, now: float) -> None:
    """The draft's response body from its fields."""
    fields = {
        k: v
        for k, v in record.state["fields"].items()
        if k not in PARENT_FIELD.values()
    }
    body: JSON = {"id": record.id}
    if record.parent_id is not None:
        body[PARENT_FIELD[record.kind]] = record.parent_id
    body.update(fields)
    if record.kind == "draft_campaign":
        version = record.body.get("draft_hierarchy_version", 1)
        body.update(
            ad_account_id=record.account_id,
            needs_advertiser_review=False,
            modified_by_role="ADVERTISER",
            draft_hierarchy_version=version,
        )
    body["created_at"] = format_time(record.created)
    body["updated_at"] = format_time(now)
    if record.kind == "draft_ad_set" and sb.config.shuffle:
        writes = int(record.state.get("writes", 0)) + 1
        record.state["writes"] = writes
        shuffle_sets(body, key=f"{sb.config.seed}:{record.id}:draft:{writes}")
    record.body = body
    record.updated = now


def _parent(store: Store, kind: str, account_id: str, fields: JSON) -> Record | None:
    if kind == "draft_campaign":
        return None
    field = PARENT_FIELD[kind]
    parent_id = fields[field].lower()
    parent = store.get(PARENT_KIND[kind], parent_id)
    if parent is None or parent.account_id != account_id:
        live = store.get(PARENT_KIND[kind].removeprefix("draft_"), parent_id)
        hint = " (that is a live ID: create a draft of it first)" if live else ""
        raise bad_request(f"{field}: no draft {parent_id} in this ad account{hint}")
    return parent


def _parent_of_live(store: Store, kind: str, account_id: str, live: Record) -> Record:
    parent = store.get(PARENT_KIND[kind], str(live.parent_id))
    if parent is None or parent.account_id != account_id:
        parent_kind = PARENT_KIND[kind].removeprefix("draft_").replace("_", " ")
        raise bad_request(
            f"create a draft of the parent {parent_kind} {live.parent_id} first"
        )
    return parent


def _campaign_from_live(live: Record) -> JSON:
    keys = ("name", "purchase_order", "delivery_goal_group")
    fields: JSON = {k: live.body[k] for k in keys if k in live.body}
    if live.body["objective"] in values(DraftObjective):
        fields["objective"] = live.body["objective"]
    fields["status"] = "ACTIVE_RESTRICTED"
    return fields


def _ad_set_from_live(live: Record) -> JSON:
    fields = ad_set_fields(live)
    fields.pop("delivery", None)
    return {**fields, "cost_model": "CPM", "status": "ACTIVE_RESTRICTED"}


def _ad_from_live(live: Record) -> JSON:
    fields = ad_fields(live)
    for key in ("delivery", "start_time", "end_time"):
        fields.pop(key, None)
    return fields


FROM_LIVE: dict[str, Callable[[Record], JSON]] = {
    "draft_campaign": _campaign_from_live,
    "draft_ad_set": _ad_set_from_live,
    "draft_ad": _ad_from_live,
}
