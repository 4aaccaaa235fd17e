"""The plan as a pull-request comment (GitHub markdown), summary first.

Order: counts per action and kind; policy violations; spend impact per
currency (daily and lifetime budgets, exposure through flight ends); risky
changes; live changes made outside campaignctl that the plan overwrites;
selection; then one collapsible ``<details>`` section per campaign with
field-level before → after tables (changes from the manifests), assets,
unmanaged objects and warnings.

Pure and deterministic: the same plan always renders to the same bytes (no
timestamps, stable order). The result is always shorter than ``limit``
(65,000 characters; GitHub refuses comments over 65,536): a larger plan is
summarised per campaign (counts and spend) with as many object tables as fit,
and the comment says exactly what it left out. The JSON plan keeps everything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from campaignctl.plan import humanise as human
from campaignctl.plan import markdown_blocks as md
from campaignctl.plan.impact import contribution
from campaignctl.plan.markdown_summary import (
    MARKER,
    capped,
    folded,
    more,
    summary_sections,
)
from campaignctl.plan.model import (
    KIND_ORDER,
    Action,
    Kind,
    Origin,
    Plan,
    ResourceAction,
)
from campaignctl.plan.render_remote import remote_markdown

__all__ = ["MARKER", "MAX_CHARS", "render_markdown"]

MAX_CHARS = 65_000
CAMPAIGN_ROWS_CAP = 200


def render_markdown(plan: Plan, *, limit: int = MAX_CHARS) -> str:
    """The comment; shorter than ``limit`` characters whatever the plan's size."""
    head = [*summary_sections(plan), *remote_markdown(plan)]
    groups = _groups(plan)
    full = _join([*head, *_details(plan, groups)])
    if len(full) < limit:
        return full
    return _compact(plan, head, groups, limit)


# -- details -------------------------------------------------------------------
@dataclass(frozen=True)
class _Group:
    """One campaign's actions (or the assets), in display order."""

    key: str  # campaign address, or "" for assets
    name: str
    actions: tuple[ResourceAction, ...]


def _groups(plan: Plan) -> list[_Group]:
    by_key: dict[str, list[ResourceAction]] = defaultdict(list)
    names: dict[str, str] = {}
    for action in plan.actions:
        key = md.campaign_of(action) or ""
        if action.action is not Action.NOOP:
            by_key[key].append(action)
        if action.kind is Kind.CAMPAIGN:
            names[key] = action.name
    groups = []
    for key in sorted(by_key, key=lambda k: (k != "", k)):
        actions = tuple(sorted(by_key[key], key=lambda a: (a.address, a.action.value)))
        groups.append(
            _Group(key, "Assets" if not key else names.get(key, key), actions)
        )
    return groups


def _details(plan: Plan, groups: Sequence[_Group]) -> list[str]:
    sections = [_campaign_section(plan, g, g.actions) for g in groups]
    sections = [s for s in sections if s]
    parts = ["#### Changes from your manifests", *sections] if sections else []
    return parts + _tail(plan)


def _campaign_section(
    plan: Plan, group: _Group, shown: Sequence[ResourceAction], note: str = ""
) -> str:
    blocks = [
        md.object_block(a.only(Origin.MANIFEST), plan.accounts.get(a.account_id))
        for a in shown
        if _shows(a)
    ]
    if not blocks and not note:
        return ""
    body = "\n\n".join([*blocks, note] if note else blocks)
    return folded(_group_summary(plan, group), body)


def _shows(action: ResourceAction) -> bool:
    """Objects whose changes are all drift appear only in the drift table."""
    return not action.changes or not all(c.is_drift for c in action.changes)


def _group_summary(plan: Plan, group: _Group) -> str:
    label = f"<b>{md.esc(group.name)}</b>"
    if group.key:
        label += f" <code>{md.esc(group.key)}</code>"
    counts: dict[Action, int] = defaultdict(int)
    for action in group.actions:
        counts[action.action] += 1
    text = ", ".join(
        f"{n:,} to {a.value}" for a, n in sorted(counts.items(), key=_by_verb)
    )
    return f"{label} — {text}{_group_spend(plan, group)}"


def _by_verb(item: tuple[Action, int]) -> int:
    return list(Action).index(item[0])


def _group_spend(plan: Plan, group: _Group) -> str:
    daily: dict[str, int] = defaultdict(int)
    for action in group.actions:
        if action.spend is not None:
            daily[action.spend.currency] += contribution(action).daily_delta
    parts = [f"{human.signed_money(d, c)}/day" for c, d in sorted(daily.items()) if d]
    return " · " + ", ".join(parts) if parts else ""


def _tail(plan: Plan) -> list[str]:
    parts = []
    if plan.unmanaged:
        items = [f"- {md.code(a)}" for a in plan.unmanaged]
        title = (
            f"Unmanaged objects under managed campaigns, left alone ({len(items):,})"
        )
        parts.append(folded(title, capped(items)))
    if plan.warnings:
        items = [f"- {md.esc(w)}" for w in plan.warnings]
        parts += [f"#### Warnings ({len(items):,})", capped(items)]
    return parts


# -- when the plan is too large ---------------------------------------------------
def _compact(plan: Plan, head: list[str], groups: Sequence[_Group], limit: int) -> str:
    """Per-campaign table, then object tables while they fit, then what was cut."""
    tail = _tail(plan)
    budget = limit - len(_join([*head, *tail])) - RESERVE
    table = _campaign_table(plan, groups, budget // 3)
    room = budget - len(table)
    while True:
        sections, hidden = _fill(plan, groups, room)
        parts = [*head, "#### Changes per campaign", table]
        if sections:
            parts += ["#### Changes from your manifests (as many as fit)", *sections]
        text = _join([*parts, _cut_note(hidden), *tail])
        if len(text) < limit or room <= 0:
            break
        room -= len(text) - limit + RESERVE  # only if estimates were short
    if len(text) >= limit:  # absurdly long names: the verdict and counts only
        text = _join([*head[:4], _cut_note(hidden)])
    return text


RESERVE = 600  # the "not shown" note and separators


def _campaign_table(plan: Plan, groups: Sequence[_Group], budget: int) -> str:
    head = ["campaign", "create", "update", "replace", "disable", "daily budgets"]
    rows: list[list[str]] = []
    used = 0
    for group in groups[:CAMPAIGN_ROWS_CAP]:
        row = _campaign_row(plan, group)
        used += sum(len(c) + 3 for c in row) + 2
        if used > budget:
            break
        rows.append(row)
    text = md.table(head, rows, right=5)
    if len(rows) < len(groups):
        text += "\n\n" + more(len(groups) - len(rows), "campaign")
    return text


def _campaign_row(plan: Plan, group: _Group) -> list[str]:
    counts: dict[Action, int] = defaultdict(int)
    for action in group.actions:
        counts[action.action] += 1
    label = md.esc(group.name) + (f" {md.code(group.key)}" if group.key else "")
    verbs = (Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DISABLE)
    spend = _group_spend(plan, group).removeprefix(" · ") or "-"
    return [label, *(f"{counts[v]:,}" for v in verbs), spend]


def _fill(
    plan: Plan, groups: Sequence[_Group], budget: int
) -> tuple[list[str], dict[Kind, int]]:
    """Object tables in plan order until ``budget`` is used; the rest is counted."""
    sections: list[str] = []
    hidden: dict[Kind, int] = dict.fromkeys(KIND_ORDER, 0)
    used, full = 0, False
    for group in groups:
        shown: list[ResourceAction] = []
        used += len(_group_summary(plan, group)) + 120  # <details> and the note
        for action in group.actions:
            currency = plan.accounts.get(action.account_id)
            cost = len(md.object_block(action.only(Origin.MANIFEST), currency)) + 2
            full = full or used + cost > budget
            if full:
                hidden[action.kind] += 1
            else:
                shown.append(action)
                used += cost
        if shown:
            missing = len(group.actions) - len(shown)
            more = human.plural(missing, "more change")
            note = f"_… {more} in this campaign not shown._" if missing else ""
            sections.append(_campaign_section(plan, group, shown, note))
    return sections, hidden


def _cut_note(hidden: dict[Kind, int]) -> str:
    parts = [human.plural(n, md.NOUN[k]) for k in KIND_ORDER if (n := hidden.get(k, 0))]
    if not parts:
        return "_Every change is shown above._"
    return (
        f"**… {', '.join(parts)} not shown** (this comment is limited to "
        f"{MAX_CHARS:,} characters); the plan file saved with `--out` has "
        "everything, and `campaignctl show FILE` renders it."
    )


# -- helpers --------------------------------------------------------------------
def _join(parts: Sequence[str]) -> str:
    return "\n\n".join(p for p in parts if p) + "\n"
