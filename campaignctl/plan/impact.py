"""Spend impact for reviewers: per-action budget facts and what they add up to.

``add_spend_facts`` records, on every action that changes what an ad set may
spend, the delivering budgets it takes away and adds, each with its flight and
*exposure* (what it can spend from planning time to the end of its flight).
Everything else here is derived from those facts, so a saved plan renders the
same figures without the API. Money is exact: integer micros throughout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from campaignctl.plan.model import (
    Action,
    FlightBudget,
    Kind,
    Plan,
    ResourceAction,
    SpendFacts,
    SpendImpact,
)
from campaignctl.plan.normalise import as_int, canonical_time
from campaignctl.plan.state import DesiredState, LiveState

DAY_SECONDS = 86_400
RISKY_INCREASE = (3, 2)  # after / before above 3/2: a budget up by more than 50 %
_CHANGING = (Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DISABLE)


def add_spend_facts(
    plan: Plan, desired: DesiredState, live: LiveState, *, now: datetime
) -> Plan:
    """``plan`` with ``spend`` facts on the actions that change budgets."""
    bodies = {s.address: s.body for c in desired.campaigns for s in c.ad_sets}
    ad_sets = {str(s.get("id")): s for a in live.accounts.values() for s in a.ad_sets}
    moment = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    facts = _FactFinder(plan, bodies, ad_sets, moment)
    return plan.model_copy(update={"actions": tuple(facts.of(a) for a in plan.actions)})


@dataclass(frozen=True)
class _FactFinder:
    plan: Plan
    bodies: Mapping[str, Mapping[str, Any]]
    live: Mapping[str, Mapping[str, Any]]
    now: datetime

    def of(self, action: ResourceAction) -> ResourceAction:
        before, after = self._sides(action)
        if not before and not after:
            return action
        currency = self.plan.accounts.get(action.account_id, "")
        facts = SpendFacts(currency=currency, before=before, after=after)
        return action.model_copy(update={"spend": facts})

    def _sides(
        self, action: ResourceAction
    ) -> tuple[tuple[FlightBudget, ...], tuple[FlightBudget, ...]]:
        if action.action not in _CHANGING:
            return (), ()
        if action.kind is Kind.CAMPAIGN and action.action is Action.REPLACE:
            children = (
                s
                for s in self.live.values()
                if str(s.get("campaign_id")) == action.remote_id
            )
            return self._budgets(children), ()
        if action.kind is not Kind.AD_SET:
            return (), ()
        old = self.live.get(str(action.remote_id)) if action.remote_id else None
        new = (
            None if action.action is Action.DISABLE else self.bodies.get(action.address)
        )
        return self._budgets([old]), self._budgets([new])

    def _budgets(
        self, ad_sets: Iterable[Mapping[str, Any] | None]
    ) -> tuple[FlightBudget, ...]:
        found = (flight_budget(s, now=self.now) for s in ad_sets if s is not None)
        return tuple(sorted((b for b in found if b), key=_budget_order))


def flight_budget(ad_set: Mapping[str, Any], *, now: datetime) -> FlightBudget | None:
    """The delivering budget of an API-shaped ad set, or None."""
    if ad_set.get("delivery", "ON") != "ON":
        return None
    budget = ad_set.get("budget")
    if not isinstance(budget, Mapping):
        return None
    amount = as_int(budget.get("micro_amount"))
    kind = str(budget.get("type"))
    if not isinstance(amount, int) or kind not in ("DAILY", "LIFETIME"):
        return None
    start, end = _time(ad_set.get("start_time")), _time(ad_set.get("end_time"))
    return FlightBudget(
        type=kind,
        micro_amount=amount,
        start_time=start,
        end_time=end,
        exposure=exposure(kind, amount, start, end, now=now),
    )


def exposure(
    kind: str, amount: int, start: str | None, end: str | None, *, now: datetime
) -> int | None:
    """Micros a budget can spend from ``now`` to the flight's end.

    Daily: amount times remaining flight days from max(now, start) to end, a
    partial day counting whole (it can spend a whole day's budget); None when
    the flight has no end. Lifetime: the amount as is.
    """
    if kind == "LIFETIME":
        return amount
    if end is None:
        return None
    begin = max(now, _moment(start)) if start else now
    seconds = int((_moment(end) - begin).total_seconds())
    return amount * max(0, -(-seconds // DAY_SECONDS))


def contribution(action: ResourceAction) -> SpendImpact:
    """What ``action`` adds to the plan's budget totals (before → after)."""
    if action.spend is None:
        return SpendImpact()
    before, after = action.spend.before, action.spend.after
    return SpendImpact(
        daily_before=_sum(before, "DAILY"),
        daily_after=_sum(after, "DAILY"),
        lifetime_before=_sum(before, "LIFETIME"),
        lifetime_after=_sum(after, "LIFETIME"),
    )


@dataclass(frozen=True)
class ExposureTotals:
    """Exposure of the ad sets a plan touches, in one currency (micros).

    Daily budgets without an end date have no exposure figure; they are
    counted apart (``open_*``: their daily budgets, summed).
    """

    before: int = 0
    after: int = 0
    ad_sets: int = 0  # ad set actions with budget facts
    open_ended: int = 0  # open-ended daily budgets after apply
    open_ended_daily: int = 0
    open_ended_daily_before: int = 0

    @property
    def delta(self) -> int:
        return self.after - self.before

    def plus(self, facts: SpendFacts, *, ad_set: bool) -> ExposureTotals:
        open_after = [b.micro_amount for b in facts.after if b.exposure is None]
        open_before = [b.micro_amount for b in facts.before if b.exposure is None]
        return ExposureTotals(
            before=self.before + sum(b.exposure or 0 for b in facts.before),
            after=self.after + sum(b.exposure or 0 for b in facts.after),
            ad_sets=self.ad_sets + ad_set,
            open_ended=self.open_ended + len(open_after),
            open_ended_daily=self.open_ended_daily + sum(open_after),
            open_ended_daily_before=self.open_ended_daily_before + sum(open_before),
        )


def exposure_totals(plan: Plan) -> dict[str, ExposureTotals]:
    """Currency → exposure before and after, over the actions with facts."""
    totals: dict[str, ExposureTotals] = {}
    for action in plan.actions:
        facts = action.spend
        if facts is None or action.action is Action.NOOP:
            continue
        was = totals.get(facts.currency, ExposureTotals())
        totals[facts.currency] = was.plus(facts, ad_set=action.kind is Kind.AD_SET)
    return dict(sorted(totals.items()))


@dataclass(frozen=True)
class BudgetJump:
    """An update (or replace) that raises a budget by more than 50 %."""

    action: ResourceAction
    before: Any  # the API budget objects, for humanised rendering
    after: Any
    percent: str  # "66.7"


def budget_jumps(plan: Plan) -> list[BudgetJump]:
    """Updates and replaces raising an ad set's budget by more than half."""
    jumps = []
    for action in plan.actions:
        if action.kind is not Kind.AD_SET:
            continue
        if action.action not in (Action.UPDATE, Action.REPLACE):
            continue
        jump = _jump(action)
        if jump is not None:
            jumps.append(jump)
    return jumps


def _jump(action: ResourceAction) -> BudgetJump | None:
    before, after = budget_sides(action)
    old = as_int(before.get("micro_amount")) if isinstance(before, dict) else None
    new = as_int(after.get("micro_amount")) if isinstance(after, dict) else None
    if not isinstance(old, int) or not isinstance(new, int) or old <= 0:
        return None
    if before.get("type") != after.get("type"):
        return None
    num, den = RISKY_INCREASE
    if new * den <= old * num:
        return None
    tenths = (new - old) * 1000 // old  # per mille, rounded down
    return BudgetJump(action, before, after, f"{tenths // 10}.{tenths % 10}")


def budget_sides(action: ResourceAction) -> tuple[Any, Any]:
    """The whole budget before and after an update (from its changes/body)."""
    by_path = {c.path: c for c in action.changes}
    if "budget" in by_path:
        return by_path["budget"].before, by_path["budget"].after
    body = (action.body or {}).get("budget")
    after = dict(body) if isinstance(body, dict) else {}
    before = dict(after)
    for field in ("micro_amount", "type"):
        change = by_path.get(f"budget.{field}")
        if change is not None:
            before[field], after[field] = change.before, change.after
    if before == after:
        return None, None
    return before, after


def _sum(budgets: Iterable[FlightBudget], kind: str) -> int:
    return sum(b.micro_amount for b in budgets if b.type == kind)


def _budget_order(budget: FlightBudget) -> tuple[str, int, str, str]:
    return (
        budget.type,
        budget.micro_amount,
        budget.start_time or "",
        budget.end_time or "",
    )


def _time(value: Any) -> str | None:
    return canonical_time(value) if isinstance(value, str) else None


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
