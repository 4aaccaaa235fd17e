"""The entities a report is about, and their statuses as reports show them.

Aggregate reports use ``ReportEntityStatus``; its valid values differ per
level (spec): an ad reports APPROVED while it delivers (there is no ACTIVE
for ads), a campaign ACTIVE, PAUSED or ARCHIVED. Async reports filter their
primary entity on ``AsyncReportEntityStatus``; a campaign's status there is
derived from its ad sets, except PAUSED, which is the campaign's own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from campaignctl.sandbox.metrics import Cell
from campaignctl.sandbox.store import Record, Store

LEVELS = ("AD_ACCOUNT", "CAMPAIGN", "AD_SET", "AD")
KINDS = {"AD_ACCOUNT": "ad_account", "CAMPAIGN": "campaign", "AD_SET": "ad_set"}
KINDS["AD"] = "ad"
REPORT_STATUSES = {
    "AD": (
        *("APPROVED", "ARCHIVED", "PENDING", "PENDING_APPROVAL"),
        *("PENDING_ADVERTISER_APPROVAL", "REJECTED"),
    ),
    "AD_SET": (
        *("ACTIVE", "APPROVED", "ARCHIVED", "COMPLETED", "PENDING_APPROVAL"),
        *("PENDING_ADVERTISER_APPROVAL", "READY", "REJECTED"),
    ),
    "CAMPAIGN": ("ACTIVE", "ARCHIVED", "PAUSED"),
}
ASYNC_STATUSES = {
    "AD": ("ACTIVE", "PENDING_APPROVAL", "REJECTED"),
    "AD_SET": ("ACTIVE", "COMPLETED", "PENDING_APPROVAL", "REJECTED"),
    "CAMPAIGN": (
        *("ACTIVE", "COMPLETED", "PAUSED", "PENDING_APPROVAL", "REJECTED"),
        "STOPPED",
    ),
}
_AD_REPORT = {"ACTIVE": "APPROVED", "FAILED": "REJECTED", "UNRECOGNIZED": "PENDING"}
_ASYNC = {
    "ACTIVE": "ACTIVE",
    "ACTIVE_RESTRICTED": "ACTIVE",
    "APPROVED": "ACTIVE",
    "READY": "ACTIVE",
    "PENDING": "PENDING_APPROVAL",
    "FAILED": "REJECTED",
    "PENDING_APPROVAL": "PENDING_APPROVAL",
    "REJECTED": "REJECTED",
    "COMPLETED": "COMPLETED",
    "ARCHIVED": "STOPPED",
    "UNRECOGNIZED": "STOPPED",
}


@dataclass(frozen=True)
class Entity:
    """One report entity and the records of it and its ancestors."""

    level: str
    path: dict[str, Record]  # level -> record, for this level and above

    @property
    def id(self) -> str:
        return self.path[self.level].id

    @property
    def name(self) -> str:
        return str(self.path[self.level].body.get("name", ""))

    def ancestor_id(self, level: str) -> str | None:
        record = self.path.get(level)
        return record.id if record is not None else None


def load(store: Store, account_id: str, level: str, *, as_of: float) -> list[Entity]:
    """Every entity of ``level`` in the account that existed at ``as_of``."""
    account = store.get("ad_account", account_id)
    assert account is not None
    if level == "AD_ACCOUNT":
        return [Entity(level, {"AD_ACCOUNT": account})]
    found: list[Entity] = []
    parents: dict[str, dict[str, Record]] = {"": {"AD_ACCOUNT": account}}
    for current in LEVELS[1 : LEVELS.index(level) + 1]:
        found = []
        for record in store.records(KINDS[current], account_id):
            above = parents.get(str(record.parent_id or ""))
            if above is not None and record.created <= as_of:
                found.append(Entity(current, {**above, current: record}))
        parents = {entity.id: entity.path for entity in found}
    return found


def key_of(level: str, cell: Cell, account_id: str) -> str:
    """The id of the entity at ``level`` that a metrics cell belongs to."""
    if level == "AD":
        return cell.ad_id
    if level == "AD_SET":
        return cell.ad_set_id
    return cell.campaign_id if level == "CAMPAIGN" else account_id


def report_status(entity: Entity) -> str | None:
    """The entity's ``ReportEntityStatus`` (None for an inactive account)."""
    body = entity.path[entity.level].body
    status = str(body.get("status", ""))
    if entity.level == "AD_ACCOUNT":
        return "ACTIVE" if status == "ACTIVE" else None
    if entity.level == "CAMPAIGN":
        return status if status in ("PAUSED", "ARCHIVED") else "ACTIVE"
    if entity.level == "AD_SET":
        return "ACTIVE" if status == "ACTIVE_RESTRICTED" else status
    return _AD_REPORT.get(status, status)


def parent_entity(entity: Entity) -> dict[str, str] | None:
    """``ParentEntity`` of an ad set (its campaign) or an ad (its ad set)."""
    level = {"AD_SET": "CAMPAIGN", "AD": "AD_SET"}.get(entity.level)
    if level is None:
        return None
    parent = Entity(level, entity.path)
    found = {"id": parent.id, "name": parent.name}
    status = report_status(parent)
    return {**found, "status": status} if status else found


def async_statuses(store: Store, account_id: str) -> dict[str, str]:
    """Entity id -> ``AsyncReportEntityStatus`` for campaigns, ad sets, ads."""
    found: dict[str, str] = {}
    children: dict[str, list[str]] = defaultdict(list)
    for kind in ("ad_set", "ad"):
        for record in store.records(kind, account_id):
            status = _ASYNC.get(str(record.body.get("status")), "STOPPED")
            found[record.id] = status
            if kind == "ad_set":
                children[str(record.parent_id)].append(status)
    for campaign in store.records("campaign", account_id):
        own = campaign.body.get("status")
        derived = _derived(children[campaign.id])
        found[campaign.id] = "PAUSED" if own == "PAUSED" else derived
    return found


def _derived(statuses: list[str]) -> str:
    """A campaign's status from its ad sets' (async report semantics)."""
    for status in ("ACTIVE", "PENDING_APPROVAL"):
        if status in statuses:
            return status
    if statuses and all(s == "REJECTED" for s in statuses):
        return "REJECTED"
    return "COMPLETED" if "COMPLETED" in statuses else "STOPPED"
