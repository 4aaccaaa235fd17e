"""``CreateAsyncReportRequest``: the schema and the rules of research §2a.

SPA rules: name 2-120 characters of letters, digits, spaces, ``_`` and
``-``; granularity DAY or LIFETIME; dimensions and metrics from their own
enums (aggregate field names are refused with the async equivalent); the
primary entity is the lowest level among the dimensions and ``statuses``
(default ``[ACTIVE]``) must be valid for it; ``campaign_ids`` must exist
(they are ignored for an account-level report); bounds in whole UTC hours,
DAY needs both at midnight, at most 365 days apart, LIFETIME bounds are
truncated to midnight; ``insight_dimension`` only with LIFETIME.
"""

from __future__ import annotations

import re

from campaignctl.sandbox.reports import entities
from campaignctl.sandbox.reports.fields import (
    AGGREGATE_FIELDS,
    ASYNC_METRICS,
    async_name,
)
from campaignctl.sandbox.reports.windows import build_window, parse_bounds
from campaignctl.sandbox.rules.check import fail_if, validate_body
from campaignctl.sandbox.rules.types import Body, Uuid
from campaignctl.sandbox.store import JSON, Store

DIMENSIONS = {
    "AD_ACCOUNT_NAME": "AD_ACCOUNT",
    "AD_ACCOUNT_CURRENCY": "AD_ACCOUNT",
    "CAMPAIGN_NAME": "CAMPAIGN",
    "CAMPAIGN_STATUS": "CAMPAIGN",
    "CAMPAIGN_OBJECTIVE": "CAMPAIGN",
    "AD_SET_NAME": "AD_SET",
    "AD_SET_STATUS": "AD_SET",
    "AD_SET_BUDGET": "AD_SET",
    "AD_SET_COST_MODEL": "AD_SET",
    "AD_NAME": "AD",
}
STATUSES = ("ACTIVE", "COMPLETED", "STOPPED", "PAUSED", "PENDING_APPROVAL", "REJECTED")
INSIGHT_DIMENSIONS = (
    *("ACT_AND_SET", "AGE", "AUDIENCE", "CITY", "COUNTRY", "FORMAT", "GENDER"),
    *("GENRE", "INTERESTS", "METRO", "PLACEMENT", "PLATFORM"),
    *("PODCAST_EPISODE_TOPIC", "REGION", "TONE"),
)
ATTRIBUTION_WINDOWS = ("IMPRESSION_30_DAY", "IMPRESSION_7_DAY")
NAME = re.compile(r"^[A-Za-z0-9 _-]*$")
MAX_DAYS = 365


class CreateAsyncReportRequest(Body):
    name: str
    granularity: str
    dimensions: list[str]
    metrics: list[str]
    statuses: list[str] | None = None
    campaign_ids: list[Uuid] | None = None
    report_start: str | None = None
    report_end: str | None = None
    insight_dimension: str | None = None
    attribution_window: str | None = None


def primary_level(dimensions: list[str]) -> str:
    """The lowest level among the dimensions (Ad Account > ... > Ad)."""
    levels = [DIMENSIONS[name] for name in dimensions if name in DIMENSIONS]
    return max(levels, key=entities.LEVELS.index, default="AD_ACCOUNT")


def parse_request(store: Store, account_id: str, body: JSON) -> JSON:
    """The checked request, normalised (defaults applied, times as instants)."""
    _, fields = validate_body(CreateAsyncReportRequest, body)
    problems = _name(fields["name"])
    granularity = fields["granularity"]
    if granularity == "HOUR":
        problems.append(
            "granularity: HOUR is not available for async reports; use DAY or LIFETIME"
        )
    elif granularity not in ("DAY", "LIFETIME"):
        problems.append(
            f"granularity: {granularity[:40]!r} is not one of DAY, LIFETIME"
        )
    problems += _dimensions(fields["dimensions"]) + _metrics(fields["metrics"])
    level = primary_level(fields["dimensions"])
    statuses = fields.get("statuses", ["ACTIVE"])
    problems += _statuses(statuses, level)
    campaigns = [c.lower() for c in fields.get("campaign_ids", [])]
    if level != "AD_ACCOUNT":
        problems += _campaigns(store, account_id, campaigns)
    bounds = parse_bounds(
        {k: fields.get(k) for k in ("report_start", "report_end")}, problems
    )
    window = build_window(
        granularity if granularity in ("DAY", "LIFETIME") else "LIFETIME",
        bounds,
        problems,
        max_days=MAX_DAYS,
        required=("DAY",),
    )
    problems += _optional(fields, granularity)
    fail_if(problems)
    return {
        "name": fields["name"],
        "granularity": granularity,
        "dimensions": list(dict.fromkeys(fields["dimensions"])),
        "metrics": list(dict.fromkeys(fields["metrics"])),
        "statuses": list(dict.fromkeys(statuses)),
        "campaign_ids": campaigns if level != "AD_ACCOUNT" else [],
        "start": window.start,
        "end": window.end,
        "insight_dimension": fields.get("insight_dimension"),
        "attribution_window": fields.get("attribution_window", "IMPRESSION_30_DAY"),
    }


def _name(name: str) -> list[str]:
    problems = []
    if not 2 <= len(name) <= 120:
        problems.append("name: must be 2 to 120 characters")
    if not NAME.match(name):
        problems.append(
            "name: may contain only letters, digits, spaces, '_' and '-' "
            "(no other special characters)"
        )
    return problems


def _dimensions(dimensions: list[str]) -> list[str]:
    if not dimensions:
        return ["dimensions: give at least one dimension"]
    problems = []
    for name in dimensions:
        if name in INSIGHT_DIMENSIONS:
            problems.append(
                f"dimensions: {name} is not a dimension; break reports down by it "
                "with insight_dimension (LIFETIME only)"
            )
        elif name not in DIMENSIONS:
            problems.append(
                f"dimensions: {name[:60]!r} is not one of {', '.join(DIMENSIONS)}"
            )
    return problems


def _metrics(metrics: list[str]) -> list[str]:
    if not metrics:
        return ["metrics: give at least one metric"]
    problems = []
    for name in metrics:
        if name in ASYNC_METRICS:
            continue
        if name in AGGREGATE_FIELDS:
            hint = async_name(name)
            problems.append(
                f"metrics: {name} is an aggregate report field, not an async report "
                "metric" + (f"; use {hint}" if hint else "")
            )
        else:
            problems.append(f"metrics: {name[:60]!r} is not an AsyncReportMetric")
    return problems


def _statuses(statuses: list[str], level: str) -> list[str]:
    problems = [
        f"statuses: {status[:60]!r} is not one of {', '.join(STATUSES)}"
        for status in statuses
        if status not in STATUSES
    ]
    valid = entities.ASYNC_STATUSES.get(level)
    if valid is not None:
        problems += [
            f"statuses: {status} is not valid for the primary entity {level} "
            f"({', '.join(valid)})"
            for status in statuses
            if status in STATUSES and status not in valid
        ]
    return problems


def _campaigns(store: Store, account_id: str, ids: list[str]) -> list[str]:
    problems = []
    for campaign_id in ids:
        record = store.get("campaign", campaign_id)
        if record is None or record.account_id != account_id:
            problems.append(
                f"campaign_ids: campaign {campaign_id} does not exist "
                f"in ad account {account_id}"
            )
    return problems


def _optional(fields: JSON, granularity: str) -> list[str]:
    problems = []
    insight = fields.get("insight_dimension")
    if insight is not None and insight not in INSIGHT_DIMENSIONS:
        problems.append(
            f"insight_dimension: {insight[:40]!r} is not one of "
            f"{', '.join(INSIGHT_DIMENSIONS)}"
        )
    elif insight is not None and granularity != "LIFETIME":
        problems.append(
            "insight_dimension: only LIFETIME reports can be broken down by an "
            "insight dimension"
        )
    window = fields.get("attribution_window")
    if window is not None and window not in ATTRIBUTION_WINDOWS:
        problems.append(
            f"attribution_window: {window[:40]!r} is not one of "
            f"{', '.join(ATTRIBUTION_WINDOWS)}"
        )
    return problems
