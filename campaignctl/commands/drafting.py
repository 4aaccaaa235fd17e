"""``plan --validate-remote``: stage the plan as drafts, VALIDATE, clean up.

Each campaign hierarchy the plan writes is staged (``plan/drafts.py`` says
how), validated with the API's ``VALIDATE`` at its current
``draft_hierarchy_version``, and deleted afterwards unless kept for
``apply --via-drafts``. Leftovers of an earlier run (the ledger names them)
are deleted before staging; a draft nobody recorded is someone else's
pending work and stops that hierarchy with a problem instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from campaignctl.commands.ledger import Entry, Ledger
from campaignctl.errors import ApiError, CampaignctlError
from campaignctl.plan.drafts import PARENT_LINK, Hierarchy, address_of, hierarchies
from campaignctl.plan.model import Kind, Plan
from campaignctl.plan.remote import RemoteProblem, RemoteValidation, StagedDraft
from campaignctl.provider.base import JSON, AdsApi, DraftKind

SEGMENT: dict[Kind, DraftKind] = {
    Kind.CAMPAIGN: "campaigns",
    Kind.AD_SET: "ad_sets",
    Kind.AD: "ads",
}


class Conflict(Exception):
    """A draft campaignctl did not make is in the way."""


def validate_remotely(plan: Plan, api: AdsApi, *, root: Path, keep: bool) -> Plan:
    """``plan`` with the API's verdict (and, when ``keep``, its staged drafts)."""
    staged_plan, skipped = hierarchies(plan)
    ledger = Ledger(root)
    staged: list[StagedDraft] = []
    problems: list[RemoteProblem] = []
    try:
        for hierarchy in staged_plan:
            try:
                draft = stage(api, hierarchy, ledger)
            except (CampaignctlError, Conflict) as error:
                problems.append(_problem(hierarchy.campaign, f"not staged: {error}"))
                continue
            staged.append(draft)
            problems += validate(api, draft)
    finally:
        kept = keep and not problems
        for draft in staged if not kept else ():
            discard(api, draft, ledger)
    for draft in staged if kept else ():
        _mark_kept(ledger, draft)
    validation = RemoteValidation(
        validated=tuple(d.campaign for d in staged),
        problems=tuple(problems),
        not_validated=tuple(a for d in staged for a in d.deferred),
        kept=kept and bool(staged),
    )
    warnings = (*plan.warnings, *skipped)
    drafts = tuple(staged) if kept else ()
    update = {"validation": validation, "drafts": drafts, "warnings": warnings}
    return plan.model_copy(update=update)


def stage(api: AdsApi, hierarchy: Hierarchy, ledger: Ledger) -> StagedDraft:
    """Create the hierarchy's drafts (after clearing our own leftovers)."""
    account = hierarchy.account_id
    root = hierarchy.root
    same_named = _clear_leftovers(api, hierarchy, ledger)
    name = str(root.fields.get("name") or hierarchy.campaign)
    entry = Entry(account, hierarchy.campaign, name, root.live_id, same_named)
    ledger.record(entry)
    if root.is_new:
        draft_id = str(api.create_draft(account, "campaigns", root.fields)["id"])
        ledger.record(Entry(account, hierarchy.campaign, name, draft_id))
    else:
        draft_id = str(root.live_id)
        _from_live(api, account, root.kind, draft_id, root.fields)
    ids = {root.address: draft_id}
    for node in hierarchy.staged_now[1:]:
        segment = SEGMENT[node.kind]
        if node.is_new:
            link = {PARENT_LINK[node.kind]: ids[str(node.parent)]}
            created = api.create_draft(account, segment, {**node.fields, **link})
            ids[node.address] = str(created["id"])
        else:
            _from_live(api, account, node.kind, str(node.live_id), node.fields)
            ids[node.address] = str(node.live_id)
    current = api.get_draft(account, "campaigns", draft_id) or {}
    return StagedDraft(
        account_id=account,
        campaign=hierarchy.campaign,
        draft_id=draft_id,
        version=int(current.get("draft_hierarchy_version") or 1),
        ids=ids,
        deferred=tuple(n.address for n in hierarchy.nodes if n.deferred),
    )


def _from_live(
    api: AdsApi, account: str, kind: Kind, live_id: str, fields: JSON
) -> None:
    segment = SEGMENT[kind]
    api.draft_from_live(account, segment, live_id)
    if fields:
        api.update_draft(account, segment, live_id, fields)


def _clear_leftovers(
    api: AdsApi, hierarchy: Hierarchy, ledger: Ledger
) -> tuple[str, ...]:
    """Delete drafts an earlier run left; return same-named drafts (new campaigns)."""
    account, root = hierarchy.account_id, hierarchy.root
    if not root.is_new:
        found = api.get_draft(account, "campaigns", str(root.live_id))
        if found is None:
            return ()
        if not ledger.owns(account, str(root.live_id)):
            raise Conflict(
                f"campaign {root.live_id} already has a draft that campaignctl did "
                "not make (pending work in Ads Manager?); publish or delete it first"
            )
        api.delete_draft(account, "campaigns", str(root.live_id))
        return ()
    drafts = api.list_drafts(account, "campaigns")
    ours = ledger.leftovers(account, hierarchy.campaign, drafts)
    for draft_id in ours:
        api.delete_draft(account, "campaigns", draft_id)
    name = root.fields.get("name")
    return tuple(
        str(d["id"]) for d in drafts if d.get("name") == name and d["id"] not in ours
    )


def validate(api: AdsApi, draft: StagedDraft) -> list[RemoteProblem]:
    """The API's VALIDATE of one staged hierarchy, mapped back to addresses."""
    try:
        api.publish_draft(
            draft.account_id, draft.draft_id, action="VALIDATE", version=draft.version
        )
    except ApiError as error:
        found = error.detail.extra.get("validation_errors")
        if not isinstance(found, list) or not found:
            return [_problem(draft.campaign, error.message)]
        return [_mapped(draft, item) for item in found if isinstance(item, dict)]
    return []


def _mapped(draft: StagedDraft, item: JSON) -> RemoteProblem:
    entity_id = str(item.get("validation_entity_id") or "")
    return RemoteProblem(
        address=address_of(draft.ids, entity_id),
        entity_type=str(item.get("validation_entity_type") or "?"),
        entity_id=entity_id,
        message=str(item.get("message") or "invalid"),
    )


def discard(api: AdsApi, draft: StagedDraft, ledger: Ledger) -> None:
    """Delete a staged hierarchy (its children go with it) and forget it."""
    try:
        api.delete_draft(draft.account_id, "campaigns", draft.draft_id)
    except CampaignctlError:
        return  # kept in the ledger: the next staging deletes it
    ledger.forget(draft.account_id, draft.campaign)


def discard_all(api: AdsApi, drafts: Sequence[StagedDraft], root: Path) -> None:
    ledger = Ledger(root)
    for draft in drafts:
        discard(api, draft, ledger)


def _mark_kept(ledger: Ledger, draft: StagedDraft) -> None:
    for entry in ledger.entries():
        if (entry.account_id, entry.campaign) == (draft.account_id, draft.campaign):
            ledger.record(replace(entry, draft_id=draft.draft_id, kept=True))


def _problem(address: str, message: str) -> RemoteProblem:
    return RemoteProblem(
        address=address, entity_type="CAMPAIGN", entity_id="", message=message
    )
