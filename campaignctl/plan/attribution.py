"""Drift vs your change: who last wrote each field an update overwrites (pure).

For every field change of an update, the account's change history says who
wrote the live value: the most recent row for that object whose field change
touches the same field (and, for objects such as ``targets``, the same
sub-field). When that writer is not campaignctl's own API integration the
difference is *drift* -- a live change made outside campaignctl that the plan
overwrites -- otherwise it comes from the manifests. A field without any
history row in the window is counted as a change from the manifests.

Change-history field names (``field_type``) are internal to Spotify's audit
layer and not published. ``FIELD_TYPES`` below is the one table that maps API
fields to them: it is what the sandbox emits (the camelCase API field, with
``bid_micro_amount`` → ``bidAmount`` as in the spec's example), and the place
to correct should the real API name a field differently.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from campaignctl.plan.diff import value_at
from campaignctl.plan.model import (
    Action,
    FieldChange,
    Kind,
    Origin,
    Plan,
    ResourceAction,
)
from campaignctl.plan.normalise import canonical_time

JSON = dict[str, Any]
OWN_CATEGORY = "API_INTEGRATION"

# API field (top level of a request body) → change-history ``field_type``.
FIELD_TYPES: Mapping[str, str] = {
    # campaigns
    "name": "name",
    "status": "status",
    "purchase_order": "purchaseOrder",
    # ad sets
    "start_time": "startTime",
    "end_time": "endTime",
    "budget": "budget",
    "bid_micro_amount": "bidAmount",
    "category": "category",
    "pacing": "pacing",
    "delivery": "delivery",
    "frequency_caps": "frequencyCaps",
    "video_delivery_formats": "videoDeliveryFormats",
    "dataset_id": "datasetId",
    "slot_positions": "slotPositions",
    "base_rate_micro_amount": "baseRateMicroAmount",
    "cost_modifiers": "costModifiers",
    "targets": "targets",
    # ads
    "advertiser_name": "advertiserName",
    "tagline": "tagline",
    "assets": "assets",
    "call_to_action": "callToAction",
    "third_party_tracking": "thirdPartyTracking",
    "dv_client_code": "dvClientCode",
    "catalog": "catalog",
}
_ATTRIBUTED = (Kind.CAMPAIGN, Kind.AD_SET, Kind.AD)
_ACTORS = {"SUPPORT": "Spotify support", "SYSTEM": "Spotify (automatic)"}


def entities_to_check(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Ad account → ids of the objects whose updates need attribution."""
    ids: dict[str, set[str]] = defaultdict(set)
    for action in plan.actions:
        if _attributable(action):
            ids[action.account_id].add(str(action.remote_id))
    return {account: tuple(sorted(found)) for account, found in sorted(ids.items())}


def attribute_changes(
    plan: Plan, rows: Iterable[Mapping[str, Any]], *, own_principal: str | None
) -> Plan:
    """``plan`` with each update's field changes marked manifest or drift.

    ``rows`` are change-history rows (any order) of the objects named by
    ``entities_to_check``; ``own_principal`` is campaignctl's client id when
    known (None: every API integration counts as campaignctl).
    """
    history = rows_by_entity(rows)
    actions = tuple(
        _attributed(a, history.get(str(a.remote_id), ()), own_principal)
        if _attributable(a)
        else a
        for a in plan.actions
    )
    return plan.model_copy(update={"actions": actions})


def is_own(actor: Mapping[str, Any], own_principal: str | None) -> bool:
    """Whether a change-history actor is campaignctl's API integration."""
    if actor.get("category") != OWN_CATEGORY:
        return False
    return own_principal is None or str(actor.get("principal_id")) == own_principal


def actor_label(actor: Mapping[str, Any]) -> str:
    """``jane@example.com``; a name when emails are hidden; a role for Spotify."""
    category = str(actor.get("category") or "UNKNOWN")
    if category in _ACTORS:
        return _ACTORS[category]
    who = actor.get("email") or actor.get("name") or actor.get("principal_id")
    who = str(who or "unknown")
    if category == OWN_CATEGORY:
        return f"API integration {who}"
    return who


def _attributable(action: ResourceAction) -> bool:
    return (
        action.action is Action.UPDATE
        and action.kind in _ATTRIBUTED
        and action.remote_id is not None
    )


def rows_by_entity(
    rows: Iterable[Mapping[str, Any]],
) -> dict[str, list[Mapping[str, Any]]]:
    """Entity id → its rows, newest first (ties: the later row in the input)."""
    grouped: dict[str, list[tuple[str, int, Mapping[str, Any]]]] = defaultdict(list)
    for index, row in enumerate(rows):
        stamp = canonical_time(str(row.get("timestamp") or ""))
        grouped[str(row.get("entity_id"))].append((stamp, index, row))
    return {
        entity: [row for *_, row in sorted(items, key=_when, reverse=True)]
        for entity, items in grouped.items()
    }


def _when(item: tuple[str, int, Mapping[str, Any]]) -> tuple[str, int]:
    return item[0], item[1]


def _attributed(
    action: ResourceAction,
    rows: Sequence[Mapping[str, Any]],
    own_principal: str | None,
) -> ResourceAction:
    changes = tuple(_origin(c, rows, own_principal) for c in action.changes)
    return action.model_copy(update={"changes": changes})


def last_write(
    path: str, rows: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    """The newest history row (and its field change) that wrote field ``path``.

    ``rows`` are one object's rows, newest first (``rows_by_entity``).
    """
    top, _, rest = path.partition(".")
    field_type = FIELD_TYPES.get(top)
    if field_type is None:
        return None
    for row in rows:
        for entry in row.get("changes") or ():
            if entry.get("field_type") == field_type and _touches(entry, rest):
                return row, entry
    return None


def _origin(
    change: FieldChange, rows: Sequence[Mapping[str, Any]], own_principal: str | None
) -> FieldChange:
    found = last_write(change.path, rows)
    if found is None:
        return change
    row, entry = found
    actor = row.get("actor") or {}
    if is_own(actor, own_principal):
        return change
    return change.model_copy(
        update={
            "origin": Origin.DRIFT,
            "changed_by": actor_label(actor),
            "changed_at": canonical_time(str(row.get("timestamp") or "")),
            "changed_from": _side(entry.get("before"), change.path.partition(".")[2]),
        }
    )


def _touches(entry: Mapping[str, Any], rest: str) -> bool:
    """Whether a history field change altered the sub-field ``rest``."""
    before, after = _side(entry.get("before"), rest), _side(entry.get("after"), rest)
    return bool(canonical(before) != canonical(after))


def _side(value: Any, rest: str) -> Any:
    """A history ``before``/``after`` object, unwrapped, at sub-path ``rest``."""
    if not isinstance(value, Mapping) or not value:
        return None
    if set(value) == {"value"}:
        value = value["value"]
    if not rest:
        return value
    if not isinstance(value, Mapping):
        return None
    return value_at(value, tuple(rest.split(".")))


def canonical(value: Any) -> Any:
    """Order-insensitive form for comparing values: lists sorted, recursively."""
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def reverts(change: FieldChange) -> bool:
    """Whether a drift change puts back the value from before the live change."""
    return bool(canonical(change.changed_from) == canonical(change.after))
