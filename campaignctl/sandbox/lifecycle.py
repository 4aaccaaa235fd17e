"""Time-based status transitions, evaluated lazily from timestamps.

No background tasks: each object stores when its next transition is due
(``Record.due``); before every request the sandbox settles the objects whose
time has come (``Sandbox.refresh``). The functions here are pure: given an
object and an instant they say what its status is and when it next changes.

* Ad sets: PENDING_APPROVAL until review ends (``state.review_at``), then
  REJECTED, or APPROVED → ACTIVE at ``start_time`` → COMPLETED at ``end_time``.
* Ads: PENDING_APPROVAL until review ends, then REJECTED, or APPROVED →
  ACTIVE at the ad's ``start_time``.
* Assets: PROCESSING until ``state.ready_at``, then READY or ERROR with the
  metadata read from the uploaded content (``state.result``).
* Anything ``state.archived`` is ARCHIVED, for good.

System transitions do not touch ``updated_at`` (it tracks writes) and are not
written to change history.
"""

from __future__ import annotations

from typing import Any

from campaignctl.sandbox.clock import parse_time
from campaignctl.sandbox.store import JSON, Record

TEST_REJECT_PREFIX = "[Test reject]"


def review_verdict(name: str) -> str:
    """The sandbox reviewer: rejects names starting with ``[Test reject]``."""
    return "REJECTED" if name.startswith(TEST_REJECT_PREFIX) else "APPROVED"


def reject_reasons(kind: str) -> list[JSON]:
    noun = "ad set" if kind == "ad_set" else "ad"
    return [
        {
            "rejection": f"The {noun} was rejected by sandbox review: its name "
            f"starts with {TEST_REJECT_PREFIX}.",
            "rejection_key": "SANDBOX_TEST_REJECT",
            "remediation": f"Rename the {noun} without the {TEST_REJECT_PREFIX} "
            "prefix to have it reviewed again.",
            "remediation_key": "RENAME_AND_RESUBMIT",
        }
    ]


def start_review(record: Record, now: float, delay: float) -> None:
    """(Re)submit an ad set or ad for review; status becomes PENDING_APPROVAL."""
    record.state["review_at"] = now + delay
    record.state["verdict"] = review_verdict(str(record.body.get("name", "")))
    settle(record, now)


def status_at(record: Record, now: float) -> tuple[str, float | None]:
    """(status, next transition time) of an ad set or ad at ``now``."""
    state = record.state
    if state.get("archived"):
        return "ARCHIVED", None
    review_at = float(state.get("review_at", 0.0))
    if now < review_at:
        return "PENDING_APPROVAL", review_at
    if state.get("verdict") == "REJECTED":
        return "REJECTED", None
    start = _instant(record.body.get("start_time"))
    end = _instant(record.body.get("end_time")) if record.kind == "ad_set" else None
    if end is not None and now >= end:
        return "COMPLETED", None
    if start is not None and now < start:
        return "APPROVED", start
    return "ACTIVE", end


def settle(record: Record, now: float) -> bool:
    """Bring ``record.body`` up to date at ``now``; True if anything changed."""
    before = (record.body.get("status"), record.due)
    if record.kind == "asset":
        _settle_asset(record, now)
    elif record.kind in ("ad_set", "ad"):
        _settle_reviewed(record, now)
    return (record.body.get("status"), record.due) != before


def _settle_reviewed(record: Record, now: float) -> None:
    status, due = status_at(record, now)
    record.body["status"] = status
    record.due = due
    if status == "REJECTED":
        reasons = reject_reasons(record.kind)
        record.body["reject_reasons"] = reasons
        record.body["reject_reason"] = reasons[0]["rejection"]
    elif status != "ARCHIVED":
        record.body.pop("reject_reasons", None)
        record.body.pop("reject_reason", None)


def _settle_asset(record: Record, now: float) -> None:
    ready_at = record.state.get("ready_at")
    if ready_at is None or now < float(ready_at):
        record.due = None if ready_at is None else float(ready_at)
        return
    result: dict[str, Any] = record.state.pop("result", {"status": "ERROR"})
    record.state.pop("ready_at", None)
    record.body.update(result)
    record.due = None


def _instant(value: Any) -> float | None:
    return parse_time(value) if isinstance(value, str) else None
