"""desired state + live snapshot → Plan (pure: no I/O, no clock but ``now``).

Walks each ad account top-down: assets by content, campaigns by name (or
``id:`` pin) in the account, ad sets by name under their campaign, ads by name
under their ad set. Everything the planner cannot reconcile is collected and
raised once as a ``PlanError`` listing every problem.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from campaignctl.errors import PlanError
from campaignctl.plan import checks
from campaignctl.plan.address import child_address
from campaignctl.plan.assets import AssetIndex
from campaignctl.plan.checks import NOUN
from campaignctl.plan.match import is_replaced_leftover, match_children
from campaignctl.plan.model import Action, FieldChange, Kind, Plan, ResourceAction
from campaignctl.plan.order import order_actions
from campaignctl.plan.resource import (
    MissingAssetError,
    Parent,
    Target,
    plan_create,
    plan_existing,
)
from campaignctl.plan.spend import SpendTally, merge_impacts
from campaignctl.plan.state import (
    DesiredAd,
    DesiredAdSet,
    DesiredCampaign,
    DesiredState,
    LiveAccount,
    LiveState,
)

LiveObject = Mapping[str, Any]


def build_plan(desired: DesiredState, live: LiveState, *, now: datetime) -> Plan:
    """Everything apply must do so that live state matches ``desired``."""
    errors = checks.duplicate_addresses(desired)
    planners = []
    for account_id in _account_ids(desired):
        account = live.accounts.get(account_id)
        if account is None:
            errors.append(checks.missing_account(account_id))
            continue
        planner = AccountPlanner(desired, account, now=_aware(now))
        planner.plan([c for c in desired.campaigns if c.account_id == account_id])
        planners.append(planner)
        errors.extend(planner.errors)
    if errors:
        raise PlanError(
            "The plan cannot be made:\n" + "\n".join(f"  - {e}" for e in errors),
            hint="fix the manifests (or pin objects with `id:`) and plan again",
        )
    return _assemble(planners)


def _assemble(planners: Sequence[AccountPlanner]) -> Plan:
    impacts: dict[str, list[Any]] = defaultdict(list)
    for p in planners:
        impacts[p.account.currency].append(p.spend.impact())
    return Plan(
        accounts={p.account.id: p.account.currency for p in planners},
        spend=merge_impacts(impacts),
        actions=order_actions(a for p in planners for a in p.actions),
        unmanaged=tuple(sorted(u for p in planners for u in p.unmanaged)),
        warnings=tuple(w for p in planners for w in p.warnings),
    )


class AccountPlanner:
    """Plans one ad account; collects actions, unmanaged objects and errors."""

    def __init__(self, desired: DesiredState, account: LiveAccount, *, now: datetime):
        self.account = account
        self.now = now
        mine = [a for a in desired.assets if a.account_id == account.id]
        self.assets = AssetIndex(mine, account.assets)
        self.by_id = {
            Kind.CAMPAIGN: {str(c.get("id")): c for c in account.campaigns},
            Kind.AD_SET: {str(s.get("id")): s for s in account.ad_sets},
            Kind.AD: {str(a.get("id")): a for a in account.ads},
        }
        self.children: dict[tuple[Kind, str], list[LiveObject]] = defaultdict(list)
        for ad_set in account.ad_sets:
            self.children[Kind.AD_SET, str(ad_set.get("campaign_id"))].append(ad_set)
        for ad in account.ads:
            self.children[Kind.AD, str(ad.get("ad_set_id"))].append(ad)
        self.actions: list[ResourceAction] = []
        self.unmanaged: list[str] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.spend = SpendTally()

    def plan(self, campaigns: Sequence[DesiredCampaign]) -> None:
        self.actions.extend(self.assets.actions())
        matches = match_children(
            campaigns,
            list(self.account.campaigns),
            noun="campaign",
            where=f"in ad account {self.account.id}",
            pinnable=self.by_id[Kind.CAMPAIGN],
        )
        self.errors.extend(matches.errors)
        for campaign, live in matches.pairs:
            self._campaign(campaign, live)

    # -- one object per kind ---------------------------------------------------
    def _campaign(self, campaign: DesiredCampaign, live: LiveObject | None) -> None:
        action = self._decide(Kind.CAMPAIGN, campaign, live, None)
        if action is None:
            return
        if live is not None and action.action is Action.REPLACE:
            for old in self.children[Kind.AD_SET, str(live.get("id"))]:
                self.spend.before(old)  # the old campaign is switched off
        objective = campaign.body.get("objective")
        parent = _parent_of(action, prune=campaign.prune, objective=objective)
        self._children(Kind.AD_SET, campaign.ad_sets, parent, campaign.name)

    def _ad_set(
        self, ad_set: DesiredAdSet, live: LiveObject | None, up: Parent
    ) -> None:
        problem = checks.wrong_currency(ad_set, self.account)
        if problem:
            self.errors.append(problem)
        action = self._decide(Kind.AD_SET, ad_set, live, up)
        if action is None:
            return
        self.spend.before(live)
        self.spend.after(ad_set.body)
        self.warnings += checks.risky_update(action, live, now=self.now)
        parent = _parent_of(action, prune=up.prune, objective=up.objective)
        self._children(Kind.AD, ad_set.ads, parent, ad_set.name)

    def _ad(self, ad: DesiredAd, live: LiveObject | None, up: Parent) -> None:
        self._decide(Kind.AD, ad, live, up)

    # -- shared steps ------------------------------------------------------------
    def _decide(
        self, kind: Kind, desired: Any, live: LiveObject | None, up: Parent | None
    ) -> ResourceAction | None:
        target = Target(kind, desired, self.account.id, up, self.assets)
        try:
            if live is None:
                reason = "parent replaced" if up and up.replaced else None
                action = plan_create(target, reason=reason)
            else:
                action = plan_existing(target, live)
        except MissingAssetError as missing:
            self.errors.append(checks.missing_asset(desired, missing.digest))
            return None
        problem = checks.start_too_soon(
            action, desired.body.get("start_time"), now=self.now
        )
        if problem:
            self.errors.append(problem)
        self.actions.append(action)
        return action

    def _children(
        self, kind: Kind, desired: Sequence[Any], up: Parent, up_name: str
    ) -> None:
        plan_one = self._ad_set if kind is Kind.AD_SET else self._ad
        if up.fresh is not None:
            for child in desired:
                if child.id is not None:
                    problem = checks.pin_under_new_parent(
                        kind, child, up.address, up.fresh
                    )
                    self.errors.append(problem)
                plan_one(child, None, up)
            return
        up_noun = NOUN[Kind.CAMPAIGN if kind is Kind.AD_SET else Kind.AD_SET]
        matches = match_children(
            desired,
            self.children[kind, str(up.remote_id)],
            noun=NOUN[kind],
            where=f"under {up_noun} {up_name!r}",
            pinnable=self.by_id[kind],
        )
        self.errors.extend(matches.errors)
        for child, live in matches.pairs:
            plan_one(child, live, up)
        taken = {child.address for child in desired}
        self._leftovers(kind, matches.unmatched, up, taken)

    def _leftovers(
        self, kind: Kind, live: Sequence[LiveObject], up: Parent, taken: set[str]
    ) -> None:
        """Live children no manifest names: switch off, or report as unmanaged."""
        addresses = _live_addresses(live, up.address, taken)
        for obj, address in zip(live, addresses, strict=True):
            delivering = obj.get("delivery", "ON") == "ON"
            if is_replaced_leftover(str(obj.get("name", ""))):
                reason = "left over from an interrupted replace"
            elif up.prune:
                reason = "not in manifests; campaign prunes"
            else:
                self.unmanaged.append(address)
                continue
            if delivering:
                action = _disable(kind, obj, address, up, reason, self.account.id)
                self.actions.append(action)
                if kind is Kind.AD_SET:
                    self.spend.before(obj)


def _parent_of(action: ResourceAction, *, prune: bool, objective: Any) -> Parent:
    fresh = action.action if action.action in (Action.CREATE, Action.REPLACE) else None
    return Parent(
        address=action.address,
        remote_id=None if fresh else action.remote_id,
        fresh=fresh,
        replaced=fresh is Action.REPLACE or action.reason == "parent replaced",
        prune=prune,
        objective=objective if isinstance(objective, str) else None,
    )


def _disable(
    kind: Kind,
    obj: LiveObject,
    address: str,
    up: Parent,
    reason: str,
    account_id: str,
) -> ResourceAction:
    return ResourceAction(
        address=address,
        kind=kind,
        action=Action.DISABLE,
        account_id=account_id,
        name=str(obj.get("name", "")),
        remote_id=str(obj.get("id")),
        parent=up.address,
        changes=(FieldChange(path="delivery", before="ON", after="OFF"),),
        reason=reason,
        updated_at=obj.get("updated_at"),
    )


def _live_addresses(
    live: Sequence[LiveObject], parent: str, taken: set[str]
) -> list[str]:
    """Addresses for live-only children; clashing ones get ``@<id>``."""
    plain = [child_address(parent, str(obj.get("name", ""))) for obj in live]
    counts = Counter(plain)
    clashing = {a for a in plain if a in taken or counts[a] > 1}
    return [
        f"{a}@{obj.get('id')}" if a in clashing else a
        for a, obj in zip(plain, live, strict=True)
    ]


def _account_ids(desired: DesiredState) -> list[str]:
    return sorted(
        {c.account_id for c in desired.campaigns}
        | {a.account_id for a in desired.assets}
    )


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)
