"""The ``kind: Report`` document: a report declared beside the campaigns it measures.

The model checks shapes only. The API's request rules (names, vocabularies,
statuses per level, windows) are checked by ``campaignctl.reports.validation``
so every problem carries its stable rule id (``SPA-03``, ``SPG-02``, ...).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PlainValidator, WithJsonSchema

from campaignctl.frozen import Frozen
from campaignctl.manifest.fields import StrictInt, choice, describe, fail, unique
from campaignctl.reports.catalogue import (
    ATTRIBUTION_WINDOWS,
    DIMENSIONS,
    GRANULARITIES,
    INSIGHT_DIMENSIONS,
    LEVELS,
    spellings,
)

REPORT_KIND = "Report"


def _words(values: object, *, lower: bool = True) -> WithJsonSchema:
    """An enum for editors, in both cases (the loader ignores case)."""
    assert isinstance(values, tuple | list)
    both = [s for v in values for s in dict.fromkeys((v, v.lower()) if lower else (v,))]
    return WithJsonSchema({"type": "string", "enum": both})


Endpoint = Annotated[
    str,
    choice("endpoint", ("aggregate", "async", "auto")),
]
Level = Annotated[str, _words(LEVELS)]
Granularity = Annotated[str, _words(GRANULARITIES)]
MetricName = Annotated[str, _words(spellings(), lower=False)]
Dimension = Annotated[str, _words(tuple(DIMENSIONS))]
Insight = Annotated[str, _words(INSIGHT_DIMENSIONS)]
Attribution = Annotated[
    str,
    choice(
        "attribution window",
        tuple(ATTRIBUTION_WINDOWS),
        aliases={
            "IMPRESSION_30_DAY": "IMPRESSION_30_DAY",
            "IMPRESSION_7_DAY": "IMPRESSION_7_DAY",
            "30_DAYS": "IMPRESSION_30_DAY",
            "7_DAYS": "IMPRESSION_7_DAY",
        },
    ),
]
Backfill = Annotated[
    str | int,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*[0-9]+\s+(days?|months?)\s*$"},
                {"type": "string", "format": "date"},
            ],
            "description": "How far back the first sync reads: '90 days', "
            "'6 months' or a start date (2030-01-01).",
            "examples": ["6 months", "90 days", "2030-01-01"],
        }
    ),
]


def _all_or_list(label: str, example: str) -> PlainValidator:
    """``all``, or a list of distinct texts (one message for anything else)."""

    def check(value: object) -> str | tuple[str, ...]:
        if value == "all":
            return "all"
        if not isinstance(value, list | tuple):
            fail(
                f"expected 'all' or a list, got {describe(value)}",
                f"e.g. {label}: all, or {label}: [{example}]",
            )
        items: list[str] = []
        for item in value:
            if not isinstance(item, str):
                fail(f"{label} are text, got {describe(item)}")
            if item in items:
                fail(f"{item!r} is listed more than once", f"{label} is a set")
            items.append(item)
        return tuple(items)

    return PlainValidator(check)


def _all_or_list_schema(items: dict[str, object]) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [
                {"const": "all"},
                {"type": "array", "items": items, "uniqueItems": True},
            ]
        }
    )


Statuses = Annotated[
    str | tuple[str, ...],
    _all_or_list("statuses", "ACTIVE, COMPLETED"),
    _all_or_list_schema({"type": "string"}),
]
Accounts = Annotated[
    str | tuple[str, ...],
    _all_or_list("accounts", "sandbox"),
    _all_or_list_schema({"type": "string"}),
]


class ReportSpec(Frozen):
    """A declared report. Identity: ``name`` (also its warehouse table)."""

    api_version: Literal["campaignctl/v1"] = Field(alias="apiVersion")
    kind: Literal["Report"]
    name: str | None = Field(
        None,
        description="2-120 letters, digits, '_' and '-'; the table is its "
        "lower-case form with '_' for '-'.",
    )
    endpoint: Endpoint = Field(
        "auto",
        description="aggregate (JSON, keyed by entity ids), async (CSV) or auto "
        "(aggregate unless a metric, dimension or setting needs async).",
    )
    level: Level | None = Field(
        None, description="Entity level: ad_account, campaign, ad_set or ad."
    )
    dimensions: Annotated[tuple[Dimension, ...], unique("dimensions")] | None = Field(
        None,
        description="Async reports: dimension columns; the lowest level among "
        "them is the entity level.",
    )
    insight_dimension: Insight | None = Field(
        None, description="Async LIFETIME reports: break figures down by this."
    )
    metrics: Annotated[tuple[MetricName, ...], unique("metrics")] | None = Field(
        None, description="Catalogue names (impressions) or API names (IMPRESSIONS)."
    )
    granularity: Granularity | None = Field(None, description="DAY, HOUR or LIFETIME.")
    backfill: Backfill | None = Field(
        None, description="How far back the first sync reads (default 6 months)."
    )
    lookback_days: StrictInt | None = Field(
        None,
        description="Days a closed day keeps being re-read for late data "
        "(default 7; at least the attribution window with conversion metrics).",
    )
    attribution_window: Attribution | None = Field(
        None, description="IMPRESSION_30_DAY (default) or IMPRESSION_7_DAY."
    )
    statuses: Statuses | None = Field(
        None,
        description="Required: 'all', or the entity statuses to include (the "
        "API's default is ACTIVE only, which silently drops finished campaigns).",
    )
    accounts: Accounts = Field(
        "all",
        description="'all' (every account of campaignctl.yaml and the campaign "
        "manifests) or aliases / ad account UUIDs.",
    )
    campaigns: Annotated[tuple[str, ...], unique("campaigns")] = Field(
        (), description="Only these campaigns, by their manifest names."
    )
