"""Helpers shared by the resource services: scoping, look-ups, history."""

from __future__ import annotations

from campaignctl.sandbox import history
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import Problem, bad_request
from campaignctl.sandbox.history import Actor
from campaignctl.sandbox.store import JSON, Record, Store

LABELS = {
    "campaign": "campaign",
    "ad_set": "ad set",
    "ad": "ad",
    "asset": "asset",
    "draft_campaign": "draft campaign",
    "draft_ad_set": "draft ad set",
    "draft_ad": "draft ad",
}


def require_account(store: Store, account_id: str) -> Record:
    """The ad account; 403 when the caller has no access (unknown id)."""
    record = store.get("ad_account", account_id)
    if record is None:
        raise Problem(403, f"no access to ad account {account_id}")
    return record


def require(store: Store, kind: str, account_id: str, object_id: str) -> Record:
    """An object of this account named in the path; 404 otherwise."""
    require_account(store, account_id)
    record = store.get(kind, object_id)
    if record is None or record.account_id != account_id:
        raise Problem(
            404, f"{LABELS[kind]} {object_id} not found in ad account {account_id}"
        )
    return record


def require_reference(
    store: Store, kind: str, account_id: str, object_id: str, field: str
) -> Record:
    """An object referenced from a request body; 400 when absent or foreign."""
    record = store.get(kind, object_id)
    if record is None or record.account_id != account_id:
        raise bad_request(
            f"{field}: {LABELS[kind]} {object_id} does not exist "
            f"in ad account {account_id}"
        )
    return record


def currency(store: Store, account_id: str) -> str:
    return str(require_account(store, account_id).body["currency_code"])


def record_write(
    sb: Sandbox,
    record: Record,
    *,
    before: JSON | None,
    actor: Actor,
    now: float,
) -> None:
    """Append the change-history row of a live write (CREATED when no before)."""
    changes = history.field_changes(record.kind, before, record.body)
    history.record_change(
        sb.store,
        change_id=sb.new_id(),
        account_id=str(record.account_id),
        kind=record.kind,
        body=record.body,
        changes=changes,
        actor=actor,
        now=now,
        created=before is None,
    )


def writable(body: JSON, names: tuple[str, ...]) -> JSON:
    """The writable fields of a stored body (server-owned keys dropped)."""
    return {key: value for key, value in body.items() if key in names}
