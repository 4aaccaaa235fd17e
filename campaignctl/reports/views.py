"""Views over report tables (SQL both DuckDB and PostgreSQL run), pure.

* ``<table>__named``: every row joined to what the manifests declare about its
  entity (address, names, declared budgets and flight), by live id;
* ``<table>__by_entity`` and ``<table>__by_day`` (DAY and HOUR reports):
  rollups across buckets and across entities. ``sum`` metrics are summed,
  ratios are recomputed from summed parts, and distinct counts (reach,
  listeners...) and ratios over them (frequency) are NULL: they never add up,
  so summing them would print a wrong number. Correct multi-day reach comes
  from a LIFETIME report;
* ``<table>__latest`` (LIFETIME reports): each entity's newest snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator

from campaignctl.reports.catalogue import BY_NAME, Metric, rollup_of
from campaignctl.reports.definition import ReportDefinition
from campaignctl.reports.sql import SQL_TYPES, quote
from campaignctl.reports.tables import ENTITIES_TABLE, bucket_column, metric_kind

_DECLARED = (
    ("address", "manifest_address"),
    ("name", "manifest_name"),
    ("campaign_name", "manifest_campaign"),
    ("ad_set_name", "manifest_ad_set"),
    ("currency", "manifest_currency"),
    ("daily_budget", "declared_daily_budget"),
    ("lifetime_budget", "declared_lifetime_budget"),
    ("flight_start_utc", "flight_start_utc"),
    ("flight_end_utc", "flight_end_utc"),
    ("manifest", "manifest_source"),
)


def view_names(definition: ReportDefinition) -> list[str]:
    table = definition.table
    if definition.granularity == "LIFETIME":
        return [f"{table}__named", f"{table}__latest"]
    return [f"{table}__named", f"{table}__by_entity", f"{table}__by_day"]


def view_statements(definition: ReportDefinition) -> Iterator[str]:
    """DROP and CREATE statements for every view of ``definition``."""
    bodies = {f"{definition.table}__named": _named(definition)}
    if definition.granularity == "LIFETIME":
        bodies[f"{definition.table}__latest"] = _latest(definition)
    else:
        bucket = bucket_column(definition)
        keys = ["ad_account_id", "entity_id", "attribution_window"]
        if definition.insight_dimension:
            keys.append("insight_value")
        bodies[f"{definition.table}__by_entity"] = _rollup(
            definition, keys, spans=bucket
        )
        bodies[f"{definition.table}__by_day"] = _rollup(
            definition, ["ad_account_id", bucket, "attribution_window"], spans=None
        )
    for name, body in bodies.items():
        yield f"DROP VIEW IF EXISTS {quote(name)}"
        yield f"CREATE VIEW {quote(name)} AS {body}"


def _named(definition: ReportDefinition) -> str:
    table = quote(definition.table)
    declared = ", ".join(f"e.{quote(a)} AS {quote(b)}" for a, b in _DECLARED)
    extra = ""
    if definition.granularity == "DAY" and "spend" in definition.metrics:
        extra = (
            ", CAST(f.spend AS DOUBLE PRECISION) * 100 / "
            "NULLIF(e.daily_budget, 0) AS daily_budget_used_pct"
        )
    return (
        f"SELECT f.*, {declared}{extra} FROM {table} f "
        f"LEFT JOIN {quote(ENTITIES_TABLE)} e ON e.ad_account_id = f.ad_account_id "
        f"AND e.level = '{definition.level}' AND e.entity_id = f.entity_id"
    )


def _latest(definition: ReportDefinition) -> str:
    table = quote(definition.table)
    return (
        f"SELECT f.* FROM {table} f WHERE f.as_of_date = (SELECT max(g.as_of_date) "
        f"FROM {table} g WHERE g.ad_account_id = f.ad_account_id "
        "AND g.entity_id = f.entity_id "
        "AND g.attribution_window = f.attribution_window)"
    )


def _rollup(definition: ReportDefinition, keys: list[str], *, spans: str | None) -> str:
    present = definition.metrics
    columns = [quote(k) for k in keys]
    if spans is not None:
        columns += [
            f"min({quote(spans)}) AS first_{spans}",
            f"max({quote(spans)}) AS last_{spans}",
        ]
    columns.append("count(*) AS buckets")
    for metric in definition.catalogue:
        columns.append(f"{_rolled(metric, present)} AS {quote(metric.name)}")
        if metric.private:
            name = quote(f"{metric.name}_suppressed")
            columns.append(f"bool_or({name}) AS {name}")
    group = ", ".join(quote(k) for k in keys)
    return (
        f"SELECT {', '.join(columns)} FROM {quote(definition.table)} GROUP BY {group}"
    )


def _rolled(metric: Metric, present: tuple[str, ...]) -> str:
    how = rollup_of(metric, present)
    if how == "sum":
        return f"sum({quote(metric.name)})"
    if how == "ratio":
        assert metric.ratio is not None
        top, bottom = (
            BY_NAME[metric.ratio.numerator],
            BY_NAME[metric.ratio.denominator],
        )
        scale = f" * {metric.ratio.scale}" if metric.ratio.scale != 1 else ""
        return (
            f"CAST(sum({quote(top.name)}) AS DOUBLE PRECISION){scale} / "
            f"NULLIF(sum({quote(bottom.name)}), 0)"
        )
    return f"CAST(NULL AS {SQL_TYPES[metric_kind(metric)]})"
