"""A validated report: what to ask the API for and where its rows go.

``ReportDefinition`` is what validation makes of a ``kind: Report`` manifest:
the endpoint is chosen, metric names are catalogue names, accounts are ids,
statuses are in the chosen endpoint's vocabulary (``None`` means every
status). ``key`` fingerprints everything that changes the rows, so a changed
definition re-reads its whole backfill window.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from datetime import date, timedelta
from typing import Literal

from campaignctl.errors import Location
from campaignctl.frozen import Frozen
from campaignctl.reports.catalogue import ATTRIBUTION_WINDOWS, BY_NAME, Metric

Endpoint = Literal["aggregate", "async"]
DEFAULT_BACKFILL_MONTHS = 6  # as Fivetran's timeframe_months default
DEFAULT_LOOKBACK_DAYS = 7


class Backfill(Frozen):
    """How far back the first sync reads: N days, N months or from a date."""

    days: int | None = None
    months: int | None = None
    since: date | None = None

    def start(self, today: date) -> date:
        """The first day to read when syncing on ``today`` (UTC)."""
        if self.since is not None:
            return self.since
        if self.days is not None:
            return today - timedelta(days=self.days)
        return months_before(today, self.months or DEFAULT_BACKFILL_MONTHS)

    def describe(self) -> str:
        if self.since is not None:
            return f"since {self.since.isoformat()}"
        if self.days is not None:
            return f"{self.days} days"
        return f"{self.months or DEFAULT_BACKFILL_MONTHS} months"


def months_before(today: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to month end)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last))


class Account(Frozen):
    id: str
    alias: str | None = None

    @property
    def label(self) -> str:
        return self.alias or self.id


class ReportDefinition(Frozen):
    name: str
    table: str
    endpoint: Endpoint
    level: str  # AD_ACCOUNT, CAMPAIGN, AD_SET or AD
    granularity: str  # DAY, HOUR or LIFETIME
    metrics: tuple[str, ...]  # catalogue names
    dimensions: tuple[str, ...] = ()  # async: every dimension requested
    insight_dimension: str | None = None
    statuses: tuple[str, ...] | None = None  # None: every status
    attribution_window: str = "IMPRESSION_30_DAY"
    backfill: Backfill = Backfill()
    lookback_days: int = DEFAULT_LOOKBACK_DAYS
    accounts: tuple[Account, ...] = ()
    campaigns: tuple[str, ...] = ()  # manifest names; () means every campaign
    source: Location | None = None

    @property
    def catalogue(self) -> tuple[Metric, ...]:
        return tuple(BY_NAME[name] for name in self.metrics)

    @property
    def attribution_days(self) -> int:
        return ATTRIBUTION_WINDOWS[self.attribution_window]

    @property
    def key(self) -> str:
        """A fingerprint of everything that decides the rows (not accounts)."""
        shape = self.model_dump(
            mode="json",
            exclude={
                "name",
                "table",
                "accounts",
                "source",
                "backfill",
                "lookback_days",
            },
        )
        text = json.dumps(shape, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def table_name(report_name: str) -> str:
    """``daily-ad-sets`` → ``daily_ad_sets`` (always a safe SQL identifier)."""
    table = re.sub(r"[^a-z0-9_]+", "_", report_name.lower()).strip("_") or "report"
    return f"r_{table}" if table[0].isdigit() else table
