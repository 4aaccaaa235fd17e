"""``campaignctl sync PATH... [--to URL] [--plan]``: declared reports → a warehouse."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from datetime import date
from pathlib import Path

from campaignctl.commands.planning import load_manifests
from campaignctl.output import Output
from campaignctl.progress import CountProgress
from campaignctl.provider.connection import open_api
from campaignctl.provider.reporting import ReportingApi
from campaignctl.reports.definition import ReportDefinition
from campaignctl.reports.destinations import (
    Destination,
    open_warehouse,
    parse_destination,
)
from campaignctl.reports.exports import export_files, preview_warehouse
from campaignctl.reports.selection import select_reports, sync_day
from campaignctl.reports.steps import Step, describe_steps, plan_steps
from campaignctl.reports.sync import Syncer


def run(
    paths: Sequence[Path],
    *,
    out: Output,
    sandbox: bool,
    to: str | None,
    preview: bool,
    until: date | None,
    only: Sequence[str] = (),
    parallelism: int = 4,
) -> int:
    workspace = load_manifests(paths, out=out)
    definitions = select_reports(workspace.reports, only)
    today = sync_day(until)
    destination = parse_destination(to, root=workspace.root)
    if preview:
        return _preview(definitions, destination, today, out)
    with (
        closing(
            open_api(
                sandbox=sandbox,
                project_root=workspace.root,
                parallelism=parallelism,
                out=out,
            )
        ) as api,
        closing(open_warehouse(destination)) as warehouse,
    ):
        steps = plan_steps(definitions, warehouse, today=today)
        syncer = Syncer(
            api,
            ReportingApi(api.client),
            warehouse,
            today=today,
            campaigns=workspace.desired.campaigns,
            root=workspace.root,
            log=out.debug,
            parallelism=parallelism,
        )
        with CountProgress(out, total=len(steps), title="Syncing reports") as bar:
            result = syncer.run(
                steps, definitions, lambda step, rows: bar.advance(_line(step, rows))
            )
        written = export_files(destination, warehouse, definitions)
    out.info(
        f"Synced {len(definitions)} report(s) into {destination.shown}: "
        f"{result.partitions} partition(s) replaced, {result.rows} row(s) written."
    )
    for file in written:
        out.info(f"  wrote {file}")
    return 0


def _preview(
    definitions: Sequence[ReportDefinition],
    destination: Destination,
    today: date,
    out: Output,
) -> int:
    """``--plan``: the partitions and requests, from the warehouse state alone."""
    with closing(preview_warehouse(destination)) as state:
        steps = plan_steps(definitions, state.store, today=today)
        lines = describe_steps(steps, state.store)
    out.document("\n".join([f"Destination: {destination.shown}", *lines]))
    return 0


def _line(step: Step, rows: int) -> str:
    return f"{step.definition.name} {step.account.label} {step.span}: {rows} row(s)"
