"""The warehouse shape of a report: its table's columns and primary key.

Every fact table is keyed by ``(ad_account_id, entity_id, <bucket>,
attribution_window)`` (plus ``insight_value`` for insight breakdowns), where
the bucket is ``date_day`` (DAY), ``hour_start_utc`` (HOUR) or ``as_of_date``
(LIFETIME: one snapshot per sync day). IDs, never names, are keys. Metrics
the API did not return are NULL, never 0; conversion counts the API hides
(1-4 reported as -5) are NULL with ``<metric>_suppressed`` true.

Lineage: ``_report_key`` (the definition's fingerprint), ``_source``
(aggregate or async) and ``_is_final`` (the day can no longer change). No
timestamp of the sync is stored in rows, so re-reading unchanged data leaves
tables byte-for-byte identical; sync times live in the state table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from campaignctl.reports.catalogue import Metric, Unit
from campaignctl.reports.definition import ReportDefinition

STATE_TABLE = "_campaignctl_sync_state"
ENTITIES_TABLE = "_campaignctl_entities"
BUCKETS = {"DAY": "date_day", "HOUR": "hour_start_utc", "LIFETIME": "as_of_date"}


class Kind(StrEnum):
    """Logical column types; each warehouse maps them to its SQL types."""

    TEXT = "text"
    DATE = "date"
    TIMESTAMP = "timestamp"  # UTC, without time zone
    BIGINT = "bigint"
    DECIMAL = "decimal"  # money: 18 digits, 6 after the point
    DOUBLE = "double"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    key: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.key)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


_UNIT_KINDS = {
    Unit.COUNT: Kind.BIGINT,
    Unit.CURRENCY: Kind.DECIMAL,
    Unit.PERCENT: Kind.DOUBLE,
    Unit.RATIO: Kind.DOUBLE,
}
_DIMENSION_KINDS = {"AD_SET_BUDGET": Kind.DECIMAL}
_AGGREGATE_DESCRIPTION = (
    Column("entity_name", Kind.TEXT),
    Column("entity_status", Kind.TEXT),
)
_PARENT = (Column("parent_id", Kind.TEXT), Column("parent_name", Kind.TEXT))
LINEAGE = (
    Column("_report_key", Kind.TEXT),
    Column("_source", Kind.TEXT),
    Column("_is_final", Kind.BOOLEAN),
)


def metric_kind(metric: Metric) -> Kind:
    return _UNIT_KINDS[metric.unit]


def bucket_column(definition: ReportDefinition) -> str:
    return BUCKETS[definition.granularity]


def report_table(definition: ReportDefinition) -> Table:
    """The fact table a report's rows go into."""
    bucket = bucket_column(definition)
    bucket_kind = Kind.TIMESTAMP if definition.granularity == "HOUR" else Kind.DATE
    columns = [
        Column("ad_account_id", Kind.TEXT, key=True),
        Column("entity_id", Kind.TEXT, key=True),
        Column(bucket, bucket_kind, key=True),
        Column("attribution_window", Kind.TEXT, key=True),
    ]
    if definition.insight_dimension:
        columns.append(Column("insight_value", Kind.TEXT, key=True))
    columns += _description(definition)
    for metric in definition.catalogue:
        columns.append(Column(metric.name, metric_kind(metric)))
        if metric.private:
            columns.append(Column(f"{metric.name}_suppressed", Kind.BOOLEAN))
    return Table(definition.table, (*columns, *LINEAGE))


def _description(definition: ReportDefinition) -> list[Column]:
    if definition.endpoint == "aggregate":
        parent = definition.level in ("AD_SET", "AD")
        return [*_AGGREGATE_DESCRIPTION, *(_PARENT if parent else ())]
    return [
        Column(name.lower(), _DIMENSION_KINDS.get(name, Kind.TEXT))
        for name in definition.dimensions
    ]


STATE = Table(
    STATE_TABLE,
    (
        Column("report", Kind.TEXT, key=True),
        Column("ad_account_id", Kind.TEXT, key=True),
        Column("report_key", Kind.TEXT),
        Column("shape", Kind.TEXT),  # the table's key and bucket, to refuse a change
        Column("watermark", Kind.DATE),  # the last day loaded
        Column("last_span_first", Kind.DATE),
        Column("last_span_last", Kind.DATE),
        Column("rows_written", Kind.BIGINT),
        Column("last_success_at", Kind.TIMESTAMP),
        Column("pending_async_report_id", Kind.TEXT),  # resume instead of re-create
        Column("pending_request", Kind.TEXT),  # fingerprint of that async request
    ),
)
ENTITIES = Table(
    ENTITIES_TABLE,
    (
        Column("ad_account_id", Kind.TEXT, key=True),
        Column("level", Kind.TEXT, key=True),
        Column("entity_id", Kind.TEXT, key=True),
        Column("address", Kind.TEXT),
        Column("name", Kind.TEXT),
        Column("campaign_name", Kind.TEXT),
        Column("ad_set_name", Kind.TEXT),
        Column("currency", Kind.TEXT),
        Column("daily_budget", Kind.DECIMAL),
        Column("lifetime_budget", Kind.DECIMAL),
        Column("flight_start_utc", Kind.TIMESTAMP),
        Column("flight_end_utc", Kind.TIMESTAMP),
        Column("manifest", Kind.TEXT),  # file:line:col of the declaration
    ),
)


def shape_of(definition: ReportDefinition) -> str:
    """What must not change under an existing table: its key and bucket."""
    key = ",".join(report_table(definition).key)
    return f"{definition.level}/{definition.granularity}/{key}"
