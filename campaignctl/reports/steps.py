"""What a sync will do, before it does it: one ``Step`` per partition replace.

``plan_steps`` needs only the definitions, the warehouse's sync state and the
date; ``sync --plan`` prints these steps without calling the API. A changed
definition (new metrics, filters, attribution window...) re-reads its whole
backfill window; a changed level or granularity would change the table's key
and is refused.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from campaignctl.errors import WarehouseError
from campaignctl.reports.definition import Account, ReportDefinition
from campaignctl.reports.sql import SqlWarehouse, SyncState
from campaignctl.reports.tables import report_table, shape_of
from campaignctl.reports.windows import Span, chunks, reread_days, sync_span

REPORTING_RATE_PER_S = 5.0  # 150 requests per 30 s on reporting endpoints


@dataclass(frozen=True)
class Step:
    definition: ReportDefinition
    account: Account
    span: Span  # the request window: one partition
    watermark: date | None  # before this sync (None: first sync or reset)
    reread: int  # days of the span loaded before (late data)
    reset: bool = False  # the definition changed: full re-read

    @property
    def min_requests(self) -> int:
        """Requests at least (more with pages of 50 rows and id chunks)."""
        return 3 if self.definition.endpoint == "async" else 1


def plan_steps(
    definitions: Sequence[ReportDefinition],
    warehouse: SqlWarehouse | None,
    *,
    today: date,
) -> list[Step]:
    """Every partition each report and account needs now, in order."""
    steps: list[Step] = []
    for definition in definitions:
        for account in definition.accounts:
            state = warehouse.state(definition.name, account.id) if warehouse else None
            steps += _steps(definition, account, state, today)
    return steps


def _steps(
    definition: ReportDefinition, account: Account, state: SyncState | None, today: date
) -> list[Step]:
    reset = False
    watermark = state.watermark if state else None
    if state is not None and state.shape != shape_of(definition):
        raise WarehouseError(
            f"report {definition.name!r} changed its level or granularity, so table "
            f"{definition.table!r} would need a different key",
            hint="give the changed report a new name (a new table), or drop "
            f"{definition.table} and its state rows to rebuild it",
        )
    if state is not None and state.report_key != definition.key:
        reset, watermark = True, None
    span = sync_span(definition, today=today, watermark=watermark)
    if span is None:
        return []
    return [
        Step(
            definition,
            account,
            chunk,
            watermark,
            reread_days(definition, chunk, watermark=watermark),
            reset,
        )
        for chunk in chunks(definition, span)
    ]


def describe_steps(steps: Sequence[Step], warehouse: SqlWarehouse | None) -> list[str]:
    """The lines ``sync --plan`` prints."""
    lines: list[str] = []
    shown: set[str] = set()
    for step in steps:
        definition = step.definition
        if definition.name not in shown:
            shown.add(definition.name)
            lines += _header(definition, warehouse)
        lines.append(_line(step))
    requests = sum(s.min_requests for s in steps)
    seconds = math.ceil(requests / REPORTING_RATE_PER_S)
    lines.append("")
    lines.append(
        f"Sync plan: {len(steps)} partition(s) to replace, at least {requests} "
        f"reporting request(s) (about {seconds} s or more at 150 requests / 30 s)."
    )
    return lines


def _header(definition: ReportDefinition, warehouse: SqlWarehouse | None) -> list[str]:
    table = report_table(definition)
    missing = warehouse.missing_columns(table) if warehouse else None
    if missing is None:
        change = "new table"
    elif missing:
        change = f"adds column(s) {', '.join(missing)}"
    else:
        change = "table up to date"
    level = definition.level.lower()
    return [
        f"report {definition.name} → table {definition.table} ({change})",
        f"  {definition.endpoint} · {level} · {definition.granularity} · "
        f"{len(definition.metrics)} metric(s) · lookback {definition.lookback_days} "
        f"day(s) · backfill {definition.backfill.describe()}",
    ]


def _line(step: Step) -> str:
    window = str(step.span)
    days = f"{step.span.days} day(s)"
    if step.definition.granularity == "LIFETIME":
        window, days = f"snapshot as of {step.span.first.isoformat()}", "all time"
    notes = []
    if step.reset:
        notes.append("definition changed: re-read")
    elif step.watermark is None:
        notes.append("first sync")
    if step.reread:
        notes.append(f"{step.reread} day(s) re-read for late data")
    note = f" ({'; '.join(notes)})" if notes else ""
    return (
        f"    {step.account.label}: replace {window}, {days}, "
        f"≥ {step.min_requests} request(s){note}"
    )
