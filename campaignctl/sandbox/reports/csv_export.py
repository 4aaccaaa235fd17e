"""The CSV file behind an async report's ``report_url``.

Spotify does not publish the export's exact header, so the sandbox writes the
request's own enum names: ``DATE`` (``YYYY-MM-DD``, DAY reports only), then
the dimensions in request order, then the insight dimension's name (when
set), then the metrics in request order. One row per primary entity (per day
for DAY; per insight value when broken down), entities in creation order,
zero rows included. Numbers are written as the aggregate report's JSON
writes them (SPEND in currency units, conversions 1-4 as -5), so the CSV
and ``aggregate_reports`` agree for the same entities and window.

The figures are a snapshot as of the moment the report became READY.
"""

from __future__ import annotations

import csv
import io

from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.reports import entities, insights
from campaignctl.sandbox.reports.engine import tally
from campaignctl.sandbox.reports.fields import (
    ASYNC,
    Tally,
    Value,
    field_values,
    money,
    seven_day_window,
)
from campaignctl.sandbox.reports.requests import primary_level
from campaignctl.sandbox.reports.windows import Window
from campaignctl.sandbox.store import JSON

DIMENSION_SOURCES = {  # dimension -> (level, body key)
    "AD_ACCOUNT_NAME": ("AD_ACCOUNT", "name"),
    "AD_ACCOUNT_CURRENCY": ("AD_ACCOUNT", "currency_code"),
    "CAMPAIGN_NAME": ("CAMPAIGN", "name"),
    "CAMPAIGN_STATUS": ("CAMPAIGN", "status"),
    "CAMPAIGN_OBJECTIVE": ("CAMPAIGN", "objective"),
    "AD_SET_NAME": ("AD_SET", "name"),
    "AD_SET_STATUS": ("AD_SET", "status"),
    "AD_SET_BUDGET": ("AD_SET", "budget"),
    "AD_SET_COST_MODEL": ("AD_SET", "cost_model"),
    "AD_NAME": ("AD", "name"),
}


def render_csv(sb: Sandbox, account_id: str, request: JSON, *, as_of: float) -> str:
    """The report file as CSV text (RFC 4180, header row first)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(request))
    for row in report_rows(sb, account_id, request, as_of=as_of):
        writer.writerow([text(value) for value in row])
    return out.getvalue()


def header(request: JSON) -> list[str]:
    insight = request["insight_dimension"]
    return [
        *(["DATE"] if request["granularity"] == "DAY" else []),
        *request["dimensions"],
        *([insight] if insight else []),
        *request["metrics"],
    ]


def report_rows(
    sb: Sandbox, account_id: str, request: JSON, *, as_of: float
) -> list[list[Value | str]]:
    level = primary_level(request["dimensions"])
    window = Window(request["granularity"], request["start"], request["end"])
    found = _entities(sb, account_id, level, request, as_of=as_of)
    tallies = tally(
        sb,
        account_id,
        window,
        lambda cell: entities.key_of(level, cell, account_id),
        as_of=as_of,
    )
    ad_sets = {r.id: r.body for r in sb.store.records("ad_set", account_id)}
    daily = request["granularity"] == "DAY"
    rows = []
    for entity in found:
        described = [_dimension(name, entity) for name in request["dimensions"]]
        for bucket in window.buckets():
            day = [format_time(bucket)[:10]] if daily and bucket is not None else []
            found_tally = tallies.get((entity.id, bucket))
            for label, part in _parts(found_tally, request, ad_sets):
                rows.append([*day, *described, *label, *_metrics(part, request)])
    return rows


def text(value: Value | str) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _entities(
    sb: Sandbox, account_id: str, level: str, request: JSON, *, as_of: float
) -> list[entities.Entity]:
    found = entities.load(sb.store, account_id, level, as_of=as_of)
    if level == "AD_ACCOUNT":
        return found
    statuses = entities.async_statuses(sb.store, account_id)
    campaigns = set(request["campaign_ids"])
    return [
        entity
        for entity in found
        if (not campaigns or entity.ancestor_id("CAMPAIGN") in campaigns)
        and statuses.get(entity.id) in request["statuses"]
    ]


def _parts(
    found: Tally | None, request: JSON, ad_sets: dict[str, JSON]
) -> list[tuple[list[str], Tally]]:
    whole = found or Tally()
    insight = request["insight_dimension"]
    if not insight:
        return [([], whole)]
    return [([label], part) for label, part in insights.split(whole, insight, ad_sets)]


def _metrics(part: Tally, request: JSON) -> list[Value]:
    quantities = part.quantities()
    if request["attribution_window"] == "IMPRESSION_7_DAY":
        quantities = seven_day_window(quantities)
    return [value for _, value in field_values(request["metrics"], quantities, ASYNC)]


def _dimension(name: str, entity: entities.Entity) -> Value | str:
    level, key = DIMENSION_SOURCES[name]
    value = entity.path[level].body.get(key, "")
    if name == "AD_SET_BUDGET":
        return money(value["micro_amount"])
    return str(value)
