"""Review sections of the text plan: policy, selection, unchanged objects, drift.

Pure string builders for ``render_text`` (and the drift sentence the markdown
renderer shares).
"""

from __future__ import annotations

from typing import Any

from campaignctl.output import Style, paint
from campaignctl.plan import humanise as human
from campaignctl.plan.attribution import reverts
from campaignctl.plan.model import Action, FieldChange, Plan, Selection

MONEY_LEAVES = frozenset({"micro_amount", "bid_micro_amount", "base_rate_micro_amount"})


def violations(plan: Plan, color: bool) -> list[str]:
    """``Policy violations (apply is blocked):`` and one line per violation."""
    if not plan.violations:
        return []
    head = paint(
        "Policy violations (apply is blocked):", Style.RED, Style.BOLD, enabled=color
    )
    lines = [head]
    for v in plan.violations:
        where = f"{v.address}: " if v.address else ""
        at = f" ({v.location})" if v.location else ""
        lines.append(f"  - [{v.rule}] {where}{v.message}{at}")
    return [*lines, ""]


def selection(plan: Plan, verbose: bool) -> list[str]:
    """What ``--only`` / ``--except`` left out and pulled in."""
    chosen = plan.selection
    if chosen is None:
        return []
    lines = [f"{selectors(chosen)}: {selection_counts(chosen)}."]
    if verbose:
        lines += [f"  left out: {a}" for a in chosen.left_out]
        lines += [f"  pulled in: {a}" for a in chosen.pulled_in]
    elif chosen.left_out or chosen.pulled_in:
        lines.append("  (-v lists them)")
    return [*lines, ""]


def selectors(chosen: Selection) -> str:
    """``Selected with --only 'a' --except 'b'``."""
    flags = [f"--only {p!r}" for p in chosen.only]
    flags += [f"--except {p!r}" for p in chosen.exclude]
    return "Selected with " + " ".join(flags)


def selection_counts(chosen: Selection) -> str:
    left = human.plural(len(chosen.left_out), "change")
    pulled = human.plural(len(chosen.pulled_in), "change")
    return f"{left} left out, {pulled} pulled in as dependencies"


def unchanged(plan: Plan) -> list[str]:
    """Objects the plan leaves as they are (shown with -v)."""
    same = sorted(a.address for a in plan.actions if a.action is Action.NOOP)
    if not same:
        return []
    return [f"Unchanged objects ({len(same)}):", *(f"  {a}" for a in same), ""]


def drift_sentence(change: FieldChange, currency: str | None) -> str:
    """``live change by jane@… on 2030-01-01 00:05 UTC: $150.00/day → $200.00/day;
    this plan reverts it``."""
    when = human.moment(change.changed_at) if change.changed_at else "an unknown time"
    was = value_text(change.path, change.changed_from, currency)
    now = value_text(change.path, change.before, currency)
    verb = "reverts" if reverts(change) else "overwrites"
    return (
        f"live change by {change.changed_by or 'someone'} on {when}: "
        f"{was} → {now}; this plan {verb} it"
    )


def value_text(path: str, value: Any, currency: str | None) -> str:
    """One field value as people read it (money, budgets, times, caps, sets)."""
    leaf = path.rsplit(".", 1)[-1]
    if path == "budget":
        return human.budget(value, currency)
    if leaf in MONEY_LEAVES and isinstance(value, int):
        return human.money(value, currency)
    if leaf in ("start_time", "end_time"):
        return human.moment(value)
    if path == "frequency_caps":
        return human.frequency_caps(value)
    if path == "targets.age_ranges":
        return human.age_ranges(value)
    if isinstance(value, list) and all(not isinstance(x, dict | list) for x in value):
        return human.items(sorted(value, key=str))
    return human.show(value)
