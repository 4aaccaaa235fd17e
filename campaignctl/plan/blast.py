"""Blast radius of rollouts: what a plan does to each templated rollout.

Pure: ``blast_radius(plan, origins)`` attributes every changing action to
the rollout (and values row) its object was rendered from. ``origins`` is
``Workspace.origins`` (address → ``RolloutOrigin``). Objects no manifest
names any more (switched off because a row left the values file) are
attributed through their parent: an ad set under a rollout's campaign whose
row is gone counts as a removed row. Spend figures add up the per-action
budget facts of the plan (``ResourceAction.spend``), per currency.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from campaignctl.output import Style, paint
from campaignctl.plan import humanise as human
from campaignctl.plan import markdown_blocks as md
from campaignctl.plan.impact import contribution
from campaignctl.plan.model import (
    KIND_ORDER,
    Action,
    Kind,
    Plan,
    ResourceAction,
    RolloutImpact,
    SpendImpact,
)
from campaignctl.plan.origins import RolloutOrigin

__all__ = [
    "RolloutImpact",
    "RolloutOrigin",
    "blast_radius",
    "render_blast_markdown",
    "render_blast_text",
]
MARKDOWN_CAP = 25  # rollouts listed in a PR comment

CHANGING = (
    Action.CREATE,
    Action.UPDATE,
    Action.REPLACE,
    Action.DISABLE,
    Action.ARCHIVE,
)
NOUNS = {
    Kind.CAMPAIGN: ("campaign", "campaigns"),
    Kind.AD_SET: ("ad set", "ad sets"),
    Kind.AD: ("ad", "ads"),
    Kind.ASSET: ("asset", "assets"),
}


def blast_radius(
    plan: Plan, origins: Mapping[str, RolloutOrigin]
) -> tuple[RolloutImpact, ...]:
    """Per rollout (sorted by name): objects, rows and budgets the plan changes.

    Rollouts the plan does not touch are left out.
    """
    tallies: dict[tuple[str, str], _Tally] = {}
    for origin in origins.values():
        tally = tallies.setdefault((origin.rollout, origin.file), _Tally())
        if origin.row is not None:
            tally.all_rows.add(origin.row)
    for action in plan.actions:
        if action.action not in CHANGING:
            continue
        found = _attributed(action, origins)
        if found is not None:
            origin, removed = found
            tallies[origin.rollout, origin.file].add(action, origin, removed=removed)
    return tuple(
        tally.impact(name, file)
        for (name, file), tally in sorted(tallies.items())
        if tally.touched
    )


def _attributed(
    action: ResourceAction, origins: Mapping[str, RolloutOrigin]
) -> tuple[RolloutOrigin, bool] | None:
    """The origin of an action's object, and whether its row was removed."""
    own = origins.get(action.address)
    if own is not None:
        return own, False
    parent = origins.get(action.parent) if action.parent else None
    if parent is None:
        return None
    return parent, parent.row is None


@dataclass
class _Tally:
    all_rows: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    removed: int = 0
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    spend: dict[str, list[SpendImpact]] = field(
        default_factory=lambda: defaultdict(list)
    )
    touched: bool = False

    def add(
        self, action: ResourceAction, origin: RolloutOrigin, *, removed: bool
    ) -> None:
        self.touched = True
        self.counts[action.action.value][action.kind.value] += 1
        if removed and action.kind is Kind.AD_SET:
            self.removed += 1
        elif origin.row is not None:
            self.changed.add(origin.row)
        if action.spend is not None:
            self.spend[action.spend.currency].append(contribution(action))

    def impact(self, name: str, file: str) -> RolloutImpact:
        return RolloutImpact(
            rollout=name,
            file=file,
            rows=len(self.all_rows),
            rows_changed=tuple(sorted(self.changed)),
            rows_removed=self.removed,
            actions={
                action: dict(sorted(kinds.items(), key=_kind_order))
                for action, kinds in sorted(self.counts.items(), key=_action_order)
            },
            spend={c: _summed(items) for c, items in sorted(self.spend.items())},
        )


def _action_order(item: tuple[str, object]) -> int:
    return [a.value for a in CHANGING].index(item[0])


def _kind_order(item: tuple[str, object]) -> int:
    return [k.value for k in KIND_ORDER].index(item[0])


def _summed(items: Sequence[SpendImpact]) -> SpendImpact:
    return SpendImpact(
        daily_before=sum(i.daily_before for i in items),
        daily_after=sum(i.daily_after for i in items),
        lifetime_before=sum(i.lifetime_before for i in items),
        lifetime_after=sum(i.lifetime_after for i in items),
    )


# -- text ----------------------------------------------------------------------
def render_blast_text(impacts: Sequence[RolloutImpact], color: bool) -> str:
    """The blast radius section of a text plan ('' when no rollout is touched)."""
    if not impacts:
        return ""
    lines = [paint("Blast radius of rollouts:", Style.BOLD, enabled=color)]
    for impact in impacts:
        lines += ["", f"  {impact.rollout} ({impact.file})"]
        lines.append(f"      {_rows(impact)}")
        lines.append(f"      {_objects(impact)}")
        lines += [f"      {line}" for line in _budgets(impact)]
    return human.join_lines(lines)


def render_blast_markdown(impacts: Sequence[RolloutImpact]) -> list[str]:
    """The blast radius section of the PR comment (nothing when untouched)."""
    if not impacts:
        return []
    items = []
    for impact in impacts[:MARKDOWN_CAP]:
        facts = [_rows(impact), _objects(impact), *_budgets(impact)]
        name = f"**{md.esc(impact.rollout)}** ({md.code(impact.file)})"
        items.append(f"- {name}: " + "; ".join(md.esc(fact) for fact in facts))
    if len(impacts) > MARKDOWN_CAP:
        items.append(f"- … {len(impacts) - MARKDOWN_CAP} more rollouts")
    return ["#### Blast radius of rollouts", "\n".join(items)]


def _rows(impact: RolloutImpact) -> str:
    parts = [
        f"{len(impact.rows_changed)} of {human.plural(impact.rows, 'row')} changed"
    ]
    if impact.rows_changed:
        shown = ", ".join(impact.rows_changed[:8])
        more = len(impact.rows_changed) - 8
        parts[0] += f" ({shown}{f' and {more} more' if more > 0 else ''})"
    if impact.rows_removed:
        parts.append(f"{human.plural(impact.rows_removed, 'row')} removed")
    return ", ".join(parts)


def _objects(impact: RolloutImpact) -> str:
    parts = []
    for action, kinds in impact.actions.items():
        what = ", ".join(
            f"{n} {NOUNS[Kind(kind)][0 if n == 1 else 1]}" for kind, n in kinds.items()
        )
        parts.append(f"{sum(kinds.values())} to {action} ({what})")
    return f"{human.plural(impact.objects, 'object')}: " + "; ".join(parts)


def _budgets(impact: RolloutImpact) -> list[str]:
    lines = []
    for currency, spend in impact.spend.items():
        for label, before, delta in (
            ("daily budgets", spend.daily_before, spend.daily_delta),
            ("lifetime budgets", spend.lifetime_before, spend.lifetime_delta),
        ):
            if delta:
                after = before + delta
                lines.append(
                    f"{label} ({currency}): {human.money(before, currency)} → "
                    f"{human.money(after, currency)} "
                    f"({human.signed_money(delta, currency)})"
                )
    return lines
