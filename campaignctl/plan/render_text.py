"""The plan for people: Terraform-like blocks, a summary line, budgets.

Blocks are grouped by ad account and sorted by address (a campaign, then its
ad sets, then their ads), with assets first. Markers: ``+`` create, ``~``
update, ``-/+`` replace, ``-`` switch off. Returns a string (never prints);
the same plan always renders to the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from campaignctl.output import Style, paint
from campaignctl.plan import humanise as human
from campaignctl.plan import render_remote as remote
from campaignctl.plan import text_sections as sections
from campaignctl.plan.blast import render_blast_text
from campaignctl.plan.model import (
    Action,
    FieldChange,
    Kind,
    Origin,
    Plan,
    ResourceAction,
)

NOUN = {Kind.CAMPAIGN: "campaign", Kind.AD_SET: "ad set", Kind.AD: "ad"}
NOUN[Kind.ASSET] = "asset"
STYLE = {
    Action.CREATE: (Style.GREEN,),
    Action.UPDATE: (Style.YELLOW,),
    Action.REPLACE: (Style.RED, Style.BOLD),
    Action.DISABLE: (Style.RED,),
    Action.ARCHIVE: (Style.RED, Style.BOLD),
    Action.NOOP: (),
}
VERB = {
    Action.CREATE: "create",
    Action.UPDATE: "update",
    Action.REPLACE: "replace",
    Action.DISABLE: "disable",
    Action.ARCHIVE: "archive",
}
INDENT = " " * 8
MANIFEST_HEAD = "Changes from your manifests:"
DRIFT_HEAD = "Live changes made outside campaignctl that this plan will overwrite:"
MONEY_FIELDS = frozenset({"bid_micro_amount", "base_rate_micro_amount"})
TIME_FIELDS = frozenset({"start_time", "end_time"})
Formatter = Callable[[Any], str]


def render_text(plan: Plan, *, color: bool, verbose: bool = False) -> str:
    """The whole plan as text; ``color`` adds ANSI styles.

    Live changes made outside campaignctl that the plan overwrites (drift)
    get their own section; ``verbose`` adds the unchanged objects and the
    addresses selectors left out.
    """
    lines: list[str] = []
    changed = [a for a in plan.actions if a.action is not Action.NOOP]
    drift = [a.only(Origin.DRIFT) for a in changed if a.has_drift]
    if changed:
        lines += ["campaignctl will perform the following actions:", ""]
    if drift:
        mine = [a.only(Origin.MANIFEST) for a in changed if not _all_drift(a)]
        lines += [paint(MANIFEST_HEAD, Style.BOLD, enabled=color), ""]
        lines += _blocks(plan, mine, color) or ["  (none)", ""]
        lines += [paint(DRIFT_HEAD, Style.BOLD, Style.MAGENTA, enabled=color), ""]
        lines += _blocks(plan, drift, color)
    elif changed:
        lines += _blocks(plan, changed, color)
    lines += _unmanaged(plan.unmanaged)
    lines += remote.validation_lines(plan, color)
    lines += remote.estimate_lines(plan, color)
    lines += _warnings(plan.warnings, color)
    lines += sections.violations(plan, color)
    lines += sections.selection(plan, verbose)
    lines += sections.unchanged(plan) if verbose else []
    lines.append(_summary(plan, color))
    lines += _spend(plan) if changed else []
    blast = render_blast_text(plan.rollouts, color)
    lines += ["", blast] if blast else []
    return human.join_lines(lines)


def _all_drift(action: ResourceAction) -> bool:
    """Objects whose changes are all drift appear in the drift section only."""
    return bool(action.changes) and all(c.is_drift for c in action.changes)


def _blocks(plan: Plan, actions: Sequence[ResourceAction], color: bool) -> list[str]:
    lines: list[str] = []
    accounts = sorted({a.account_id for a in actions})
    for account in accounts:
        currency = plan.accounts.get(account)
        if len(accounts) > 1:
            header = f"Ad account {account} ({currency}):"
            lines += [paint(header, Style.BOLD, enabled=color), ""]
        mine = sorted((a for a in actions if a.account_id == account), key=_display)
        for action in mine:
            lines += [*_block(action, currency, color), ""]
    return lines


def _display(action: ResourceAction) -> tuple[bool, str, str]:
    return (action.kind is not Kind.ASSET, action.address, action.action.value)


def _block(action: ResourceAction, currency: str | None, color: bool) -> list[str]:
    marker = paint(f"{action.action.symbol:>3}", *STYLE[action.action], enabled=color)
    title = f'{marker} {NOUN[action.kind]} "{action.name}" ({action.address})'
    lines = [title]
    if action.reason:
        lines.append(_reason(action, color))
    if action.action is Action.REPLACE:
        lines.append(
            f"{INDENT}# the live {NOUN[action.kind]} is renamed "
            '"… (replaced <date>)" and switched off once the new one exists'
        )
    if action.asset is not None:
        upload = action.asset
        size = human.plural(upload.size, "byte")
        lines.append(f"{INDENT}upload: {upload.path} ({upload.media_type}, {size})")
    lines += _fields(action, currency, color)
    return lines


def _reason(action: ResourceAction, color: bool) -> str:
    if action.action is Action.REPLACE:
        text = f"# must be replaced: {action.reason}"
        return INDENT + paint(text, Style.RED, Style.BOLD, enabled=color)
    return f"{INDENT}# {action.reason}"


def _fields(action: ResourceAction, currency: str | None, color: bool) -> list[str]:
    rows = _rows(action, currency, color)
    width = max((len(label) for label, _ in rows), default=0) + 1
    return [
        f"{INDENT}{label + ':':<{width}} {text}" if label else f"{INDENT}  {text}"
        for label, text in rows
    ]


def _rows(
    action: ResourceAction, currency: str | None, color: bool
) -> list[tuple[str, str]]:
    changes = list(action.changes)
    budget = [c for c in changes if c.path == "budget" or c.path.startswith("budget.")]
    first_budget = budget[0] if budget else None
    rows: list[tuple[str, str]] = []
    for change in changes:
        if change is first_budget:
            rows.append(("budget", _budget_row(action, budget, currency)))
        elif change not in budget:
            rows.append((change.path, _row(action, change, currency, color)))
        if change.is_drift and (change is first_budget or change not in budget):
            rows.append(("", _drift_note(change, currency, color)))
    return rows


def _drift_note(change: FieldChange, currency: str | None, color: bool) -> str:
    text = "# " + sections.drift_sentence(change, currency)
    return paint(text, Style.MAGENTA, enabled=color)


def _row(
    action: ResourceAction, change: FieldChange, currency: str | None, color: bool
) -> str:
    if _is_set(change) and action.action is not Action.CREATE:
        return _set_row(change, color)
    show = _formatter(change.path, currency)
    if action.action is Action.CREATE:
        return show(change.after)
    text = f"{show(change.before)} → {show(change.after)}"
    if change.forces_replace:
        text += paint("  # forces replacement", Style.RED, enabled=color)
    return text


def _formatter(path: str, currency: str | None) -> Formatter:
    leaf = path.rsplit(".", 1)[-1]
    if leaf in MONEY_FIELDS:
        return lambda value: _money(value, currency)
    if leaf in TIME_FIELDS:
        return human.moment
    if path == "frequency_caps":
        return human.frequency_caps
    if path == "targets.age_ranges":
        return human.age_ranges
    return _plain


def _money(value: Any, currency: str | None) -> str:
    return human.money(value, currency) if isinstance(value, int) else human.show(value)


def _plain(value: Any) -> str:
    if isinstance(value, list) and all(not isinstance(x, dict | list) for x in value):
        return human.items(value)
    return human.show(value)


def _is_set(change: FieldChange) -> bool:
    values = [v for v in (change.before, change.after) if v is not None]
    scalars = all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values
    )
    return bool(values) and scalars and change.path not in ("frequency_caps",)


def _set_row(change: FieldChange, color: bool) -> str:
    text = human.set_change(change.before, change.after)
    if not color:
        return text
    parts = text.split(", ")
    return ", ".join(
        paint(p, Style.RED if p.startswith(human.MINUS) else Style.GREEN, enabled=True)
        for p in parts
    )


def _budget_row(
    action: ResourceAction, changes: list[FieldChange], currency: str | None
) -> str:
    """Budget changes read as a whole: ``$150.00/day → $200.00/day``."""
    by_path = {c.path: c for c in changes}
    if "budget" in by_path:
        whole = by_path["budget"]
        before, after = whole.before, whole.after
    else:
        after = _budget_side(by_path, "after", (action.body or {}).get("budget"))
        before = _budget_side(by_path, "before", after)
    if action.action is Action.CREATE:
        return human.budget(after, currency)
    return f"{human.budget(before, currency)} → {human.budget(after, currency)}"


def _budget_side(by_path: dict[str, FieldChange], side: str, fallback: Any) -> Any:
    base = dict(fallback) if isinstance(fallback, dict) else {}
    for field in ("micro_amount", "type"):
        change = by_path.get(f"budget.{field}")
        if change is not None:
            base[field] = getattr(change, side)
    return base


def _unmanaged(addresses: Sequence[str]) -> list[str]:
    if not addresses:
        return []
    lines = ["Unmanaged objects under managed campaigns (left alone):"]
    lines += [f"  {address}" for address in addresses]
    lines += [
        "  (add them to a manifest, or set `prune: true` on the campaign to switch "
        "them off)",
        "",
    ]
    return lines


def _warnings(warnings: Sequence[str], color: bool) -> list[str]:
    if not warnings:
        return []
    head = paint("Warnings:", Style.YELLOW, Style.BOLD, enabled=color)
    return [head, *(f"  - {w}" for w in warnings), ""]


def _summary(plan: Plan, color: bool) -> str:
    if not plan.has_changes:
        text = "No changes. Live state matches the manifests."
        return paint(text, Style.GREEN, Style.BOLD, enabled=color)
    counts = plan.counts()
    parts = [f"{counts[a.value]} to {VERB[a]}" for a in VERB if a is not Action.ARCHIVE]
    if counts[Action.ARCHIVE.value]:
        parts.append(f"{counts[Action.ARCHIVE.value]} to archive")
    return paint("Plan: " + ", ".join(parts) + ".", Style.BOLD, enabled=color)


def _spend(plan: Plan) -> list[str]:
    lines = []
    for currency, spend in sorted(plan.spend.items()):
        if spend.daily_delta:
            before = human.money(spend.daily_before, currency)
            after = human.money(spend.daily_after, currency)
            delta = human.signed_money(spend.daily_delta, currency)
            lines.append(f"Daily budgets ({currency}): {before} → {after} ({delta})")
        if spend.lifetime_delta:
            before = human.money(spend.lifetime_before, currency)
            after = human.money(spend.lifetime_after, currency)
            delta = human.signed_money(spend.lifetime_delta, currency)
            lines.append(f"Lifetime budgets ({currency}): {before} → {after} ({delta})")
    return lines
