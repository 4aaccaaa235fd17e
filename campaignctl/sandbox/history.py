"""Change history: every live write as a ``ChangeHistoryRow``.

One row per logical save with field-level ``changes``. A field's ``before`` /
``after`` is the value itself when it is an object (``budget``, ``targets``),
otherwise ``{"value": v}``; a field that did not exist is ``{}``.
``field_type`` is the camelCase API field (``bid_micro_amount`` →
``bidAmount``). Ads are entity type CREATIVE; assets are not recorded (the
spec's ``ChangeHistoryEntityType`` has no asset type).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.config import CLIENT_ID
from campaignctl.sandbox.store import JSON, Store, dump

ENTITY_TYPES = {"campaign": "CAMPAIGN", "ad_set": "AD_SET", "ad": "CREATIVE"}
ENTITY_KINDS = {value: key for key, value in ENTITY_TYPES.items()}
RETENTION_SECONDS = 180 * 86400
DEFAULT_WINDOW_SECONDS = 30 * 86400

CATEGORIES = {
    "status": "STATUS",
    "delivery": "STATUS",
    "budget": "BUDGET",
    "bid_micro_amount": "BUDGET",
    "pacing": "BUDGET",
    "base_rate_micro_amount": "BUDGET",
    "cost_modifiers": "BUDGET",
    "targets": "TARGETING",
    "frequency_caps": "TARGETING",
    "video_delivery_formats": "TARGETING",
    "slot_positions": "TARGETING",
    "start_time": "SCHEDULING",
    "end_time": "SCHEDULING",
    "assets": "CREATIVE",
    "tagline": "CREATIVE",
    "advertiser_name": "CREATIVE",
    "call_to_action": "CREATIVE",
    "catalog": "CREATIVE",
    "third_party_tracking": "CREATIVE",
    "dv_client_code": "CREATIVE",
}
LABELS = {
    "bid_micro_amount": "Bid Amount",
    "targets": "Targeting",
    "call_to_action": "Call To Action",
    "third_party_tracking": "Third Party Tracking",
    "dv_client_code": "DoubleVerify Client Code",
}
FIELD_TYPES = {"bid_micro_amount": "bidAmount"}
# server-owned fields never reported as changes
SKIPPED = frozenset(
    {"id", "created_at", "updated_at", "is_paused", "pause_reason", "reject_reason"}
    | {"reject_reasons", "ad_preview_url", "cost_model"}
)


@dataclass(frozen=True)
class Actor:
    """Who made a write: a user (``X-Sandbox-Actor``) or the API integration."""

    principal_id: str
    principal_type: str  # USER | SERVICE
    name: str
    email: str | None
    category: str  # ADVERTISER_USER | API_INTEGRATION | ...

    def as_json(self) -> JSON:
        return {
            "principal_id": self.principal_id,
            "principal_type": self.principal_type,
            "name": self.name,
            "email": self.email,
            "category": self.category,
        }


API_ACTOR = Actor(CLIENT_ID, "SERVICE", CLIENT_ID, None, "API_INTEGRATION")


def user_actor(email: str) -> Actor:
    principal = str(uuid.uuid5(uuid.NAMESPACE_URL, f"mailto:{email.lower()}"))
    return Actor(principal, "USER", email, email, "ADVERTISER_USER")


def field_changes(kind: str, before: JSON | None, after: JSON) -> list[JSON]:
    """Field-level differences between two bodies (set arrays compared as sets)."""
    old = before or {}
    keys = [k for k in after if k not in SKIPPED]
    keys += [k for k in old if k not in after and k not in SKIPPED]
    changes = []
    for key in keys:
        if canonical(old.get(key)) == canonical(after.get(key)):
            continue
        changes.append(_field_change(kind, key, old, after))
    return changes


def record_change(
    store: Store,
    *,
    change_id: str,
    account_id: str,
    kind: str,
    body: JSON,
    changes: list[JSON],
    actor: Actor,
    now: float,
    created: bool,
) -> None:
    """Append one row (no-op when nothing changed)."""
    if not changes:
        return
    row = {
        "change_id": change_id,
        "timestamp": format_time(now),
        "entity_type": ENTITY_TYPES[kind],
        "entity_id": body["id"],
        "entity_name": body.get("name") or f"Unnamed {ENTITY_TYPES[kind]}",
        "operation": "CREATED" if created else "CHANGED",
        "actor": actor.as_json(),
        "changes": changes,
    }
    categories = " ".join(sorted({c["change_category"] for c in changes}))
    store.execute(
        "INSERT INTO changes (account_id, change_id, ts, entity_type, entity_id, "
        "principal_type, principal_id, categories, body) VALUES (?,?,?,?,?,?,?,?,?)",
        (
            account_id,
            change_id,
            now,
            row["entity_type"],
            body["id"],
            actor.principal_type,
            actor.principal_id,
            categories,
            dump(row),
        ),
    )


def canonical(value: Any) -> Any:
    """Order-insensitive form: lists sorted by their JSON text, recursively."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=dump)
    return value


def _field_change(kind: str, key: str, old: JSON, new: JSON) -> JSON:
    label = LABELS.get(key) or key.replace("_", " ").title()
    if key == "name":
        label = {"campaign": "Campaign", "ad_set": "Ad Set", "ad": "Ad"}[kind] + " Name"
    return {
        "field_type": FIELD_TYPES.get(key) or _camel(key),
        "display_label": label,
        "change_category": CATEGORIES.get(key, "SETTINGS"),
        "before": _wrap(old, key),
        "after": _wrap(new, key),
    }


def _wrap(body: JSON, key: str) -> JSON:
    if key not in body:
        return {}
    value = body[key]
    return value if isinstance(value, dict) else {"value": value}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
