"""Declared budgets before and after a plan, per currency (for reviewers).

Counts the budgets of ad sets the plan manages that deliver (``delivery``
ON): live ones before, desired ones after. Switched-off and replaced ad sets
count before only; unmanaged ones on neither side.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from campaignctl.plan.model import SpendImpact
from campaignctl.plan.normalise import as_int


class SpendTally:
    """Adds up daily and lifetime budgets on both sides of a plan."""

    def __init__(self) -> None:
        self._sums = {"daily_before": 0, "daily_after": 0}
        self._sums |= {"lifetime_before": 0, "lifetime_after": 0}

    def before(self, ad_set: Mapping[str, Any] | None) -> None:
        self._add(ad_set, "before")

    def after(self, ad_set: Mapping[str, Any] | None) -> None:
        self._add(ad_set, "after")

    def impact(self) -> SpendImpact:
        return SpendImpact(**self._sums)

    def _add(self, ad_set: Mapping[str, Any] | None, side: str) -> None:
        if ad_set is None or ad_set.get("delivery", "ON") != "ON":
            return
        budget = ad_set.get("budget")
        if not isinstance(budget, Mapping):
            return
        amount = as_int(budget.get("micro_amount"))
        period = {"DAILY": "daily", "LIFETIME": "lifetime"}.get(str(budget.get("type")))
        if isinstance(amount, int) and period is not None:
            self._sums[f"{period}_{side}"] += amount


def merge_impacts(impacts: Mapping[str, list[SpendImpact]]) -> dict[str, SpendImpact]:
    """Currency → the sum of that currency's accounts' impacts."""
    merged: dict[str, SpendImpact] = {}
    for currency, items in sorted(impacts.items()):
        fields = ("daily_before", "daily_after", "lifetime_before", "lifetime_after")
        merged[currency] = SpendImpact(
            **{f: sum(getattr(i, f) for i in items) for f in fields}
        )
    return merged
