"""Policy guardrails from ``campaignctl.yaml`` (``policy:``), checked on a plan.

Pure: the plan, the desired state and the parsed policy in, violations out.
Rules judge what the plan *does* -- objects it creates, replaces, changes or
switches off -- never objects it leaves alone, so a stricter policy blocks the
next change to an object rather than every plan of the account:

* ``max_daily_budget``: no ad set the plan creates, replaces or re-budgets may
  have a daily budget above it;
* ``max_daily_budget_increase``: per currency, the daily budget increases of
  delivering ad sets (each ad set's increase; decreases elsewhere do not
  offset them) may not add up to more;
* ``require_frequency_caps``: every ad set the plan creates, replaces or
  changes must set ``frequency_caps`` in its manifest (not leave them to the
  API's 5/35/50);
* ``protect``: objects whose name or address matches one of these globs may
  not be switched off, replaced or archived -- nor re-created because their
  parent is replaced (the old one is switched off with its parent);
* ``naming``: every campaign the plan creates, replaces or renames must match
  this regular expression (``re.search``). Ad set and ad names are not
  checked: they name markets and creatives, not budgets owners.

Money limits written with a currency apply to accounts billing in it; an ad
set in another currency is a violation (no exchange rates: fail closed). A
bare number applies in each account's own currency.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any, Protocol

from campaignctl.errors import Location
from campaignctl.plan import humanise as human
from campaignctl.plan.model import Action, Kind, Plan, ResourceAction, Violation
from campaignctl.plan.normalise import as_int
from campaignctl.plan.state import DesiredState

Locate = Callable[[str, str | None], Location | None]
_SETS_BUDGET = (Action.CREATE, Action.REPLACE)
NOUN = {Kind.CAMPAIGN: "campaign", Kind.AD_SET: "ad set", Kind.AD: "ad"}
NOUN[Kind.ASSET] = "asset"


class MoneyLimit(Protocol):
    """A parsed money value (``manifest.money.Money``)."""

    @property
    def currency(self) -> str | None: ...

    @property
    def micros(self) -> int: ...


class PolicyRules(Protocol):
    """The parsed ``policy:`` block (``manifest.spec.project.Policy``)."""

    @property
    def max_daily_budget(self) -> MoneyLimit | None: ...

    @property
    def max_daily_budget_increase(self) -> MoneyLimit | None: ...

    @property
    def require_frequency_caps(self) -> bool: ...

    @property
    def protect(self) -> tuple[str, ...]: ...

    @property
    def naming(self) -> str | None: ...


def check_policy(
    plan: Plan,
    desired: DesiredState,
    policy: PolicyRules,
    *,
    locate: Locate | None = None,
) -> tuple[Violation, ...]:
    """Every violation of ``policy`` by ``plan``, in plan order."""
    check = _Checker(plan, desired, policy, locate or (lambda _a, _f: None))
    found = [
        *check.max_daily_budget(),
        *check.frequency_caps(),
        *check.protect(),
        *check.naming(),
        *check.daily_increase(),
    ]
    return tuple(found)


@dataclass(frozen=True)
class _Checker:
    plan: Plan
    desired: DesiredState
    policy: PolicyRules
    locate: Locate

    def max_daily_budget(self) -> Iterator[Violation]:
        limit = self.policy.max_daily_budget
        if limit is None:
            return
        for action in self._ad_sets():
            budget = _new_budget(action)
            if budget is None or budget.get("type") != "DAILY":
                continue
            amount = as_int(budget.get("micro_amount"))
            currency = self._currency(action)
            if not isinstance(amount, int):
                continue
            if limit.currency and limit.currency != currency:
                yield self._violation(
                    "max_daily_budget",
                    action,
                    f"the limit is in {limit.currency}, but this ad set bills in "
                    f"{currency}; campaignctl does not convert currencies",
                    "budget.micro_amount",
                )
            elif amount > limit.micros:
                shown = human.money(amount, currency)
                cap = human.money(limit.micros, currency)
                yield self._violation(
                    "max_daily_budget",
                    action,
                    f"daily budget {shown} is over the limit of {cap} per ad set",
                    "budget.micro_amount",
                )

    def daily_increase(self) -> Iterator[Violation]:
        limit = self.policy.max_daily_budget_increase
        if limit is None:
            return
        for currency, increase in sorted(self._increases().items()):
            if increase <= 0:
                continue
            if limit.currency and limit.currency != currency:
                yield Violation(
                    rule="max_daily_budget_increase",
                    address=None,
                    message=f"the limit is in {limit.currency}, but this plan raises "
                    f"{currency} daily budgets by {human.money(increase, currency)}; "
                    "campaignctl does not convert currencies",
                )
            elif increase > limit.micros:
                yield Violation(
                    rule="max_daily_budget_increase",
                    address=None,
                    message=f"this plan raises daily budgets ({currency}) by "
                    f"{human.money(increase, currency)} in total, over the limit of "
                    f"{human.money(limit.micros, currency)} per plan",
                )

    def frequency_caps(self) -> Iterator[Violation]:
        if not self.policy.require_frequency_caps:
            return
        bodies = {s.address: s.body for c in self.desired.campaigns for s in c.ad_sets}
        for action in self._ad_sets(updates=True):
            body = bodies.get(action.address)
            if body is not None and not body.get("frequency_caps"):
                yield self._violation(
                    "require_frequency_caps",
                    action,
                    "the manifest sets no frequency_caps (the API would use its "
                    "maximum, 5 per day, 35 per week, 50 per month)",
                )

    def protect(self) -> Iterator[Violation]:
        globs = self.policy.protect
        if not globs:
            return
        for action in self.plan.actions:
            how = _retirement(action)
            if how is None:
                continue
            glob = next((g for g in globs if _protected(action, g)), None)
            if glob is not None:
                yield self._violation(
                    "protect",
                    action,
                    f"{NOUN[action.kind]} {action.name!r} is protected ({glob!r}) "
                    f"and may not be {how}",
                )

    def naming(self) -> Iterator[Violation]:
        pattern = self.policy.naming
        if pattern is None:
            return
        regex = re.compile(pattern)
        for action in self.plan.actions:
            if action.kind is not Kind.CAMPAIGN or not _names(action):
                continue
            if not regex.search(action.name):
                yield self._violation(
                    "naming",
                    action,
                    f"campaign name {action.name!r} does not match {pattern!r}",
                    "name",
                )

    # -- helpers --------------------------------------------------------------
    def _ad_sets(self, *, updates: bool = False) -> Iterator[ResourceAction]:
        for action in self.plan.actions:
            if action.kind is not Kind.AD_SET:
                continue
            if action.action in _SETS_BUDGET or (
                action.action is Action.UPDATE and (updates or _rebudgets(action))
            ):
                yield action

    def _increases(self) -> dict[str, int]:
        """Currency → the sum of per-ad-set daily increases (delivering only)."""
        totals: dict[str, int] = defaultdict(int)
        for action in self.plan.actions:
            facts = action.spend
            if facts is None or action.kind is not Kind.AD_SET:
                continue
            before = sum(b.micro_amount for b in facts.before if b.type == "DAILY")
            after = sum(b.micro_amount for b in facts.after if b.type == "DAILY")
            totals[facts.currency] += max(0, after - before)
        return dict(totals)

    def _currency(self, action: ResourceAction) -> str:
        return self.plan.accounts.get(action.account_id, "")

    def _violation(
        self, rule: str, action: ResourceAction, message: str, field: str | None = None
    ) -> Violation:
        where = self.locate(action.address, field)
        return Violation(
            rule=rule,
            address=action.address,
            message=message,
            location=str(where) if where is not None else None,
        )


def _new_budget(action: ResourceAction) -> Any:
    budget = (action.body or {}).get("budget")
    return budget if isinstance(budget, dict) else None


def _rebudgets(action: ResourceAction) -> bool:
    return any(c.path.split(".", 1)[0] == "budget" for c in action.changes)


def _retirement(action: ResourceAction) -> str | None:
    if action.action is Action.DISABLE:
        return "switched off"
    if action.action is Action.REPLACE:
        return "replaced"
    if action.action is Action.ARCHIVE:
        return "archived"
    if action.action is Action.CREATE and action.reason == "parent replaced":
        return "switched off with its replaced parent"
    return None


def _protected(action: ResourceAction, glob: str) -> bool:
    name = action.name.casefold()
    return fnmatchcase(name, glob.casefold()) or fnmatchcase(action.address, glob)


def _names(action: ResourceAction) -> bool:
    """Whether the plan gives this campaign its name (create, replace, rename)."""
    if action.action in _SETS_BUDGET:
        return True
    return action.action is Action.UPDATE and any(
        c.path == "name" for c in action.changes
    )
