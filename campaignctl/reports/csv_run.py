"""``report run``: a declared report as async CSV files, one per ad account.

An aggregate report runs as its async twin when every metric has an async
name and the granularity is DAY or LIFETIME; otherwise the command says
which metric or setting stops it. DAY windows longer than 365 days are cut
into several reports whose CSVs are joined (one header). Pending report ids
are kept in ``.campaignctl/reports/<table>.json`` so an interrupted run
resumes the same reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from campaignctl.errors import ConfigError
from campaignctl.manifest.fields import did_you_mean
from campaignctl.provider.reporting import ReportingApi
from campaignctl.reports.async_jobs import JobPolicy, PendingFile, run_report
from campaignctl.reports.catalogue import name_path
from campaignctl.reports.definition import Account, ReportDefinition
from campaignctl.reports.requests import async_body
from campaignctl.reports.windows import Span, chunks, sync_span

PENDING_DIR = Path(".campaignctl") / "reports"


def find_report(reports: Sequence[ReportDefinition], name: str) -> ReportDefinition:
    for report in reports:
        if name in (report.name, report.table):
            return report
    names = [r.name for r in reports]
    hint = did_you_mean(name, names) or (
        f"declared reports: {', '.join(names)}"
        if names
        else "declare one in a kind: Report manifest"
    )
    raise ConfigError(f"no report named {name!r} in the manifests", hint=hint)


def as_async(definition: ReportDefinition) -> ReportDefinition:
    """The async CSV form of a report (ConfigError when it has none)."""
    if definition.endpoint == "async":
        return definition
    problems = [
        f"metric {m.aggregate} exists only in aggregate reports"
        for m in definition.catalogue
        if m.async_name is None
    ]
    if definition.granularity == "HOUR":
        problems.append("async reports have no HOUR granularity")
    if definition.statuses is not None:
        problems.append(
            "its statuses are in the aggregate vocabulary (write statuses: all, "
            "or endpoint: async with async statuses)"
        )
    if problems:
        raise ConfigError(
            f"report {definition.name!r} cannot run as an async CSV report: "
            + "; ".join(problems),
            hint="use campaignctl sync for it, or change the report",
        )
    return definition.model_copy(
        update={"endpoint": "async", "dimensions": name_path(definition.level)}
    )


def run_csv(
    definition: ReportDefinition,
    reporting: ReportingApi,
    *,
    root: Path,
    today: date,
    policy: JobPolicy,
    log: Callable[[str], None],
    campaign_ids: Callable[[Account], list[str] | None],
) -> dict[Account, bytes]:
    """Account → its CSV file (header once, every window chunk)."""
    pending = PendingFile(root / PENDING_DIR / f"{definition.table}.json")
    span = sync_span(definition, today=today, watermark=None)
    if span is None:
        raise ConfigError(
            f"report {definition.name!r} has no complete day to report yet",
            hint="its backfill window starts today",
        )
    files = {}
    for account in definition.accounts:
        ids = campaign_ids(account)
        parts = [
            run_report(
                reporting,
                account.id,
                async_body(definition, chunk, ids),
                pending=pending,
                policy=policy,
                log=log,
            )
            for chunk in _windows(definition, span)
        ]
        files[account] = _joined(parts)
    return files


def _windows(definition: ReportDefinition, span: Span) -> list[Span]:
    return chunks(definition, span) if definition.granularity == "DAY" else [span]


def _joined(parts: list[bytes]) -> bytes:
    """CSV files with one header: the first file's."""
    if not parts:
        return b""
    joined = parts[0]
    for part in parts[1:]:
        _, _, body = part.partition(b"\n")
        if joined and not joined.endswith(b"\n"):
            joined += b"\n"
        joined += body
    return joined
