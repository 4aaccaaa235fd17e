"""``campaignctl report run NAME PATH... [--out FILE]``: a report as CSV files."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from datetime import date
from pathlib import Path

from campaignctl.commands.planning import load_manifests
from campaignctl.output import Output
from campaignctl.provider.connection import open_api
from campaignctl.provider.reporting import ReportingApi
from campaignctl.reports.async_jobs import JobPolicy
from campaignctl.reports.csv_run import as_async, find_report, run_csv
from campaignctl.reports.exports import write_csv_files
from campaignctl.reports.selection import campaign_filter, sync_day


def run(
    name: str,
    paths: Sequence[Path],
    *,
    out: Output,
    sandbox: bool,
    out_file: Path | None,
    until: date | None,
    timeout_s: float,
) -> int:
    workspace = load_manifests(paths, out=out)
    definition = as_async(find_report(workspace.reports, name))
    with closing(
        open_api(sandbox=sandbox, project_root=workspace.root, parallelism=4, out=out)
    ) as api:
        files = run_csv(
            definition,
            ReportingApi(api.client),
            root=workspace.root,
            today=sync_day(until),
            policy=JobPolicy(deadline_s=timeout_s),
            log=out.info,
            campaign_ids=campaign_filter(api, definition),
        )
    for line in write_csv_files(files, out_file, out=out):
        out.info(line)
    return 0
