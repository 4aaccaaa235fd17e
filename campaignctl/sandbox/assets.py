"""Assets: create, read, list, rename (no delete). Uploads live in ``uploads``."""

from __future__ import annotations

from starlette.datastructures import QueryParams

from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.listing import COMMON_SORTS, Filter, ListSpec, list_json
from campaignctl.sandbox.objects import require, require_account
from campaignctl.sandbox.parsing import query_enums, query_uuids
from campaignctl.sandbox.rules import asset as rules
from campaignctl.sandbox.rules.check import fail_if, validate_body
from campaignctl.sandbox.rules.types import (
    AspectRatio,
    AssetStatus,
    AssetType,
    GeneralAudioType,
    values,
)
from campaignctl.sandbox.store import JSON, Record

SPEC = ListSpec("asset", "assets", {k: COMMON_SORTS[k] for k in ("CREATED_AT", "NAME")})


def create_asset(sb: Sandbox, account_id: str, body: JSON) -> JSON:
    _, fields = validate_body(rules.CreateAssetRequest, body)
    fail_if(rules.create_problems(fields))
    now = sb.now()
    stamp = format_time(now)
    with sb.store.transaction() as store:
        require_account(store, account_id)
        asset_id = sb.new_id()
        response = rules.asset_body(
            fields, asset_id=asset_id, stamps={"created_at": stamp, "updated_at": stamp}
        )
        store.insert(Record("asset", asset_id, account_id, response, now, now))
    return response


def update_asset(sb: Sandbox, account_id: str, asset_id: str, patch: JSON) -> JSON:
    with sb.store.transaction() as store:
        record = require(store, "asset", account_id, asset_id)
        _, fields = validate_body(rules.UpdateAssetRequest, patch)
        fail_if(rules.update_problems(record.body, fields))
        name = fields.get("name")
        if name is None or name == record.body["name"]:
            return record.body
        now = sb.now()
        record.body["name"] = name
        record.body["updated_at"] = format_time(now)
        record.updated = now
        store.update(record)
        return record.body


def get_asset(sb: Sandbox, account_id: str, asset_id: str) -> JSON:
    return require(sb.store, "asset", account_id, asset_id).body


def list_assets(sb: Sandbox, account_id: str, query: QueryParams) -> str:
    require_account(sb.store, account_id)
    condition = Filter()
    condition.any_of("id", query_uuids(query, "asset_ids"))
    condition.any_of(
        "json_extract(body, '$.asset_type')",
        query_enums(query, "asset_types", values(AssetType), unique=True),
    )
    groups = query_enums(query, "asset_subtypes", values(GeneralAudioType), unique=True)
    condition.any_of(
        "json_extract(body, '$.audio_type')",
        [subtype for subtype, group in rules.SUBTYPE_GROUPS.items() if group in groups],
    )
    condition.any_of(
        "status", query_enums(query, "statuses", values(AssetStatus), unique=True)
    )
    condition.any_of(
        "json_extract(body, '$.aspect_ratio')",
        query_enums(query, "aspect_ratios", values(AspectRatio), unique=True),
    )
    condition.name_contains(query)
    return list_json(sb.store, SPEC, account_id, query, condition)
