"""Request parameters and row normalisation (pure)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from campaignctl.errors import ApiError
from campaignctl.reports.definition import Backfill, ReportDefinition
from campaignctl.reports.requests import aggregate_requests, async_body
from campaignctl.reports.rows import Batch, aggregate_rows, check_unique, csv_rows
from campaignctl.reports.windows import Span

SPAN = Span(date(2030, 1, 1), date(2030, 1, 3))
AD_SET = ReportDefinition(
    name="daily",
    table="daily",
    endpoint="aggregate",
    level="AD_SET",
    granularity="DAY",
    metrics=("impressions", "spend", "purchases"),
    statuses=("ACTIVE", "COMPLETED"),
    backfill=Backfill(days=3),
)
IDS = [f"00000000-0000-4000-8000-{n:012d}" for n in range(120)]


def test_aggregate_requests_chunk_ids_by_50_with_explicit_statuses() -> None:
    requests = aggregate_requests(AD_SET, SPAN, IDS)
    assert [len(r["entity_ids"]) for r in requests] == [50, 50, 20]
    first = dict(requests[0])
    del first["entity_ids"]
    assert first == {
        "entity_type": "AD_SET",
        "fields": ["IMPRESSIONS", "SPEND", "PURCHASES"],
        "granularity": "DAY",
        "limit": 50,
        "report_start": "2030-01-01T00:00:00Z",
        "report_end": "2030-01-03T00:00:00Z",
        "include_parent_entity": "true",
        "statuses": ["ACTIVE", "COMPLETED"],
        "entity_status_type": "AD_SET",
        "entity_ids_type": "AD_SET",
    }


def test_hour_and_lifetime_bounds() -> None:
    hour = AD_SET.model_copy(update={"granularity": "HOUR", "statuses": None})
    [request] = aggregate_requests(hour, SPAN, None)
    assert (request["report_start"], request["report_end"]) == (
        "2030-01-01T00:00:00Z",
        "2030-01-03T23:00:00Z",
    )
    assert "statuses" not in request  # every status: no filter sent
    lifetime = AD_SET.model_copy(update={"granularity": "LIFETIME"})
    [request] = aggregate_requests(lifetime, SPAN, IDS[:2])
    assert "report_start" not in request
    assert request["entity_ids_type"] == "CAMPAIGN"  # parents are fine for LIFETIME


def test_async_body_always_sends_statuses() -> None:
    csv = AD_SET.model_copy(
        update={
            "endpoint": "async",
            "metrics": ("impressions_on_spotify", "completes"),
            "dimensions": ("CAMPAIGN_NAME", "AD_SET_NAME"),
            "statuses": None,
        }
    )
    assert async_body(csv, SPAN, None) == {
        "name": "daily",
        "granularity": "DAY",
        "dimensions": ["CAMPAIGN_NAME", "AD_SET_NAME"],
        "metrics": ["IMPRESSIONS_ON_SPOTIFY", "AD_COMPLETES"],
        "statuses": ["ACTIVE", "COMPLETED", "PENDING_APPROVAL", "REJECTED"],
        "attribution_window": "IMPRESSION_30_DAY",
        "report_start": "2030-01-01T00:00:00Z",
        "report_end": "2030-01-03T00:00:00Z",
    }


BATCH = Batch(AD_SET, "acct", date(2030, 1, 4))


def test_aggregate_rows_keep_money_exact_and_missing_metrics_null() -> None:
    row = {
        "entity_id": "e1",
        "entity_name": "US",
        "entity_status": "ACTIVE",
        "parent_entity": {"id": "c1", "name": "Launch"},
        "start_time": "2030-01-02T00:00:00Z",
        "end_time": "2030-01-03T00:00:00Z",
        "stats": [
            {"field_type": "IMPRESSIONS", "field_value": 7180.0},
            {"field_type": "SPEND", "field_value": 128.143915},
            {"field_type": "PURCHASES", "field_value": -5},
        ],
    }
    assert aggregate_rows(BATCH, [row, {**row, "stats": []}]) == [
        {
            "ad_account_id": "acct",
            "entity_id": "e1",
            "entity_name": "US",
            "entity_status": "ACTIVE",
            "parent_id": "c1",
            "parent_name": "Launch",
            "impressions": 7180,
            "spend": Decimal("128.143915"),
            "purchases": None,  # 1 to 4 conversions: hidden by the API
            "purchases_suppressed": True,
            "date_day": date(2030, 1, 2),
            "attribution_window": "IMPRESSION_30_DAY",
            "_report_key": AD_SET.key,
            "_source": "aggregate",
            "_is_final": False,
        },
        {
            "ad_account_id": "acct",
            "entity_id": "e1",
            "entity_name": "US",
            "entity_status": "ACTIVE",
            "parent_id": "c1",
            "parent_name": "Launch",
            "impressions": None,  # not returned: NULL, never 0
            "spend": None,
            "purchases": None,
            "purchases_suppressed": False,
            "date_day": date(2030, 1, 2),
            "attribution_window": "IMPRESSION_30_DAY",
            "_report_key": AD_SET.key,
            "_source": "aggregate",
            "_is_final": False,
        },
    ]


def test_csv_rows_resolve_names_to_ids() -> None:
    csv_definition = AD_SET.model_copy(
        update={
            "endpoint": "async",
            "metrics": ("spend",),
            "dimensions": ("CAMPAIGN_NAME", "AD_SET_NAME"),
        }
    )
    table = [
        ["DATE", "CAMPAIGN_NAME", "AD_SET_NAME", "SPEND"],
        ["2030-01-01", "Launch", "US", "128.143915"],
    ]
    batch = Batch(csv_definition, "acct", date(2030, 1, 4))
    [row] = csv_rows(batch, table, lambda path: {("Launch", "US"): "e1"}[path])
    assert (row["entity_id"], row["date_day"], row["spend"]) == (
        "e1",
        date(2030, 1, 1),
        Decimal("128.143915"),
    )
    with pytest.raises(ApiError, match="the report file has no SPEND, DATE column"):
        csv_rows(batch, [["CAMPAIGN_NAME", "AD_SET_NAME"]], lambda path: "e1")


def test_two_rows_for_one_key_are_refused() -> None:
    rows = [{"a": 1, "b": 2}, {"a": 1, "b": 2}]
    with pytest.raises(ApiError, match="two rows for one key"):
        check_unique(rows, ("a", "b"))
