"""Report time windows: ``report_start``/``report_end`` checks and buckets.

Times are UTC ``YYYY-MM-DDTHH:MM:SSZ`` in whole hours. ``report_end`` is
inclusive: for DAY and LIFETIME the whole end day counts, for HOUR the whole
end hour. LIFETIME bounds are truncated to midnight. Each check returns
human messages; callers report them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaignctl.sandbox.clock import format_time, parse_time
from campaignctl.sandbox.metrics import DAY, HOUR, floor_to


@dataclass(frozen=True)
class Window:
    """A report window: ``start``..``end`` inclusive bounds as requested
    (after truncation), ``stop`` the exclusive end; all None = lifetime."""

    granularity: str
    start: float | None = None
    end: float | None = None

    @property
    def step(self) -> int:
        return HOUR if self.granularity == "HOUR" else DAY

    @property
    def stop(self) -> float | None:
        return None if self.end is None else self.end + self.step

    def buckets(self) -> list[float | None]:
        """Bucket starts: each day or hour, or one bucket for LIFETIME."""
        if self.granularity == "LIFETIME" or self.start is None or self.end is None:
            return [self.start]
        count = int((self.end - self.start) // self.step) + 1
        return [self.start + index * self.step for index in range(count)]

    def bucket_times(self, bucket: float | None) -> dict[str, str]:
        """``start_time``/``end_time`` of a bucket (none for a bare lifetime)."""
        if bucket is None or self.stop is None:
            return {}
        end = self.stop if self.granularity == "LIFETIME" else bucket + self.step
        return {"start_time": format_time(bucket), "end_time": format_time(end)}

    def echo(self) -> dict[str, str]:
        found = {}
        if self.start is not None:
            found["report_start"] = format_time(self.start)
        if self.end is not None:
            found["report_end"] = format_time(self.end)
        return found


def parse_bounds(
    values: dict[str, str | None], problems: list[str]
) -> dict[str, float | None]:
    """The bounds sent, as instants (whole hours, UTC); None when invalid."""
    found: dict[str, float | None] = {}
    for name, text in values.items():
        if text is None:
            continue
        found[name] = None
        instant = parse_time(text)
        if instant is None:
            problems.append(
                f"{name}: {text[:40]!r} is not a UTC time like 2030-01-01T00:00:00Z"
            )
        elif instant % HOUR:
            problems.append(f"{name}: must be a whole hour (minutes and seconds 0)")
        else:
            found[name] = instant
    return found


def build_window(
    granularity: str,
    bounds: dict[str, float | None],
    problems: list[str],
    *,
    max_days: int,
    required: tuple[str, ...],
) -> Window:
    """Check the bounds for ``granularity`` and make the window."""
    start, end = bounds.get("report_start"), bounds.get("report_end")
    for name in ("report_start", "report_end"):
        if granularity in required and name not in bounds:
            problems.append(f"{name}: is required for {granularity} granularity")
    if granularity == "LIFETIME":
        start = None if start is None else floor_to(start, DAY)
        end = None if end is None else floor_to(end, DAY)
    if granularity == "DAY":
        for name, value in (("report_start", start), ("report_end", end)):
            if value is not None and value % DAY:
                problems.append(
                    f"{name}: DAY reports need UTC midnight (T00:00:00Z) bounds"
                )
    if start is not None and end is not None:
        if end < start:
            problems.append("report_end: must not be before report_start")
        elif end - start > max_days * DAY:
            problems.append(
                f"report_end: must be within {max_days} days of report_start"
            )
    return Window(granularity, start, end)


def check_recent_hours(window: Window, now: float, problems: list[str]) -> None:
    """HOUR reports must lie within the last 14 days."""
    earliest = floor_to(now, HOUR) - 14 * DAY
    if window.start is not None and window.start < earliest:
        problems.append(
            "report_start: HOUR reports cover only the last 14 days "
            f"(earliest {format_time(earliest)})"
        )
