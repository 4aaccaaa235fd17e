"""Plans as `campaignctl plan` makes them for review: spend facts, drift, policy.

Built from the planner's own builders, then enriched the way the plan command
does it (``add_spend_facts``, ``attribute_changes``, ``select_actions``,
``check_policy``), so the renderers' golden files show every review section.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from campaignctl.frozen import Frozen
from campaignctl.manifest.money import Money
from campaignctl.plan.attribution import attribute_changes
from campaignctl.plan.impact import add_spend_facts
from campaignctl.plan.model import Plan
from campaignctl.plan.planner import build_plan
from campaignctl.plan.policy import check_policy
from campaignctl.plan.select import select_actions
from campaignctl.plan.state import DesiredAdSet, DesiredState, LiveState

from .builders import (
    NOW,
    Live,
    ad,
    ad_set,
    campaign,
    converged,
    desired_state,
    standard,
)
from .echo import echo_ad_set, remote_id

SANDBOX_CLIENT = "sandbox-client"
JANE = {
    "principal_id": "jane-principal",
    "principal_type": "USER",
    "name": "Jane Doe",
    "email": "jane@example.com",
    "category": "ADVERTISER_USER",
}
OURS = {
    "principal_id": SANDBOX_CLIENT,
    "principal_type": "SERVICE",
    "name": SANDBOX_CLIENT,
    "email": None,
    "category": "API_INTEGRATION",
}


class Rules(Frozen):
    """A policy block like ``manifest.spec.project.Policy``."""

    max_daily_budget: Any = None
    max_daily_budget_increase: Any = None
    require_frequency_caps: bool = False
    protect: tuple[str, ...] = ()
    naming: str | None = None


def usd(units: str) -> Money:
    return Money(Decimal(units), "USD")


def without(item: DesiredAdSet, *keys: str) -> DesiredAdSet:
    """An ad set whose manifest leaves ``keys`` out."""
    body = {k: v for k, v in item.body.items() if k not in keys}
    return item.model_copy(update={"body": body})


def reviewed(desired: DesiredState, live: LiveState) -> Plan:
    """Plan + spend facts, as the plan command makes them."""
    plan = build_plan(desired, live, now=NOW)
    return add_spend_facts(plan, desired, live, now=NOW)


def row(
    entity: str, field: str, before: Any, after: Any, *, actor: dict[str, Any], at: str
) -> dict[str, Any]:
    """One change-history row with one field change, as the sandbox writes it."""
    wrap = (lambda v: v) if isinstance(after, dict) else (lambda v: {"value": v})
    return {
        "change_id": remote_id("change", entity, field, at),
        "timestamp": at,
        "entity_type": "AD_SET",
        "entity_id": entity,
        "entity_name": "x",
        "operation": "CHANGED",
        "actor": actor,
        "changes": [
            {
                "field_type": field,
                "display_label": field,
                "change_category": "BUDGET",
                "before": wrap(before),
                "after": wrap(after),
            }
        ],
    }


def create() -> Plan:
    """An empty account: everything is created."""
    return reviewed(desired_state(standard()), Live().state())


def drift() -> Plan:
    """Jane raised the budget in the UI; the manifest moved the bid."""
    desired = desired_state(standard())
    live = converged(desired)
    rock = live.find("US Rock Fans")
    rock["budget"]["micro_amount"] = 200_000_000
    rock["bid_micro_amount"] = 10_000_000
    rock["targets"]["genre_ids"] = ["rock", "blues", "jazz"]
    plan = reviewed(desired, live.state())
    entity = rock["id"]
    budget = {"micro_amount": 150_000_000, "type": "DAILY", "currency": "USD"}
    rows = [
        row(
            entity,
            "budget",
            budget,
            budget | {"micro_amount": 200_000_000},
            actor=JANE,
            at="2030-01-18T14:02:00Z",
        ),
        row(
            entity,
            "bidAmount",
            12_000_000,
            10_000_000,
            actor=OURS,
            at="2030-01-19T09:00:00Z",
        ),
        row(
            entity,
            "targets",
            {"genre_ids": ["rock", "blues"]},
            {"genre_ids": ["rock", "jazz", "blues"]},
            actor=JANE | {"email": None},
            at="2030-01-19T10:30:00Z",
        ),
    ]
    return attribute_changes(plan, rows, own_principal=SANDBOX_CLIENT)


def replace() -> Plan:
    """A create-only field changed: the ad set is replaced, its ads re-created."""
    live = converged(desired_state(standard()))
    auto = campaign(
        ad_sets=(
            ad_set(
                bid_strategy="AUTOBID",
                bid_micro_amount=None,
                budget={"micro_amount": 300_000_000, "type": "DAILY"},
                ads=standard().ad_sets[0].ads,
            ),
        )
    )
    return reviewed(desired_state(auto), live.state())


def disable() -> Plan:
    """A pruning campaign switches off an ad set it no longer names."""
    desired = desired_state(standard())
    live = converged(desired)
    live.ad_sets.append(
        echo_ad_set(
            without(ad_set("UK Podcast Fans"), "end_time").body,
            object_id=remote_id("UK Podcast Fans"),
            campaign_id=remote_id("summer-launch-2030"),
            objective="REACH",
        )
    )
    pruning = standard().model_copy(update={"prune": True})
    return reviewed(desired_state(pruning), live.state())


def blocked() -> Plan:
    """Selected with --only, pulling in its parent; three policies broken."""
    name = "brand | <b>Summer</b> *2031*"
    desired = desired_state(
        campaign(
            name,
            ad_sets=(
                without(
                    ad_set(
                        "US Rock Fans",
                        budget={"micro_amount": 900_000_000, "type": "DAILY"},
                        ads=(ad("Spot A"),),
                    ),
                    "frequency_caps",
                    "end_time",
                ),
                ad_set("DE Pop Fans"),
            ),
        )
    )
    plan = reviewed(desired, Live().state())
    plan = select_actions(plan, only=("*/us-rock-fans",), exclude=("asset:logo-*",))
    rules = Rules(
        max_daily_budget=usd("500"),
        max_daily_budget_increase=usd("600"),
        require_frequency_caps=True,
        naming=r"^[A-Z]",
    )
    violations = check_policy(plan, desired, rules)
    return plan.model_copy(update={"violations": violations})


def no_changes() -> Plan:
    desired = desired_state(standard())
    return reviewed(desired, converged(desired).state())


REVIEW_SCENARIOS: dict[str, Callable[[], Plan]] = {
    "create": create,
    "drift": drift,
    "replace": replace,
    "disable": disable,
    "blocked": blocked,
    "no-changes": no_changes,
}
