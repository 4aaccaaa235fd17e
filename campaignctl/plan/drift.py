"""Drift: live changes made outside campaignctl, read off an attributed plan (pure).

``drift_report`` takes the plan ``plan`` shows (already attributed with
``attribution.attribute_changes``) and the change-history rows it was
attributed from. Every field change whose origin is *drift* becomes one
``DriftedField`` with who, when, the change's category and the change
history's before → after; nothing else counts. Because the set of drifted
fields is exactly the plan's, ``drift`` and the "live changes" section of
``plan`` always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from campaignctl.frozen import Frozen
from campaignctl.plan.attribution import last_write, rows_by_entity
from campaignctl.plan.model import Action, Kind, Origin, Plan, ResourceAction


class Actor(Frozen):
    """Who wrote a change (the change history's ``actor``)."""

    label: str  # jane@example.com, a name, or "Spotify support"
    category: str | None = None  # ADVERTISER_USER, API_INTEGRATION, SUPPORT…
    principal_type: str | None = None  # USER | SERVICE
    principal_id: str | None = None
    email: str | None = None


class DriftedField(Frozen):
    """One managed field whose live value someone else wrote.

    ``live`` and ``manifest`` are in API units (micros, UTC times, ids) in
    the planner's canonical form; ``changed_from`` is the value before the
    live change, as the change history recorded it.
    """

    address: str
    kind: Kind
    name: str
    account_id: str
    currency: str | None  # the ad account's (money is shown in it)
    remote_id: str | None
    path: str
    live: Any = None
    manifest: Any = None
    changed_from: Any = None
    changed_by: Actor
    changed_at: str | None = None
    category: str | None = None  # the field change's ChangeCategory (BUDGET…)
    change_id: str | None = None


class DriftReport(Frozen):
    fields: tuple[DriftedField, ...] = ()
    pending: int = 0  # objects apply would change because the manifests did

    @property
    def objects(self) -> tuple[str, ...]:
        """Addresses of drifted objects, in plan order."""
        return tuple(dict.fromkeys(f.address for f in self.fields))


def drift_report(plan: Plan, rows: Iterable[Mapping[str, Any]]) -> DriftReport:
    """The drift in ``plan`` (attributed from ``rows``), field by field."""
    history = rows_by_entity(rows)
    fields = []
    pending = 0
    for action in plan.actions:
        pending += action.action is not Action.NOOP and not _all_drift(action)
        for change in action.changes:
            if change.origin is not Origin.DRIFT:
                continue
            found = last_write(change.path, history.get(str(action.remote_id), []))
            row, entry = found if found is not None else ({}, {})
            fields.append(
                DriftedField(
                    address=action.address,
                    kind=action.kind,
                    name=action.name,
                    account_id=action.account_id,
                    currency=plan.accounts.get(action.account_id),
                    remote_id=action.remote_id,
                    path=change.path,
                    live=change.before,
                    manifest=change.after,
                    changed_from=change.changed_from,
                    changed_by=_actor(row.get("actor") or {}, change.changed_by),
                    changed_at=change.changed_at,
                    category=entry.get("change_category"),
                    change_id=row.get("change_id"),
                )
            )
    return DriftReport(
        fields=tuple(fields),
        pending=pending,
    )


def _all_drift(action: ResourceAction) -> bool:
    return bool(action.changes) and all(c.is_drift for c in action.changes)


def _actor(actor: Mapping[str, Any], label: str | None) -> Actor:
    return Actor(
        label=label or "someone",
        category=actor.get("category"),
        principal_type=actor.get("principal_type"),
        principal_id=actor.get("principal_id"),
        email=actor.get("email"),
    )
