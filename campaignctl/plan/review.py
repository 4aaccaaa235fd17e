"""What reviewers look at first, derived from a plan (pure, shared by renderers).

Counts per action and kind, changes from the manifests vs live changes the
plan overwrites (drift), and the risky changes: replaces, switch-offs,
archives, budgets up by more than 50 % and policy violations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from campaignctl.plan.impact import budget_jumps
from campaignctl.plan.model import KIND_ORDER, Action, Kind, Plan, ResourceAction

COUNTED = tuple(a for a in Action if a is not Action.NOOP)
NOUN = {Kind.CAMPAIGN: "campaign", Kind.AD_SET: "ad set", Kind.AD: "ad"}
NOUN[Kind.ASSET] = "asset"
PLURAL = {k: f"{n}s" for k, n in NOUN.items()}


def counts_by_kind(plan: Plan) -> dict[Action, dict[Kind, int]]:
    """Action → kind → number of actions (no-ops left out; zeros kept)."""
    table: dict[Action, dict[Kind, int]] = {
        a: dict.fromkeys(KIND_ORDER, 0) for a in COUNTED
    }
    for action in plan.actions:
        if action.action is not Action.NOOP:
            table[action.action][action.kind] += 1
    return table


@dataclass(frozen=True)
class OriginCount:
    objects: int = 0
    fields: int = 0


def origin_counts(plan: Plan) -> dict[str, OriginCount]:
    """``manifest`` / ``drift`` → objects and field changes of each origin."""
    counts = {"manifest": [0, 0], "drift": [0, 0]}
    for action in plan.actions:
        if action.action is Action.NOOP:
            continue
        drift = [c for c in action.changes if c.is_drift]
        if drift:
            counts["drift"][0] += 1
            counts["drift"][1] += len(drift)
        if len(drift) < len(action.changes) or not action.changes:
            counts["manifest"][0] += 1
            counts["manifest"][1] += len(action.changes) - len(drift)
    return {k: OriginCount(objects=o, fields=f) for k, (o, f) in counts.items()}


@dataclass(frozen=True)
class Risk:
    """One risky change: what, on which object, and why it is risky."""

    label: str  # "replace", "switch off", "archive", "budget +66.7 %"
    address: str | None
    detail: str


def risky_changes(plan: Plan, *, money: Callable[[Any, str | None], str]) -> list[Risk]:
    """Replaces, switch-offs, archives and budget jumps, in plan order.

    Policy violations are listed apart (with their rule and manifest place).
    """
    risks = []
    for action in plan.actions:
        label = _retire_label(action)
        if label is not None:
            risks.append(Risk(label, action.address, _what(action)))
    for jump in budget_jumps(plan):
        currency = plan.accounts.get(jump.action.account_id)
        detail = f"{money(jump.before, currency)} → {money(jump.after, currency)}"
        risks.append(Risk(f"budget +{jump.percent} %", jump.action.address, detail))
    return risks


def _retire_label(action: ResourceAction) -> str | None:
    return {
        Action.REPLACE: "replace",
        Action.DISABLE: "switch off",
        Action.ARCHIVE: "archive",
    }.get(action.action)


def _what(action: ResourceAction) -> str:
    text = f'{NOUN[action.kind]} "{action.name}"'
    return f"{text}: {action.reason}" if action.reason else text


def change_count(plan: Plan) -> int:
    return sum(1 for a in plan.actions if a.action is not Action.NOOP)
