"""``apply --via-drafts``: a plan's operations with the staged drafts published.

The plan's normal operations (``operations.py``) are kept, except the creates
and updates of objects staged in a draft hierarchy: those become one
*publish* operation per hierarchy (all or nothing, at the validated
``draft_hierarchy_version``), followed by the live PATCHes drafts cannot
carry (``plan/drafts.residual``: a new ad set switched off, an ad's delivery
or own flight). Asset uploads, the renames that free a replaced object's
name, delivery switches of live ad sets and switch-offs stay live operations
in their phases. The publish needs whatever the operations it replaces
needed (uploads, renames), and whatever needed those now needs the publish.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from campaignctl.apply.operations import Operation, Phase, Step, plan_operations
from campaignctl.plan.drafts import residual
from campaignctl.plan.model import Action, Kind, Plan, ResourceAction
from campaignctl.plan.remote import StagedDraft

PUBLISH_PHASE = Phase.ADS  # after the campaign and ad set renames
_FRESH = (Action.CREATE, Action.REPLACE)


def draft_operations(plan: Plan) -> tuple[Operation, ...]:
    """Every operation of ``plan``, applied through its staged drafts."""
    staged = {d.campaign: d for d in plan.drafts}
    actions = {a.address: a for a in plan.actions}
    kept: list[Operation] = []
    moved: dict[str, str] = {}  # replaced operation key → its publish's key
    needs: dict[str, set[str]] = defaultdict(set)  # campaign → publish needs
    for op in plan_operations(plan):
        draft = _draft_of(op.action, staged)
        if draft is None or not _carried(op):
            kept.append(op)
            continue
        key = _publish(actions[draft.campaign]).key
        moved[op.key] = key
        needs[draft.campaign] |= set(op.requires)
        kept += _after_publish(op, key)
    publishes = [
        _publish(actions[c], tuple(needs[c])) for c in sorted(staged) if c in actions
    ]
    linked = {op.key: _relinked(op, moved) for op in [*kept, *publishes]}
    return tuple(
        sorted(linked.values(), key=lambda op: (op.phase, op.action.address, op.step))
    )


def _draft_of(
    action: ResourceAction, staged: Mapping[str, StagedDraft]
) -> StagedDraft | None:
    draft = staged.get(action.address.split("/", 1)[0])
    if draft is None or action.kind is Kind.ASSET:
        return None
    mine = action.address in draft.ids or action.address in draft.deferred
    return draft if mine else None


def _carried(op: Operation) -> bool:
    """Writes the publish makes: creates, updates, and a new ad set's switch-on."""
    if op.step in (Step.CREATE, Step.UPDATE):
        return True
    return op.step is Step.DELIVERY and op.action.action in _FRESH


def _publish(campaign: ResourceAction, needs: tuple[str, ...] = ()) -> Operation:
    return Operation(campaign, Step.PUBLISH, PUBLISH_PHASE, needs)


def _after_publish(op: Operation, publish_key: str) -> list[Operation]:
    """The live PATCH of what the draft could not carry, if anything."""
    action = op.action
    if op.step is not Step.CREATE and action.kind is Kind.AD_SET:
        return []  # a live ad set's delivery switch is its own operation
    if op.step is Step.DELIVERY:
        return []  # published ad sets deliver at once
    rest = residual(action)
    if not rest:
        return []
    patched = action.model_copy(update={"body": rest, "refs": {}})
    step = Step.DELIVERY if action.kind is Kind.AD_SET else Step.UPDATE
    return [Operation(patched, step, Phase.DELIVERY, (publish_key,))]


def _relinked(op: Operation, moved: Mapping[str, str]) -> Operation:
    needs = {moved.get(key, key) for key in op.requires}
    needs.discard(op.key)
    return Operation(op.action, op.step, op.phase, tuple(sorted(needs)))
