"""Turn a plan into ordered operations (pure).

One plan action becomes one or more operations, grouped in phases that run
one after another; operations inside a phase run in parallel:

1. assets     create, upload, wait until READY
2. campaigns  create / update / replace
3. ad sets    create (switched off until the end) / update / replace
4. ads        create / update / replace
5. delivery   ad sets' sole-field ``delivery`` PATCHes (switch on last)
6. retire     disables and the old halves of replacements, children first

Creating ad sets "dark" and switching them on last means an apply that stops
halfway never leaves a half-built ad set delivering.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import assert_never

from campaignctl.plan.address import ASSET_PREFIX
from campaignctl.plan.model import Action, Kind, Plan, ResourceAction


class Phase(IntEnum):
    ASSETS = 1
    CAMPAIGNS = 2
    AD_SETS = 3
    ADS = 4
    DELIVERY = 5
    RETIRE_ADS = 6
    RETIRE_AD_SETS = 7
    RETIRE_CAMPAIGNS = 8


class Step(StrEnum):
    CREATE_ASSET = "upload"
    CREATE = "create"
    UPDATE = "update"
    RENAME_OLD = "rename old"  # first half of a replace: frees the name
    DELIVERY = "switch delivery"
    DISABLE = "switch off"
    ARCHIVE = "archive"
    PUBLISH = "publish"  # a staged draft hierarchy (apply --via-drafts)


_CREATE_PHASE = {
    Kind.ASSET: Phase.ASSETS,
    Kind.CAMPAIGN: Phase.CAMPAIGNS,
    Kind.AD_SET: Phase.AD_SETS,
    Kind.AD: Phase.ADS,
}
_RETIRE_PHASE = {
    Kind.AD: Phase.RETIRE_ADS,
    Kind.AD_SET: Phase.RETIRE_AD_SETS,
    Kind.CAMPAIGN: Phase.RETIRE_CAMPAIGNS,
    Kind.ASSET: Phase.RETIRE_ADS,
}


@dataclass(frozen=True)
class Operation:
    """One write (or short sequence of writes) on one object."""

    action: ResourceAction
    step: Step
    phase: Phase
    requires: tuple[str, ...] = ()  # operation keys that must have succeeded

    @property
    def key(self) -> str:
        return f"{self.action.address}#{self.step.value}"

    @property
    def label(self) -> str:
        """E.g. ``create ad set summer/us-rock`` or ``upload asset cover-3fa9….png``."""
        kind = self.action.kind.value.replace("_", " ")
        address = self.action.address.removeprefix(ASSET_PREFIX)
        return f"{self.step.value} {kind} {address}"


def plan_operations(plan: Plan) -> tuple[Operation, ...]:
    """All operations of ``plan``, sorted by phase then address."""
    created: dict[str, str] = {}
    operations: list[Operation] = []
    for action in plan.actions:
        for operation in _operations_for(action):
            operations.append(operation)
            if operation.step in (Step.CREATE, Step.CREATE_ASSET):
                created[action.address] = operation.key
    linked = [_with_requirements(op, created) for op in operations]
    return tuple(sorted(linked, key=lambda op: (op.phase, op.action.address, op.step)))


def _operations_for(action: ResourceAction) -> list[Operation]:
    create_phase = _CREATE_PHASE[action.kind]
    retire_phase = _RETIRE_PHASE[action.kind]
    match action.action:
        case Action.NOOP:
            return []
        case Action.CREATE:
            step = Step.CREATE_ASSET if action.kind is Kind.ASSET else Step.CREATE
            return [Operation(action, step, create_phase), *_switch_on(action)]
        case Action.UPDATE:
            return _update_operations(action, create_phase)
        case Action.REPLACE:
            return [
                Operation(action, Step.RENAME_OLD, create_phase),
                Operation(action, Step.CREATE, create_phase),
                *_switch_on(action),
                Operation(action, Step.DISABLE, retire_phase),
            ]
        case Action.DISABLE:
            return [Operation(action, Step.DISABLE, retire_phase)]
        case Action.ARCHIVE:
            return [Operation(action, Step.ARCHIVE, retire_phase)]
        case _:
            assert_never(action.action)


def _update_operations(action: ResourceAction, phase: Phase) -> list[Operation]:
    body = action.body or {}
    fields = split_delivery(action)[0]
    operations = []
    if fields:
        operations.append(Operation(action, Step.UPDATE, phase))
    if action.kind is Kind.AD_SET and "delivery" in body:
        operations.append(Operation(action, Step.DELIVERY, Phase.DELIVERY))
    return operations


def _switch_on(action: ResourceAction) -> list[Operation]:
    """Ad sets are created switched off; this switches them on at the end."""
    body = action.body or {}
    if action.kind is Kind.AD_SET and body.get("delivery", "ON") == "ON":
        return [Operation(action, Step.DELIVERY, Phase.DELIVERY)]
    return []


def split_delivery(action: ResourceAction) -> tuple[dict[str, object], str | None]:
    """An ad set PATCH body without ``delivery``, and the delivery to set."""
    body = dict(action.body or {})
    if action.kind is not Kind.AD_SET:
        return body, None
    delivery = body.pop("delivery", None)
    return body, None if delivery is None else str(delivery)


def _with_requirements(operation: Operation, created: dict[str, str]) -> Operation:
    action = operation.action
    needed = {created[a] for a in action.depends_on if a in created}
    own_create = created.get(action.address)
    if own_create and operation.step not in (Step.CREATE, Step.RENAME_OLD):
        needed.add(own_create)
    if operation.step is Step.CREATE and action.action is Action.REPLACE:
        needed.add(f"{action.address}#{Step.RENAME_OLD.value}")
    needed.discard(operation.key)
    return Operation(action, operation.step, operation.phase, tuple(sorted(needed)))
