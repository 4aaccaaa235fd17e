"""Live ads: create, read, list, update (no delete).

An ad without its own ``start_time``/``end_time`` (omitted or ``null``)
inherits its ad set's flight; responses always carry concrete times, and
inherited ones follow later changes of the ad set's schedule.
"""

from __future__ import annotations

from starlette.datastructures import QueryParams

from campaignctl.sandbox import lifecycle
from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.history import Actor, canonical
from campaignctl.sandbox.listing import (
    COMMON_SORTS,
    Filter,
    ListSpec,
    Projection,
    list_json,
)
from campaignctl.sandbox.objects import (
    record_write,
    require,
    require_account,
    require_reference,
)
from campaignctl.sandbox.parsing import query_enums, query_uuids
from campaignctl.sandbox.rules import ad as rules
from campaignctl.sandbox.rules.ad_schema import (
    CREATE_ONLY,
    NULLABLE,
    READ_ONLY,
    CreateAdRequest,
    UpdateAdRequest,
)
from campaignctl.sandbox.rules.check import fail_if, validate_body
from campaignctl.sandbox.rules.types import AdStatus, values
from campaignctl.sandbox.store import JSON, Record, Store

SPEC = ListSpec(
    "ad",
    "ads",
    {k: COMMON_SORTS[k] for k in ("CREATED_AT", "ID", "NAME", "STATUS", "UPDATED_AT")},
)
ROLES = ("asset_id", "logo_asset_id", "companion_asset_id", "canvas_asset_id")
AD_FIELDS = {
    "ADVERTISER_NAME": "advertiser_name",
    "AD_PREVIEW_URL": "ad_preview_url",
    "AD_SET_ID": "ad_set_id",
    "ASSETS": "assets",
    "CALL_TO_ACTION": "call_to_action",
    "CATALOG": "catalog",
    "CREATED_AT": "created_at",
    "DELIVERY": "delivery",
    "END_TIME": "end_time",
    "ID": "id",
    "NAME": "name",
    "REJECT_REASON": "reject_reason",
    "REJECT_REASONS": "reject_reasons",
    "START_TIME": "start_time",
    "STATUS": "status",
    "TAGLINE": "tagline",
    "THIRD_PARTY_TRACKING": "third_party_tracking",
    "UPDATED_AT": "updated_at",
}
# accepted (spec enum or default list) but not part of the AdResponse schema
OTHER_FIELDS = [
    "AD_ACCOUNT_ID",
    "ASSET_FORMAT",
    "ASSET_URI",
    "CAMPAIGN_ID",
    "DV_CLIENT_CODE",
    "EXTERNAL_ID",
    "METADATAS",
    "SLOT_POSITIONS",
    "SURVEY",
    "NOTARY_METADATA",
    "VERSION",
    "WEIGHT",
]
KEPT = ("name", "tagline", "advertiser_name", "assets", "delivery")


def create_ad(
    sb: Sandbox,
    account_id: str,
    body: JSON,
    *,
    actor: Actor,
    object_id: str | None = None,
) -> JSON:
    _, fields = validate_body(
        CreateAdRequest,
        body,
        nullable=NULLABLE,
        problems=rules.create_key_problems(body),
        reported=READ_ONLY,
    )
    now = sb.now()
    with sb.store.transaction() as store:
        require_account(store, account_id)
        ad_set = require_reference(
            store, "ad_set", account_id, fields.pop("ad_set_id").lower(), "ad_set_id"
        )
        fail_if(
            rules.ad_problems(
                fields, ad_set=ad_set.body, lookup=_lookup(store, account_id)
            )
        )
        record = Record("ad", object_id or sb.new_id(), account_id, {}, now, now)
        record.parent_id = ad_set.id
        _rebuild(record, fields, ad_set.body, created=now, updated=now)
        lifecycle.start_review(record, now, sb.config.review_ms / 1000)
        store.insert(record)
        record_write(sb, record, before=None, actor=actor, now=now)
    return record.body


def update_ad(
    sb: Sandbox, account_id: str, ad_id: str, patch: JSON, *, actor: Actor
) -> JSON:
    with sb.store.transaction() as store:
        record = require(store, "ad", account_id, ad_id)
        _, changes = validate_body(
            UpdateAdRequest,
            patch,
            nullable=NULLABLE,
            problems=rules.patch_key_problems(patch),
            reported=(*CREATE_ONLY, *READ_ONLY, "assets"),
        )
        return apply_ad_change(sb, store, record, changes, actor=actor)


def change_problems(store: Store, record: Record, changes: JSON) -> list[str]:
    """Every rule a change to a live ad must pass (pure apart from look-ups)."""
    if record.body.get("status") == "ARCHIVED":
        return ["ad is ARCHIVED; archived ads cannot be edited"]
    effective = _effective(record, changes)
    lookup = _lookup(store, str(record.account_id))
    return rules.ad_problems(
        effective, ad_set=_ad_set(store, record).body, lookup=lookup
    )


def apply_ad_change(
    sb: Sandbox, store: Store, record: Record, changes: JSON, *, actor: Actor
) -> JSON:
    """Validate ``changes`` on the effective ad and write them."""
    now = sb.now()
    fail_if(change_problems(store, record, changes))
    current = ad_fields(record)
    effective = _effective(record, changes)
    if canonical(effective) == canonical(current):
        return record.body
    before = dict(record.body)
    _rebuild(
        record,
        effective,
        _ad_set(store, record).body,
        created=record.created,
        updated=now,
    )
    if any(
        canonical(effective.get(k)) != canonical(current.get(k))
        for k in rules.REVIEWED_FIELDS
    ):
        lifecycle.start_review(record, now, sb.config.review_ms / 1000)
    else:
        lifecycle.settle(record, now)
    store.update(record)
    record_write(sb, record, before=before, actor=actor, now=now)
    return record.body


def _effective(record: Record, changes: JSON) -> JSON:
    merged = {**ad_fields(record), **changes}
    return {key: value for key, value in merged.items() if value is not None}


def ad_fields(record: Record) -> JSON:
    """The writable fields of a stored ad (own times only when not inherited)."""
    body = record.body
    fields = {key: body[key] for key in KEPT if key in body}
    cta = body["call_to_action"]
    fields["call_to_action"] = {
        k: cta[k] for k in ("key", "language", "clickthrough_url")
    }
    for key in ("third_party_tracking", "catalog"):
        if key in body:
            fields[key] = body[key]
    inherited = record.state.get("inherit", [])
    for key in ("start_time", "end_time"):
        if key in body and key not in inherited:
            fields[key] = body[key]
    if "dv_client_code" in record.state:
        fields["dv_client_code"] = record.state["dv_client_code"]
    return fields


def sync_ad_times(sb: Sandbox, store: Store, ad_set: Record, now: float) -> None:
    """Carry an ad set's new schedule into the ads that inherit it."""
    for ad in store.children("ad", ad_set.id):
        if ad.state.get("inherit") and ad.body.get("status") != "ARCHIVED":
            before = (ad.body.get("start_time"), ad.body.get("end_time"))
            _rebuild(
                ad, ad_fields(ad), ad_set.body, created=ad.created, updated=ad.updated
            )
            if (ad.body.get("start_time"), ad.body.get("end_time")) != before:
                lifecycle.settle(ad, now)
                store.update(ad)


def get_ad(sb: Sandbox, account_id: str, ad_id: str, query: QueryParams) -> JSON:
    project = projection(query)
    body = require(sb.store, "ad", account_id, ad_id).body
    return project(body) if project else body


def list_ads(sb: Sandbox, account_id: str, query: QueryParams) -> str:
    require_account(sb.store, account_id)
    condition = Filter()
    condition.any_of("parent_id", query_uuids(query, "ad_set_ids"))
    asset_ids = query_uuids(query, "asset_ids")
    if asset_ids:
        marks = ",".join("?" * len(asset_ids))
        roles = " OR ".join(
            f"json_extract(body, '$.assets.{role}') IN ({marks})" for role in ROLES
        )
        condition.add(f"({roles})", *(asset_ids * len(ROLES)))
    condition.name_contains(query)
    condition.any_of(
        "status", query_enums(query, "statuses", values(AdStatus), unique=True)
    )
    return list_json(
        sb.store, SPEC, account_id, query, condition, project=projection(query)
    )


def projection(query: QueryParams) -> Projection | None:
    wanted = query_enums(query, "fields", (*AD_FIELDS, *OTHER_FIELDS), unique=True)
    if not wanted:
        return None
    keys = {AD_FIELDS[name] for name in wanted if name in AD_FIELDS}

    def project(body: JSON) -> JSON:
        return {key: value for key, value in body.items() if key in keys}

    return project


def _rebuild(
    record: Record, fields: JSON, ad_set: JSON, *, created: float, updated: float
) -> None:
    inherit = [key for key in ("start_time", "end_time") if not fields.get(key)]
    times = {
        key: fields.get(key) or ad_set.get(key) for key in ("start_time", "end_time")
    }
    status = {
        k: v
        for k, v in record.body.items()
        if k in ("status", "reject_reason", "reject_reasons")
    }
    record.body = rules.ad_body(
        fields,
        ids={"id": record.id, "ad_set_id": ad_set["id"]},
        stamps={"created_at": format_time(created), "updated_at": format_time(updated)},
        times=times,
    )
    record.body.update(status)
    record.state["inherit"] = inherit
    if fields.get("dv_client_code") is not None:
        record.state["dv_client_code"] = fields["dv_client_code"]
    else:
        record.state.pop("dv_client_code", None)
    record.updated = updated


def _ad_set(store: Store, record: Record) -> Record:
    ad_set = store.get("ad_set", str(record.parent_id))
    assert ad_set is not None  # ads are never moved nor deleted
    return ad_set


def _lookup(store: Store, account_id: str) -> rules.AssetLookup:
    def lookup(asset_id: str) -> JSON | None:
        record = store.get("asset", asset_id.lower())
        if record is None or record.account_id != account_id:
            return None
        return record.body

    return lookup
