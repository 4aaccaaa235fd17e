"""Which days a sync reads, cut into chunks the API accepts (pure).

A day ``d`` closes at ``d + 1`` 00:00 UTC and its figures may still change for
``lookback_days`` after that. So a sync on ``today`` reads::

    [min(watermark + 1, today - 1 - lookback_days), today - 1]

clipped to the backfill window (the first sync reads the whole backfill).
Today itself is never read: its figures are partial. A row is final
(``_is_final``) once its day closed more than ``lookback_days`` ago, which is
exactly when it is read for the last time.

Chunks respect the API's limits: aggregate DAY requests span at most 90 days,
async requests 365, and HOUR data exists only for the last 14 days (the
window is clipped to 13 whole days so a sync late in the day stays inside).
LIFETIME reports are a snapshot per sync day (``as_of_date`` = today).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from campaignctl.reports.definition import ReportDefinition

ONE_DAY = timedelta(days=1)
AGGREGATE_DAY_CHUNK = 90  # days per aggregate DAY request (90-day limit)
ASYNC_DAY_CHUNK = 365  # days per async request (365-day limit)
HOUR_DAYS = 13  # whole days of hourly data that are always within 14 days


@dataclass(frozen=True, order=True)
class Span:
    """Whole UTC days, ``first`` to ``last`` inclusive."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def start_time(self) -> str:
        """``report_start``: the first day's midnight."""
        return _stamp(datetime.combine(self.first, time()))

    def end_time(self, granularity: str) -> str:
        """``report_end`` (inclusive): the last day, or its last hour."""
        hour = time(23) if granularity == "HOUR" else time()
        return _stamp(datetime.combine(self.last, hour))

    def __str__(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


def sync_span(
    definition: ReportDefinition, *, today: date, watermark: date | None
) -> Span | None:
    """The days this sync reads (None: nothing to read yet)."""
    if definition.granularity == "LIFETIME":
        return Span(today, today)
    last = today - ONE_DAY
    first = definition.backfill.start(today)
    if watermark is not None:
        reread = today - ONE_DAY - timedelta(days=definition.lookback_days)
        first = max(first, min(watermark + ONE_DAY, reread))
    if definition.granularity == "HOUR":
        first = max(first, today - timedelta(days=HOUR_DAYS))
    return Span(first, last) if first <= last else None


def chunks(definition: ReportDefinition, span: Span) -> list[Span]:
    """``span`` cut into request windows the endpoint accepts."""
    if definition.granularity != "DAY":
        return [span]
    size = ASYNC_DAY_CHUNK if definition.endpoint == "async" else AGGREGATE_DAY_CHUNK
    return list(_cut(span, size))


def _cut(span: Span, size: int) -> Iterator[Span]:
    first = span.first
    while first <= span.last:
        last = min(span.last, first + timedelta(days=size - 1))
        yield Span(first, last)
        first = last + ONE_DAY


def is_final(day: date, *, today: date, lookback_days: int) -> bool:
    """Whether ``day``'s figures can no longer change (read for the last time)."""
    return day <= today - ONE_DAY - timedelta(days=lookback_days)


def reread_days(
    definition: ReportDefinition, span: Span, *, watermark: date | None
) -> int:
    """How many days of ``span`` were loaded before (re-read for late data)."""
    if watermark is None or definition.granularity == "LIFETIME":
        return 0
    return max(0, (min(watermark, span.last) - span.first).days + 1)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
