"""``--only`` / ``--except``: keep part of a plan, with what it depends on (pure).

Patterns are ``fnmatch`` globs over addresses (``summer-*/us-*``,
``asset:cover-*``), case-sensitive; a pattern that matches an object also
matches everything under it (``summer-launch`` selects the campaign with its
ad sets and ads). An action is chosen when it matches some ``--only`` (or
there is none) and no ``--except``. Then, so that apply can run the result:

* whatever a chosen action needs is pulled in: the create or replace of its
  parent and the asset creates its ads reference (``ResourceAction.refs``);
* a chosen replace pulls in the objects re-created under the new object
  (``# parent replaced``), since the old ones are switched off with it.

No-op entries are kept only when chosen. The plan records the selectors, the
changes it left out and the ones it pulled in; its spend figures count only
what is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from campaignctl.plan.impact import contribution
from campaignctl.plan.model import Action, Plan, ResourceAction, Selection, SpendImpact

PARENT_REPLACED = "parent replaced"


def select_actions(
    plan: Plan, *, only: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Plan:
    """The part of ``plan`` the selectors choose, plus what it needs."""
    if not only and not exclude:
        return plan
    chosen = {a.address for a in plan.actions if chosen_by(a.address, only, exclude)}
    kept = _closure(plan.actions, chosen)
    actions = tuple(a for a in plan.actions if a.address in kept)
    dropped = [a for a in plan.actions if a.address not in kept]
    changing = [a for a in dropped if a.action is not Action.NOOP]
    selection = Selection(
        only=tuple(only),
        exclude=tuple(exclude),
        left_out=tuple(sorted({a.address for a in changing})),
        pulled_in=tuple(
            sorted(
                a.address
                for a in actions
                if a.address not in chosen and a.action is not Action.NOOP
            )
        ),
    )
    return plan.model_copy(
        update={
            "actions": actions,
            "spend": _spend_without(plan, changing),
            "warnings": _warnings(plan, selection, only, exclude),
            "selection": selection,
        }
    )


def chosen_by(address: str, only: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether the selectors choose ``address`` (before dependencies)."""
    if only and not any(matches(address, p) for p in only):
        return False
    return not any(matches(address, p) for p in exclude)


def matches(address: str, pattern: str) -> bool:
    """``pattern`` matches the address or one of its ancestors."""
    return fnmatchcase(address, pattern) or fnmatchcase(
        address, pattern.rstrip("/") + "/*"
    )


def _closure(actions: Sequence[ResourceAction], chosen: set[str]) -> set[str]:
    by_address: dict[str, list[ResourceAction]] = defaultdict(list)
    dependents: dict[str, list[str]] = defaultdict(list)
    for action in actions:
        by_address[action.address].append(action)
        for needed in action.depends_on:
            dependents[needed].append(action.address)
    kept = set(chosen)
    pending = [a for address in chosen for a in by_address[address]]
    while pending:
        action = pending.pop()
        wanted = list(action.depends_on)
        if action.action is Action.REPLACE or action.reason == PARENT_REPLACED:
            wanted += dependents[action.address]
        for address in wanted:
            if address not in kept:
                kept.add(address)
                pending.extend(by_address[address])
    return kept


def _spend_without(
    plan: Plan, dropped: Iterable[ResourceAction]
) -> dict[str, SpendImpact]:
    """Plan totals as if the dropped actions kept their live budgets."""
    spend = dict(plan.spend)
    for action in dropped:
        if action.spend is None:
            continue
        part = contribution(action)
        total = spend.get(action.spend.currency, SpendImpact())
        spend[action.spend.currency] = total.model_copy(
            update={
                "daily_after": total.daily_after - part.daily_delta,
                "lifetime_after": total.lifetime_after - part.lifetime_delta,
            }
        )
    return spend


def _warnings(
    plan: Plan, selection: Selection, only: Sequence[str], exclude: Sequence[str]
) -> tuple[str, ...]:
    left_out = {f"({address})" for address in selection.left_out}
    kept = [w for w in plan.warnings if not any(a in w for a in left_out)]
    addresses = [a.address for a in plan.actions]
    for flag, patterns in (("--only", only), ("--except", exclude)):
        for pattern in patterns:
            if not any(matches(a, pattern) for a in addresses):
                kept.append(f"{flag} {pattern!r} matches no object in this plan")
    return tuple(kept)
