"""Markdown pieces for the PR comment: escaping, tables, one block per object.

Pure string builders for ``render_markdown``. Values are humanised the way the
text plan shows them (money, budgets, UTC times, frequency caps; set changes
as added and removed items) and escaped so that names cannot break a table or
inject HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from campaignctl.plan import humanise as human
from campaignctl.plan.impact import budget_sides
from campaignctl.plan.model import Action, FieldChange, Kind, ResourceAction
from campaignctl.plan.text_sections import value_text

NOUN = {Kind.CAMPAIGN: "campaign", Kind.AD_SET: "ad set", Kind.AD: "ad"}
NOUN[Kind.ASSET] = "asset"
_SPECIAL = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "|": "\\|",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "\n": " ",
        "\r": " ",
    }
)


def esc(text: str) -> str:
    """Text safe inside a table cell, a list item or an HTML summary."""
    return text.translate(_SPECIAL)


def code(text: str) -> str:
    """An address or field path as inline code (they never hold backticks)."""
    return f"`{text.replace('`', '')}`"


def table(head: Sequence[str], rows: Sequence[Sequence[str]], *, right: int = 0) -> str:
    """A GitHub table; the last ``right`` columns are right-aligned."""
    align = ["---"] * (len(head) - right) + ["---:"] * right
    lines = [_row(head), _row(align), *(_row(r) for r in rows)]
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def title(action: ResourceAction) -> str:
    """``**`~` ad set "US Rock Fans"** · `summer/us-rock-fans```."""
    marker = code(action.action.symbol.strip() or "=")
    name = esc(action.name)
    return f'**{marker} {NOUN[action.kind]} "{name}"** · {code(action.address)}'


def object_block(action: ResourceAction, currency: str | None) -> str:
    """Title, why (replace, switch-off…), upload, and the field table."""
    lines = [title(action)]
    if action.reason:
        prefix = "must be replaced: " if action.action is Action.REPLACE else ""
        lines.append(f"<br>_{esc(prefix + action.reason)}_")
    if action.action is Action.REPLACE:
        lines.append(
            f"<br>_the live {NOUN[action.kind]} is renamed “… (replaced &lt;date&gt;)” "
            "and switched off once the new one exists_"
        )
    if action.asset is not None:
        upload = action.asset
        size = human.plural(upload.size, "byte")
        lines.append(
            f"<br>upload {code(upload.path)} ({esc(upload.media_type)}, {size})"
        )
    rows = field_rows(action, currency)
    if rows and action.action is Action.CREATE:
        lines += ["", table(["field", "value"], [[f, a] for f, _, a in rows])]
    elif rows:
        lines += ["", table(["field", "before", "after"], [list(r) for r in rows])]
    return "\n".join(lines)


def field_rows(
    action: ResourceAction, currency: str | None
) -> list[tuple[str, str, str]]:
    """(field, before, after) per change; a budget's parts read as one row."""
    rows: list[tuple[str, str, str]] = []
    budget_done = False
    for change in action.changes:
        if change.path == "budget" or change.path.startswith("budget."):
            if not budget_done:
                rows.append(_budget_row(action, currency))
                budget_done = True
            continue
        rows.append(_field_row(action, change, currency))
    return rows


def _budget_row(action: ResourceAction, currency: str | None) -> tuple[str, str, str]:
    if action.action is Action.CREATE:
        after = (action.body or {}).get("budget")
        return (code("budget"), "", esc(human.budget(after, currency)))
    before, after = budget_sides(action)
    if before is None:
        budget = next(c for c in action.changes if c.path.startswith("budget"))
        before, after = budget.before, budget.after
    shown_before = esc(human.budget(before, currency))
    return (code("budget"), shown_before, esc(human.budget(after, currency)))


def _field_row(
    action: ResourceAction, change: FieldChange, currency: str | None
) -> tuple[str, str, str]:
    field = code(change.path)
    if action.action is Action.CREATE:
        return (field, "", esc(value_text(change.path, change.after, currency)))
    before = esc(value_text(change.path, change.before, currency))
    if _is_set(change):
        after = esc(human.set_change(change.before, change.after))
    else:
        after = esc(value_text(change.path, change.after, currency))
    if change.forces_replace:
        after += " _(forces replacement)_"
    return (field, before, after)


def _is_set(change: FieldChange) -> bool:
    values: list[Any] = [v for v in (change.before, change.after) if v is not None]
    strings = all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values
    )
    return bool(values) and strings and change.path != "frequency_caps"


def campaign_of(action: ResourceAction) -> str | None:
    """The campaign address an action belongs to; None for assets."""
    if action.kind is Kind.ASSET:
        return None
    return action.address.split("/", 1)[0]
