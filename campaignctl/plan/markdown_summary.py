"""The summary half of the PR comment: everything before the object tables.

The verdict (counts, policy, drift), counts per action and kind, policy
violations, spend impact per currency with exposure through flight ends,
risky changes, the live changes the plan overwrites, and the selection.
Every list is capped, so the summary stays small whatever the plan's size.
"""

from __future__ import annotations

from collections.abc import Sequence

from campaignctl.plan import humanise as human
from campaignctl.plan import markdown_blocks as md
from campaignctl.plan.attribution import reverts
from campaignctl.plan.blast import render_blast_markdown
from campaignctl.plan.impact import ExposureTotals, exposure_totals
from campaignctl.plan.model import FieldChange, Kind, Plan, ResourceAction, SpendImpact
from campaignctl.plan.review import (
    PLURAL,
    counts_by_kind,
    origin_counts,
    risky_changes,
)
from campaignctl.plan.text_sections import (
    selection_counts,
    selectors,
    value_text,
)

MARKER = "<!-- campaignctl-plan -->"
LIST_CAP = 25  # items per list section (risks, drift, warnings…)
EXPOSURE_NOTE = (
    "_Exposure: what the ad sets this plan creates or changes can spend from "
    "now to the end of their flights (daily budget times remaining flight days, "
    "lifetime budgets as is)._"
)


def summary_sections(plan: Plan) -> list[str]:
    parts = [MARKER, "### campaignctl plan", _verdict(plan)]
    parts += _counts(plan)
    parts += _violations(plan)
    parts += _spend(plan)
    parts += render_blast_markdown(plan.rollouts)
    parts += _risks(plan)
    parts += _drift(plan)
    parts += _selection(plan)
    return parts


def _verdict(plan: Plan) -> str:
    lines = []
    if plan.has_changes:
        counts = plan.counts()
        verbs = ("create", "update", "replace", "disable")
        summary = ", ".join(f"{counts[v]:,} to {v}" for v in verbs)
        if counts["archive"]:
            summary += f", {counts['archive']:,} to archive"
        lines.append(f"**Plan: {summary}.**")
    else:
        lines.append("**No changes.** Live state matches the manifests.")
    if plan.violations:
        n = human.plural(len(plan.violations), "policy violation")
        lines.append(f"**⛔ Blocked by policy: {n}.** Apply will refuse this plan.")
    drift = origin_counts(plan)["drift"]
    if drift.fields:
        fields = human.plural(drift.fields, "field")
        objects = human.plural(drift.objects, "object")
        lines.append(
            f"**Drift:** {fields} on {objects} changed outside campaignctl; "
            "this plan overwrites them."
        )
    return "<br>\n".join(lines)


def _counts(plan: Plan) -> list[str]:
    table = counts_by_kind(plan)
    rows = [
        [action.value, *(f"{kinds[k]:,}" for k in _KINDS)]
        for action, kinds in table.items()
        if any(kinds.values())
    ]
    if not rows:
        return []
    head = ["", *(PLURAL[k] for k in _KINDS)]
    return [md.table(head, rows, right=len(_KINDS))]


_KINDS = (Kind.CAMPAIGN, Kind.AD_SET, Kind.AD, Kind.ASSET)


def _violations(plan: Plan) -> list[str]:
    if not plan.violations:
        return []
    items = []
    for v in plan.violations:
        where = f" {md.code(v.address)}" if v.address else ""
        at = f" ({md.esc(v.location)})" if v.location else ""
        items.append(f"- **{v.rule}**{where}: {md.esc(v.message)}{at}")
    return ["#### ⛔ Policy violations — apply is blocked", capped(items)]


def _spend(plan: Plan) -> list[str]:
    exposure = exposure_totals(plan)
    currencies = sorted(set(plan.spend) | set(exposure))
    rows = []
    for currency in currencies:
        impact = plan.spend.get(currency, SpendImpact())
        totals = exposure.get(currency)
        if not (impact.daily_delta or impact.lifetime_delta or totals):
            continue
        rows.append(
            [
                currency,
                _change(impact.daily_before, impact.daily_after, currency, "/day"),
                _change(impact.lifetime_before, impact.lifetime_after, currency, ""),
                _exposure(totals, currency),
            ]
        )
    if not rows:
        return []
    head = [
        "currency",
        "daily budgets",
        "lifetime budgets",
        "exposure through flight ends",
    ]
    parts = ["#### Spend impact", md.table(head, rows), EXPOSURE_NOTE]
    parts += _open_ended(exposure)
    return parts


def _change(before: int, after: int, currency: str, unit: str) -> str:
    if before == after == 0:
        return "-"
    if before == after:
        return f"{human.money(after, currency)}{unit} (no change)"
    delta = human.signed_money(after - before, currency)
    return (
        f"{human.money(before, currency)} → {human.money(after, currency)}{unit} "
        f"(**{delta}**)"
    )


def _exposure(totals: ExposureTotals | None, currency: str) -> str:
    if totals is None or not totals.ad_sets:
        return "-"
    count = human.plural(totals.ad_sets, "ad set")
    delta = human.signed_money(totals.delta, currency)
    before = human.money(totals.before, currency)
    after = human.money(totals.after, currency)
    text = f"**{delta}** ({before} → {after}, {count})"
    was, now = totals.open_ended_daily_before, totals.open_ended_daily
    if was or now:
        shown = [f"{human.money(v, currency)}/day" if v else "none" for v in (was, now)]
        text += f"; open-ended: {shown[0]} → {shown[1]}"
    return text


def _open_ended(exposure: dict[str, ExposureTotals]) -> list[str]:
    lines = []
    for currency, totals in exposure.items():
        if totals.open_ended:
            count = human.plural(totals.open_ended, "ad set")
            daily = human.money(totals.open_ended_daily, currency)
            verb = "has" if totals.open_ended == 1 else "have"
            lines.append(
                f"- **Open-ended ({currency}):** after this plan {count} "
                f"({daily}/day in total) {verb} no end date: their exposure has "
                "no limit."
            )
    return ["\n".join(lines)] if lines else []


def _risks(plan: Plan) -> list[str]:
    risks = risky_changes(plan, money=human.budget)
    if not risks:
        return []
    items = [
        f"- **{md.esc(r.label)}** {md.code(r.address or '')} — {md.esc(r.detail)}"
        for r in risks
    ]
    return [f"#### ⚠️ Risky changes ({len(risks)})", capped(items)]


def _drift(plan: Plan) -> list[str]:
    rows = []
    for action in plan.actions:
        currency = plan.accounts.get(action.account_id)
        for change in (c for c in action.changes if c.is_drift):
            rows.append(_drift_row(action, change, currency))
    if not rows:
        return []
    head = ["object", "field", "changed by", "at", "live change", "this plan"]
    shown = rows[:LIST_CAP]
    parts = [
        "#### Live changes made outside campaignctl that this plan will overwrite",
        md.table(head, shown),
    ]
    if len(rows) > len(shown):
        parts.append(more(len(rows) - len(shown), "drifted field"))
    return parts


def _drift_row(
    action: ResourceAction, change: FieldChange, currency: str | None
) -> list[str]:
    was = value_text(change.path, change.changed_from, currency)
    now = value_text(change.path, change.before, currency)
    after = value_text(change.path, change.after, currency)
    verb = "reverts to" if reverts(change) else "sets"
    when = human.moment(change.changed_at) if change.changed_at else "?"
    return [
        md.code(action.address),
        md.code(change.path),
        md.esc(change.changed_by or "someone"),
        when,
        md.esc(f"{was} → {now}"),
        md.esc(f"{verb} {after}"),
    ]


def _selection(plan: Plan) -> list[str]:
    chosen = plan.selection
    if chosen is None:
        return []
    lines = [f"**{md.esc(selectors(chosen))}:** {selection_counts(chosen)}."]
    for label, addresses in (
        ("Left out", chosen.left_out),
        ("Pulled in", chosen.pulled_in),
    ):
        if addresses:
            items = [f"- {md.code(a)}" for a in addresses]
            lines.append(folded(f"{label} ({len(addresses):,})", capped(items)))
    return ["\n\n".join(lines)]


def folded(summary: str, body: str) -> str:
    """A collapsed ``<details>`` section."""
    return f"<details><summary>{summary}</summary>\n\n{body}\n\n</details>"


def capped(items: Sequence[str]) -> str:
    """A list of at most ``LIST_CAP`` items, saying how many more there are."""
    shown = list(items[:LIST_CAP])
    if len(items) > LIST_CAP:
        more = len(items) - LIST_CAP
        shown.append(f"- _… and {more:,} more; the plan file has all._")
    return "\n".join(shown)


def more(count: int, noun: str) -> str:
    return f"_… {human.plural(count, noun)} more not shown; the plan file has all._"
