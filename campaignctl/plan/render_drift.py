"""The drift report for people (text), issues and alerts (markdown) and tools (JSON).

Pure and deterministic. Values read the way the plan shows them (money,
budgets, UTC times, sets), through the plan renderers' building blocks.
"""

from __future__ import annotations

import json
from typing import Any

from campaignctl.output import Style, paint
from campaignctl.plan import humanise as human
from campaignctl.plan import markdown_blocks as md
from campaignctl.plan.drift import DriftedField, DriftReport
from campaignctl.plan.text_sections import value_text

MARKER = "<!-- campaignctl-drift -->"
INDENT = " " * 8
NOUN = md.NOUN
ADVICE = (
    "`campaignctl apply` puts the manifests' values back; to keep a live "
    "change, write it into the manifests."
)


def render_drift(report: DriftReport, *, fmt: str, color: bool = False) -> str:
    if fmt == "json":
        return render_drift_json(report)
    if fmt == "markdown":
        return render_drift_markdown(report)
    return render_drift_text(report, color=color)


def headline(report: DriftReport) -> str:
    if not report.fields:
        return "No drift: no managed field was changed outside campaignctl."
    fields = human.plural(len(report.fields), "field")
    objects = human.plural(len(report.objects), "object")
    return f"Drift: {fields} on {objects} changed outside campaignctl."


def pending_line(report: DriftReport) -> str | None:
    if not report.pending:
        return None
    objects = human.plural(report.pending, "object")
    return (
        f"{objects} also differ because the manifests changed and were not "
        "applied yet (`campaignctl plan` shows them)."
    )


# -- text ------------------------------------------------------------------------
def render_drift_text(report: DriftReport, *, color: bool = False) -> str:
    lines = [paint(headline(report), Style.BOLD, enabled=color), ""]
    for address in report.objects:
        fields = [f for f in report.fields if f.address == address]
        first = fields[0]
        marker = paint("  ~", Style.MAGENTA, enabled=color)
        lines.append(f'{marker} {NOUN[first.kind]} "{first.name}" ({address})')
        width = max(len(f.path) for f in fields) + 1
        for field in fields:
            lines += _field_lines(field, width, color)
        lines.append("")
    if report.fields:
        lines += [ADVICE.replace("`", ""), ""]
    pending = pending_line(report)
    lines += [pending.replace("`", ""), ""] if pending else []
    return human.join_lines(lines)


def _field_lines(field: DriftedField, width: int, color: bool) -> list[str]:
    text = f"{_value(field, field.changed_from)} → {_value(field, field.live)}"
    if _differs(field.manifest, field.changed_from):
        text += f" (manifests: {_value(field, field.manifest)})"
    who = paint(_attribution(field), Style.DIM, enabled=color)
    label = f"{field.path}:"
    return [f"{INDENT}{label:<{width}} {text}", f"{INDENT}  {who}"]


def _attribution(field: DriftedField) -> str:
    actor = field.changed_by
    who = actor.label
    if actor.category:
        who += f" ({actor.category.lower().replace('_', ' ')})"
    when = human.moment(field.changed_at) if field.changed_at else "an unknown time"
    category = f" · {field.category}" if field.category else ""
    return f"by {who} on {when}{category}"


# -- markdown ----------------------------------------------------------------------
def render_drift_markdown(report: DriftReport) -> str:
    parts = [MARKER, "### campaignctl drift", f"**{headline(report)}**"]
    if report.fields:
        head = ["object", "field", "changed by", "at", "category", "change"]
        head.append("manifests say")
        rows = [_markdown_row(f) for f in report.fields]
        parts += [md.table(head, rows), ADVICE]
    pending = pending_line(report)
    parts += [pending] if pending else []
    return "\n\n".join(parts) + "\n"


def _markdown_row(field: DriftedField) -> list[str]:
    actor = field.changed_by
    who = md.esc(actor.label)
    if actor.category:
        who += f" ({md.esc(actor.category)})"
    when = human.moment(field.changed_at) if field.changed_at else "?"
    change = f"{_value(field, field.changed_from)} → {_value(field, field.live)}"
    return [
        f"{NOUN[field.kind]} {md.code(field.address)}",
        md.code(field.path),
        who,
        when,
        md.esc(field.category or "-"),
        md.esc(change),
        md.esc(_value(field, field.manifest)),
    ]


# -- JSON ------------------------------------------------------------------------
def render_drift_json(report: DriftReport) -> str:
    document = {
        "drift": bool(report.fields),
        "objects": len(report.objects),
        "fields": len(report.fields),
        "pending_objects": report.pending,
        "changes": [f.model_dump(mode="json") for f in report.fields],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# -- helpers ---------------------------------------------------------------------
def _value(field: DriftedField, value: Any) -> str:
    return value_text(field.path, value, field.currency)


def _differs(a: Any, b: Any) -> bool:
    return bool(json.dumps(a, sort_keys=True) != json.dumps(b, sort_keys=True))
