"""API rows → warehouse rows (pure).

Aggregate rows carry ids; async CSV rows carry names, resolved to ids by the
caller (``Names``). Values: counts become integers, money an exact
``Decimal`` (SPEND is in currency units, never micros), rates floats; a
metric the API left out is None (never 0); a hidden conversion count (-5) is
None with ``<metric>_suppressed`` true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from campaignctl.errors import ApiError, ApiErrorDetail
from campaignctl.reports.catalogue import Metric, Unit
from campaignctl.reports.definition import ReportDefinition
from campaignctl.reports.tables import bucket_column
from campaignctl.reports.windows import is_final

Row = dict[str, Any]
HIDDEN = -5  # the API's "1 to 4 conversions"
# (campaign name, ad set name, ad name)[: depth] -> entity id
Names = Callable[[tuple[str, ...]], str]


@dataclass(frozen=True)
class Batch:
    """Where rows come from, for their bucket and lineage columns."""

    definition: ReportDefinition
    account_id: str
    today: date

    @property
    def source(self) -> str:
        return self.definition.endpoint

    def finish(self, row: Row, bucket: date | datetime) -> Row:
        definition = self.definition
        row[bucket_column(definition)] = bucket
        row["attribution_window"] = definition.attribution_window
        row["_report_key"] = definition.key
        row["_source"] = self.source
        day = bucket.date() if isinstance(bucket, datetime) else bucket
        final = definition.granularity != "LIFETIME" and is_final(
            day, today=self.today, lookback_days=definition.lookback_days
        )
        row["_is_final"] = final
        return row


def aggregate_rows(batch: Batch, rows: Iterable[Mapping[str, Any]]) -> list[Row]:
    """``AggregateReportRow`` objects as table rows."""
    return [_aggregate_row(batch, row) for row in rows]


def _aggregate_row(batch: Batch, row: Mapping[str, Any]) -> Row:
    definition = batch.definition
    found: Row = {
        "ad_account_id": batch.account_id,
        "entity_id": str(row.get("entity_id") or batch.account_id),
        "entity_name": row.get("entity_name"),
        "entity_status": row.get("entity_status"),
    }
    if definition.level in ("AD_SET", "AD"):
        parent = row.get("parent_entity") or {}
        found["parent_id"] = parent.get("id")
        found["parent_name"] = parent.get("name")
    stats = {s.get("field_type"): s.get("field_value") for s in row.get("stats") or ()}
    for metric in definition.catalogue:
        _put(found, metric, stats.get(metric.aggregate))
    return batch.finish(found, _bucket(batch, row.get("start_time")))


def csv_rows(batch: Batch, table: list[list[str]], names: Names) -> list[Row]:
    """An async report's CSV (header first) as table rows."""
    if not table:
        return []
    header, *body = table
    index = {name: i for i, name in enumerate(header)}
    _require(index, batch.definition)
    return [_csv_row(batch, index, line, names) for line in body if line]


def _csv_row(
    batch: Batch, index: Mapping[str, int], line: list[str], names: Names
) -> Row:
    definition = batch.definition

    def cell(name: str) -> str:
        return line[index[name]] if index[name] < len(line) else ""

    path = tuple(cell(d) for d in definition.dimensions if d in _PATH)
    found: Row = {
        "ad_account_id": batch.account_id,
        "entity_id": names(path)
        if definition.level != "AD_ACCOUNT"
        else batch.account_id,
    }
    for dimension in definition.dimensions:
        found[dimension.lower()] = _dimension(dimension, cell(dimension))
    if definition.insight_dimension:
        found["insight_value"] = cell(definition.insight_dimension)
    for metric in definition.catalogue:
        assert metric.async_name is not None
        found[metric.name] = None
        _put(found, metric, _number(cell(metric.async_name)))
    if definition.granularity == "DAY":
        bucket: date = date.fromisoformat(cell("DATE")[:10])
    else:
        bucket = batch.today
    return batch.finish(found, bucket)


_PATH = ("CAMPAIGN_NAME", "AD_SET_NAME", "AD_NAME")


def _require(index: Mapping[str, int], definition: ReportDefinition) -> None:
    wanted = [*definition.dimensions]
    wanted += [m.async_name for m in definition.catalogue if m.async_name]
    if definition.granularity == "DAY":
        wanted.append("DATE")
    if definition.insight_dimension:
        wanted.append(definition.insight_dimension)
    missing = [name for name in wanted if name not in index]
    if missing:
        raise _unreadable(f"the report file has no {', '.join(missing)} column(s)")


def _put(row: Row, metric: Metric, value: Any) -> None:
    if metric.private:
        row[f"{metric.name}_suppressed"] = value == HIDDEN
        if value == HIDDEN:
            value = None
    row[metric.name] = _value(metric, value)


def _value(metric: Metric, value: Any) -> int | float | Decimal | None:
    if value is None or value == "":
        return None
    if metric.unit is Unit.COUNT:
        return round(float(value))
    if metric.unit is Unit.CURRENCY:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    return float(value)


def _number(text: str) -> int | float | None:
    stripped = text.strip()
    if not stripped:
        return None
    try:
        number = Decimal(stripped)
    except InvalidOperation:
        raise _unreadable(f"{stripped[:40]!r} is not a number") from None
    return int(number) if number == number.to_integral_value() else float(number)


def _dimension(name: str, text: str) -> str | Decimal | None:
    if name != "AD_SET_BUDGET":
        return text
    try:
        return Decimal(text.strip()) if text.strip() else None
    except InvalidOperation:
        raise _unreadable(f"AD_SET_BUDGET {text[:40]!r} is not a number") from None


def _bucket(batch: Batch, start: object) -> date | datetime:
    granularity = batch.definition.granularity
    if granularity == "LIFETIME":
        return batch.today
    if not isinstance(start, str):
        raise _unreadable("an aggregate report row has no start_time")
    moment = datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ")
    return moment if granularity == "HOUR" else moment.date()


def _unreadable(message: str) -> ApiError:
    detail = ApiErrorDetail(
        status=200, method="GET", path="report", messages=(message,)
    )
    return ApiError(
        detail,
        hint="the API returned a report campaignctl cannot read; please report it",
    )


def check_unique(rows: list[Row], key: tuple[str, ...]) -> None:
    """Grain = primary key: two rows for one key would be silently lost."""
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        value = tuple(row.get(k) for k in key)
        if value in seen:
            raise _unreadable(
                f"two rows for one key {dict(zip(key, value, strict=True))}"
            )
        seen.add(value)
