"""VALIDATE and PUBLISH a draft hierarchy (BRIEF §8.1, §11 rule 12).

Both require the current ``draft_hierarchy_version`` (optimistic
concurrency; a stale one is a 400). Every entity is checked with the full
live rules — create rules for drafts without a live twin, update rules for
drafts of live objects — and all problems come back at once as a 400
``ErrorResponse`` with ``validation_errors[]``. PUBLISH then writes the
hierarchy in one transaction (all or nothing): live objects keep the draft
IDs, a draft status ARCHIVED archives the live object and everything below
it (for good), and the published drafts are deleted.

Valid results carry ``validation_errors: []`` (the spec types it as a
non-nullable array although the docs describe ``null``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from campaignctl.sandbox import ad_sets, ads, campaigns, lifecycle
from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.drafts import delete_tree
from campaignctl.sandbox.errors import Problem, bad_request
from campaignctl.sandbox.history import Actor
from campaignctl.sandbox.objects import record_write, require
from campaignctl.sandbox.publish_checks import Step, plan_hierarchy
from campaignctl.sandbox.rules.check import validate_body
from campaignctl.sandbox.rules.draft_schema import PublishCampaignRequest
from campaignctl.sandbox.store import JSON, Record, Store


def publish_draft(
    sb: Sandbox, account_id: str, draft_id: str, body: JSON, *, actor: Actor
) -> JSON:
    _, request = validate_body(PublishCampaignRequest, body)
    with sb.store.transaction() as store:
        draft = require(store, "draft_campaign", account_id, draft_id)
        _check_version(draft, request.get("draft_hierarchy_version"))
        steps, errors = plan_hierarchy(sb, store, draft)
        if errors:
            messages = [
                f"{e['validation_entity_type']} {e['validation_entity_id']}: "
                f"{e['message']}"
                for e in errors
            ]
            raise Problem(400, messages, extra={"validation_errors": errors})
        if request.get("action", "VALIDATE") == "VALIDATE":
            return {"validation_errors": []}
        campaign = _execute(sb, store, account_id, steps, actor)
        delete_tree(store, draft)
    return {"campaign": campaign, "validation_errors": []}


def _check_version(draft: Record, version: int | None) -> None:
    current = draft.body["draft_hierarchy_version"]
    if version is None:
        raise bad_request(
            f"draft_hierarchy_version: is required (the draft is at version {current})"
        )
    if version != current:
        raise bad_request(
            f"draft_hierarchy_version: {version} is stale; the draft is at version "
            f"{current} — GET it again and re-validate"
        )


def _execute(
    sb: Sandbox, store: Store, account_id: str, steps: list[Step], actor: Actor
) -> JSON:
    archived: list[Record] = []
    campaign: JSON = {}
    for step in steps:
        record = _write(sb, store, account_id, step, actor)
        if step.kind == "campaign":
            campaign = record.body
        if step.archive:
            archived.append(record)
    for record in archived:
        archive(sb, store, record, actor=actor)
    top = store.get("campaign", str(campaign["id"]))
    assert top is not None
    return top.body


def _write(
    sb: Sandbox, store: Store, account_id: str, step: Step, actor: Actor
) -> Record:
    writers: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
        "campaign": (campaigns.create_campaign, _campaign_change),
        "ad_set": (ad_sets.create_ad_set, ad_sets.apply_ad_set_change),
        "ad": (ads.create_ad, ads.apply_ad_change),
    }
    create, change = writers[step.kind]
    if step.live is None:
        extra = {"status": step.status} if step.kind == "campaign" else {}
        create(sb, account_id, step.body, actor=actor, object_id=step.draft_id, **extra)
    else:
        change(sb, store, step.live, step.body, actor=actor)
    record = store.get(step.kind, step.draft_id)
    assert record is not None
    return record


def _campaign_change(
    sb: Sandbox, store: Store, record: Record, changes: JSON, *, actor: Actor
) -> JSON:
    return campaigns.apply_campaign_change(sb, record, changes, actor=actor)


def archive(sb: Sandbox, store: Store, record: Record, *, actor: Actor) -> None:
    """Archive a live object and everything below it; irreversible."""
    below = {"campaign": "ad_set", "ad_set": "ad"}.get(record.kind)
    if below:
        for child in store.children(below, record.id):
            archive(sb, store, child, actor=actor)
    current = store.get(record.kind, record.id)
    assert current is not None
    if current.body.get("status") == "ARCHIVED":
        return
    now = sb.now()
    before = dict(current.body)
    current.state["archived"] = True
    if current.kind == "campaign":
        current.body["status"] = "ARCHIVED"
    else:
        lifecycle.settle(current, now)
    current.body["updated_at"] = format_time(now)
    current.updated = now
    store.update(current)
    record_write(sb, current, before=before, actor=actor, now=now)
