"""Live ad sets: create, read, list, update (no delete)."""

from __future__ import annotations

from starlette.datastructures import QueryParams

from campaignctl.sandbox import lifecycle
from campaignctl.sandbox.ads import sync_ad_times
from campaignctl.sandbox.clock import format_time, parse_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.history import Actor, canonical
from campaignctl.sandbox.listing import Filter, ListSpec, list_json
from campaignctl.sandbox.objects import (
    currency,
    record_write,
    require,
    require_account,
    require_reference,
    writable,
)
from campaignctl.sandbox.parsing import query_enums, query_uuids
from campaignctl.sandbox.rules import ad_set as rules
from campaignctl.sandbox.rules.ad_set_schema import (
    CREATE_ONLY,
    READ_ONLY,
    WRITABLE,
    AdSetCreateRequest,
    AdSetPatchRequest,
)
from campaignctl.sandbox.rules.check import fail_if, validate_body
from campaignctl.sandbox.rules.types import AdSetStatus, values
from campaignctl.sandbox.shuffle import shuffle_sets
from campaignctl.sandbox.store import JSON, Record, Store

SPEC = ListSpec(
    "ad_set",
    "ad_sets",
    {  # AdSetSortField, in the spec's order
        "CREATED_AT": "created",
        "UPDATED_AT": "updated",
        "NAME": "name",
        "STATUS": "status",
        "BUDGET": "json_extract(body, '$.budget.micro_amount')",
        "START_DATE_TIME": "json_extract(body, '$.start_time')",
        "END_DATE_TIME": "json_extract(body, '$.end_time')",
    },
)


def create_ad_set(
    sb: Sandbox,
    account_id: str,
    body: JSON,
    *,
    actor: Actor,
    object_id: str | None = None,
) -> JSON:
    _, fields = validate_body(
        AdSetCreateRequest,
        body,
        problems=rules.create_key_problems(body),
        reported=(*READ_ONLY, "placements"),
    )
    now = sb.now()
    with sb.store.transaction() as store:
        require_account(store, account_id)
        campaign = require_reference(
            store, "campaign", account_id, fields["campaign_id"].lower(), "campaign_id"
        )
        fields["campaign_id"] = campaign.id
        objective = parent_objective(campaign)
        fail_if(
            rules.ad_set_problems(
                fields, objective=objective, now=now, start_changed=True
            )
        )
        record = Record("ad_set", object_id or sb.new_id(), account_id, {}, now, now)
        record.parent_id = campaign.id
        _rebuild(sb, record, rules.apply_defaults(fields, objective), created=now)
        lifecycle.start_review(record, now, sb.config.review_ms / 1000)
        store.insert(record)
        record_write(sb, record, before=None, actor=actor, now=now)
    return record.body


def update_ad_set(
    sb: Sandbox, account_id: str, ad_set_id: str, patch: JSON, *, actor: Actor
) -> JSON:
    with sb.store.transaction() as store:
        record = require(store, "ad_set", account_id, ad_set_id)
        _, changes = validate_body(
            AdSetPatchRequest,
            patch,
            problems=rules.patch_key_problems(patch),
            reported=(*CREATE_ONLY, *READ_ONLY),
        )
        return apply_ad_set_change(sb, store, record, changes, actor=actor)


def change_problems(
    record: Record, changes: JSON, *, objective: str, now: float
) -> list[str]:
    """Every rule a change to a live ad set must pass (pure)."""
    if record.body.get("status") == "ARCHIVED":
        return ["ad set is ARCHIVED; archived ad sets cannot be edited"]
    current = _current(record)
    effective = {**current, **changes}
    start_changed = _start_changed(current, changes)
    problems = []
    if start_changed and _started(current, now):
        problems.append("start_time: cannot be changed after the ad set has started")
    problems += rules.ad_set_problems(
        effective, objective=objective, now=now, start_changed=start_changed
    )
    if changes.get("end_time", current.get("end_time")) != current.get("end_time"):
        problems += rules.end_change_problems(effective, now=now)
    return problems


def apply_ad_set_change(
    sb: Sandbox, store: Store, record: Record, changes: JSON, *, actor: Actor
) -> JSON:
    """Validate ``changes`` on the effective ad set and write them."""
    now = sb.now()
    objective = parent_objective(_campaign(store, record))
    fail_if(change_problems(record, changes, objective=objective, now=now))
    current = _current(record)
    fields = rules.apply_defaults({**current, **changes}, objective)
    if canonical(fields) == canonical(current):
        return record.body
    before = dict(record.body)
    _rebuild(sb, record, fields, created=record.created, updated=now)
    if any(
        canonical(fields.get(k)) != canonical(current.get(k))
        for k in rules.REVIEWED_FIELDS
    ):
        lifecycle.start_review(record, now, sb.config.review_ms / 1000)
    else:
        lifecycle.settle(record, now)
    store.update(record)
    sync_ad_times(sb, store, record, now)
    record_write(sb, record, before=before, actor=actor, now=now)
    return record.body


def ad_set_fields(record: Record) -> JSON:
    """The writable fields of a stored ad set (``budget`` without currency)."""
    return _current(record)


def get_ad_set(sb: Sandbox, account_id: str, ad_set_id: str) -> JSON:
    return require(sb.store, "ad_set", account_id, ad_set_id).body


def list_ad_sets(sb: Sandbox, account_id: str, query: QueryParams) -> str:
    require_account(sb.store, account_id)
    condition = Filter()
    condition.any_of("parent_id", query_uuids(query, "campaign_ids"))
    condition.name_contains(query)
    condition.any_of(
        "status", query_enums(query, "statuses", values(AdSetStatus), unique=True)
    )
    return list_json(sb.store, SPEC, account_id, query, condition)


def parent_objective(campaign: Record) -> str:
    return str(campaign.body.get("objective", "EVEN_IMPRESSION_DELIVERY"))


def _current(record: Record) -> JSON:
    current = writable(record.body, WRITABLE)
    current["budget"] = {k: v for k, v in current["budget"].items() if k != "currency"}
    return current


def _campaign(store: Store, record: Record) -> Record:
    campaign = store.get("campaign", str(record.parent_id))
    assert campaign is not None  # ad sets are never moved nor deleted
    return campaign


def _rebuild(
    sb: Sandbox,
    record: Record,
    fields: JSON,
    *,
    created: float,
    updated: float | None = None,
) -> None:
    """Replace the stored body with the response for ``fields``."""
    writes = int(record.state.get("writes", 0)) + 1
    record.state["writes"] = writes
    status = {
        k: v
        for k, v in record.body.items()
        if k in ("status", "reject_reason", "reject_reasons")
    }
    body = rules.ad_set_body(
        fields,
        ids={"id": record.id, "campaign_id": fields["campaign_id"]},
        currency=currency(sb.store, str(record.account_id)),
        stamps={
            "created_at": format_time(created),
            "updated_at": format_time(updated if updated is not None else created),
        },
    )
    body.update(status)
    if sb.config.shuffle:
        shuffle_sets(body, key=f"{sb.config.seed}:{record.id}:{writes}")
    record.body = body
    if updated is not None:
        record.updated = updated


def _start_changed(current: JSON, changes: JSON) -> bool:
    return "start_time" in changes and changes["start_time"] != current.get(
        "start_time"
    )


def _started(current: JSON, now: float) -> bool:
    start = parse_time(current.get("start_time", ""))
    return start is not None and start <= now
