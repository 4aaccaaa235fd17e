"""Which reports a command runs, on which day, for which campaigns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from campaignctl.errors import ConfigError
from campaignctl.manifest.fields import did_you_mean
from campaignctl.plan.match import is_replaced_leftover
from campaignctl.provider.base import AdsApi
from campaignctl.reports.definition import Account, ReportDefinition


def select_reports(
    reports: Sequence[ReportDefinition], only: Sequence[str]
) -> list[ReportDefinition]:
    """Every declared report, or those named by ``--report`` (name or table)."""
    if not reports:
        raise ConfigError(
            "no reports are declared in these manifests",
            hint="add a kind: Report manifest (see the README, Reports)",
        )
    if not only:
        return list(reports)
    names = [r.name for r in reports]
    for wanted in only:
        if not any(wanted in (r.name, r.table) for r in reports):
            hint = did_you_mean(wanted, names) or f"declared: {', '.join(names)}"
            raise ConfigError(f"no report named {wanted!r}", hint=hint)
    return [r for r in reports if r.name in only or r.table in only]


def sync_day(until: date | None) -> date:
    """ "Today" for a sync: the day after ``--until`` (the last day loaded)."""
    if until is not None:
        return until + timedelta(days=1)
    return datetime.now(UTC).date()


def campaign_filter(
    api: AdsApi, definition: ReportDefinition
) -> Callable[[Account], list[str] | None]:
    """Account → live ids of the report's campaigns (None: every campaign)."""

    def ids(account: Account) -> list[str] | None:
        if not definition.campaigns:
            return None
        wanted = set(definition.campaigns)
        return [
            str(c["id"])
            for c in api.list_campaigns(account.id)
            if c.get("name") in wanted and not is_replaced_leftover(str(c["name"]))
        ]

    return ids
