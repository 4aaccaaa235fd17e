"""Run the steps of a sync: fetch each partition, replace it with its watermark.

For every step (report, account and window chunk) the rows are fetched whole
(every page, every id chunk), checked for one row per key, then written in
one transaction together with the new watermark; a step that fails leaves
the warehouse exactly as the previous step left it, and the next sync goes
on from the watermark. Afterwards each account's declared entities are
refreshed (for the ``__named`` views) and the views are recreated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from campaignctl.plan.state import DesiredCampaign
from campaignctl.provider.base import AdsApi
from campaignctl.provider.reporting import ReportingApi
from campaignctl.provider.snapshot import read_account
from campaignctl.reports.async_jobs import JobPolicy, run_report
from campaignctl.reports.definition import ReportDefinition
from campaignctl.reports.entities import LiveEntities, manifest_rows, resolver
from campaignctl.reports.requests import aggregate_requests, async_body, filter_level
from campaignctl.reports.rows import Batch, Row, aggregate_rows, check_unique, csv_rows
from campaignctl.reports.sql import Partition, SqlWarehouse, SyncState
from campaignctl.reports.steps import Step
from campaignctl.reports.tables import bucket_column, report_table, shape_of
from campaignctl.reports.views import view_statements

DEFAULT_POLICY = JobPolicy()
OnStep = Callable[[Step, int], None]  # a finished step and the rows it wrote


@dataclass(frozen=True)
class SyncResult:
    partitions: int
    rows: int


class Syncer:
    """One sync run over one API and one warehouse."""

    def __init__(
        self,
        api: AdsApi,
        reporting: ReportingApi,
        warehouse: SqlWarehouse,
        *,
        today: date,
        campaigns: Sequence[DesiredCampaign] = (),
        root: Path | None = None,
        policy: JobPolicy = DEFAULT_POLICY,
        log: Callable[[str], None] = lambda line: None,
        parallelism: int = 4,
    ) -> None:
        self.api = api
        self.reporting = reporting
        self.warehouse = warehouse
        self.today = today
        self.campaigns = campaigns
        self.root = root
        self.policy = policy
        self.log = log
        self.parallelism = parallelism
        self._live: dict[str, LiveEntities] = {}
        self._watermarks: dict[tuple[str, str], date | None] = {}

    def run(
        self,
        steps: Sequence[Step],
        definitions: Sequence[ReportDefinition],
        on_step: OnStep,
    ) -> SyncResult:
        self.warehouse.prepare([report_table(d) for d in definitions])
        rows = 0
        for step in steps:
            written = self._step(step)
            rows += written
            on_step(step, written)
        for account_id, live in sorted(self._live.items()):
            declared = manifest_rows(live, self.campaigns, root=self.root)
            self.warehouse.replace_entities(account_id, declared)
        self.warehouse.refresh_views(
            [s for d in definitions for s in view_statements(d)]
        )
        return SyncResult(len(steps), rows)

    # -- one partition ---------------------------------------------------------
    def _step(self, step: Step) -> int:
        definition, account = step.definition, step.account
        table = report_table(definition)
        rows = self._fetch(step)
        check_unique(rows, table.key)
        first, stop = _bounds(definition, step)
        partition = Partition(
            account.id,
            bucket_column(definition),
            first,
            stop,
            definition.attribution_window,
        )
        state = self._state(step)
        new_state = replace(
            state,
            watermark=self._advance(step),
            last_span_first=step.span.first,
            last_span_last=step.span.last,
            rows_written=len(rows),
            last_success_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
            pending_async_report_id=None,
            pending_request=None,
        )
        self.warehouse.replace(table, partition, rows, new_state)
        return len(rows)

    def _advance(self, step: Step) -> date:
        key = (step.definition.name, step.account.id)
        before = self._watermarks.get(key, step.watermark)
        after = step.span.last if before is None else max(before, step.span.last)
        self._watermarks[key] = after
        return after

    def _state(self, step: Step) -> SyncState:
        definition = step.definition
        found = self.warehouse.state(definition.name, step.account.id)
        fresh = SyncState(
            definition.name, step.account.id, definition.key, shape_of(definition)
        )
        return fresh if found is None or step.reset else found

    # -- fetching ----------------------------------------------------------------
    def _fetch(self, step: Step) -> list[Row]:
        live = self._entities(step.account.id)
        batch = Batch(step.definition, step.account.id, self.today)
        if step.definition.endpoint == "async":
            return self._fetch_async(step, live, batch)
        ids = self._entity_ids(step.definition, live)
        rows: list[Row] = []
        for params in (
            [] if ids == [] else aggregate_requests(step.definition, step.span, ids)
        ):
            for page in self.reporting.aggregate_pages(step.account.id, params):
                rows += aggregate_rows(batch, page.get("rows") or ())
        return rows

    def _fetch_async(self, step: Step, live: LiveEntities, batch: Batch) -> list[Row]:
        definition = step.definition
        campaigns = (
            live.campaign_ids(definition.campaigns) if definition.campaigns else None
        )
        if campaigns == [] and definition.level != "AD_ACCOUNT":
            return []
        body = async_body(definition, step.span, campaigns)
        pending = _StatePending(self.warehouse, self._state(step))
        data = run_report(
            self.reporting,
            step.account.id,
            body,
            pending=pending,
            policy=self.policy,
            log=self.log,
        )
        table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        names = resolver(live, definition.level, definition.name)
        return csv_rows(batch, table, names)

    def _entity_ids(
        self, definition: ReportDefinition, live: LiveEntities
    ) -> list[str] | None:
        if not definition.campaigns:
            return None
        campaign_ids = live.campaign_ids(definition.campaigns)
        return live.ids_under(filter_level(definition), campaign_ids)

    def _entities(self, account_id: str) -> LiveEntities:
        if account_id not in self._live:
            account = read_account(
                self.api, account_id, scope=None, parallelism=self.parallelism
            )
            self._live[account_id] = LiveEntities.of(account)
        return self._live[account_id]


class _StatePending:
    """Pending async report ids kept in the sync-state table."""

    def __init__(self, warehouse: SqlWarehouse, state: SyncState) -> None:
        self.warehouse = warehouse
        self.state = state

    def load(self, fingerprint: str) -> str | None:
        if self.state.pending_request == fingerprint:
            return self.state.pending_async_report_id
        return None

    def save(self, fingerprint: str, report_id: str | None) -> None:
        self.state = self.warehouse.save_pending(self.state, fingerprint, report_id)


def _bounds(
    definition: ReportDefinition, step: Step
) -> tuple[date | datetime, date | datetime]:
    first, stop = step.span.first, step.span.last + timedelta(days=1)
    if definition.granularity == "HOUR":
        return datetime.combine(first, time()), datetime.combine(stop, time())
    return first, stop
