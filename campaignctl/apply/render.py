"""The result table printed after an apply (pure text)."""

from __future__ import annotations

from collections import Counter

from campaignctl.apply.result import ApplyResult, OperationResult, Outcome
from campaignctl.output import Style, paint

FULL_TABLE_LIMIT = 50  # above this, successful operations are counted, not listed
_STYLES = {
    Outcome.DONE: Style.GREEN,
    Outcome.FAILED: Style.RED,
    Outcome.SKIPPED: Style.YELLOW,
}


def render_result(result: ApplyResult, *, color: bool, list_done: bool) -> str:
    """Headline, then a table: failures and skips always, successes if asked."""
    show_done = list_done and len(result.results) <= FULL_TABLE_LIMIT
    rows = [r for r in result.results if show_done or r.outcome is not Outcome.DONE]
    lines = [_headline(result)]
    if rows:
        lines += ["", *_table(rows, color=color)]
    if result.count(Outcome.DONE) and not show_done:
        lines.append(_done_counts(result))
    if result.interrupted:
        lines += ["", "Interrupted: the next apply picks up where this one stopped."]
    elif not result.ok:
        lines += [
            "",
            "Fix the failures and apply again: finished work is not repeated.",
        ]
    return "\n".join(lines) + "\n"


def _headline(result: ApplyResult) -> str:
    counts = ", ".join(f"{result.count(o)} {o.value}" for o in Outcome)
    verb = "interrupted" if result.interrupted else "finished"
    return f"Apply {verb}: {counts}."


def _table(rows: list[OperationResult], *, color: bool) -> list[str]:
    width = max(len(r.operation.label) for r in rows)
    lines = [f"  {'STATUS':<8} {'OPERATION':<{width}}  RESULT"]
    for row in rows:
        status = paint(f"{row.outcome.value:<8}", _STYLES[row.outcome], enabled=color)
        detail = row.remote_id if row.outcome is Outcome.DONE else row.message
        first, *rest = (detail or "").splitlines() or [""]
        lines.append(f"  {status} {row.operation.label:<{width}}  {first}".rstrip())
        lines += [f"  {'':<8} {'':<{width}}  {more}" for more in rest]
    return lines


def _done_counts(result: ApplyResult) -> str:
    counts = Counter(
        f"{r.operation.step.value} {r.operation.action.kind.value.replace('_', ' ')}"
        for r in result.of(Outcome.DONE)
    )
    parts = ", ".join(f"{label}: {n}" for label, n in sorted(counts.items()))
    return f"  done: {parts}"
