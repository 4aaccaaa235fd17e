"""Helpers for the delivery, report and estimate tests.

The test clock starts at 2030-01-01T00:00:00Z; ad sets made here start an
hour later (the earliest a flight may start) and bid well above the market
so that their budget, not the auction, limits delivery.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from campaignctl.sandbox import SandboxConfig, SyncASGITransport, create_app
from tests.conftest import SandboxBearer

from .helpers import (
    ROOT,
    ad_body,
    ad_set_body,
    audio_ad_assets,
    campaign_body,
    create,
    path,
)

JSON = dict[str, Any]
DAILY_REPORT: JSON = {  # an async report request
    "name": "daily_ad_sets",
    "granularity": "DAY",
    "dimensions": ["CAMPAIGN_NAME", "AD_SET_NAME"],
    "metrics": ["SPEND"],
    "report_start": "2030-01-01T00:00:00Z",
    "report_end": "2030-01-03T00:00:00Z",
}
PODCAST = {
    "placements": ["MUSIC", "PODCAST"],
    "age_ranges": [{"min": 18, "max": 34}],
    "geo_targets": {"country_code": "US"},
}
START = "2030-01-01T01:00:00Z"
END = "2030-03-01T00:00:00Z"
DAY = 86400


@dataclass
class Setup:
    campaign_id: str
    ad_set_id: str
    ad_ids: list[str] = field(default_factory=list)


@contextmanager
def sandbox(**options: Any) -> Iterator[httpx.Client]:
    """A fresh in-process sandbox (test clock, no rate limit) and its client."""
    settings: JSON = {
        "clock_start": "2030-01-01T00:00:00Z",
        "rate_limit": 0,
        "processing_ms": 0,
    }
    app = create_app(SandboxConfig(**(settings | options)))
    transport = SyncASGITransport(app)
    auth = SandboxBearer(transport, ROOT)
    with httpx.Client(transport=transport, base_url=f"{ROOT}/ads/v3", auth=auth) as c:
        yield c
    app.state.sandbox.close()


def delivering(
    client: httpx.Client,
    *,
    ads: int = 1,
    campaign_id: str | None = None,
    name: str = "US Rock Fans 18-34",
    **overrides: Any,
) -> Setup:
    """A campaign (unless given), an AUDIO ad set and ``ads`` ads."""
    if campaign_id is None:
        campaign_id = create(client, "campaigns", campaign_body())["id"]
    defaults = {"start_time": START, "end_time": END, "bid_micro_amount": 30_000_000}
    body = ad_set_body(campaign_id, name=name, **(defaults | overrides))
    ad_set_id = create(client, "ad_sets", body)["id"]
    setup = Setup(campaign_id, ad_set_id)
    if ads:
        assets = audio_ad_assets(client)
        for number in range(ads):
            ad = ad_body(ad_set_id, assets, name=f"Spot {number + 1}")
            setup.ad_ids.append(create(client, "ads", ad)["id"])
    return setup


def advance(client: httpx.Client, **units: float) -> JSON:
    reply = client.post(f"{ROOT}/_sandbox/advance", json=units)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def aggregate(client: httpx.Client, **params: Any) -> JSON:
    reply = client.get(path("aggregate_reports"), params=params)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def every_row(client: httpx.Client, **params: Any) -> list[JSON]:
    """All rows of an aggregate report, following continuation tokens."""
    page = aggregate(client, **params)
    rows = list(page["rows"])
    while "continuation_token" in page:
        page = aggregate(client, continuation_token=page["continuation_token"])
        rows += page["rows"]
    return rows


def refused(client: httpx.Client, url: str, **params: Any) -> list[str]:
    """The messages of a 400 from a GET."""
    reply = client.get(url, params=params)
    assert reply.status_code == 400, reply.text
    return list(reply.json()["messages"])


def stats(row: JSON) -> JSON:
    return {item["field_type"]: item["field_value"] for item in row["stats"]}


def daily(
    client: httpx.Client,
    entity_id: str,
    fields: list[str],
    start: str,
    end: str,
    *,
    entity_type: str = "AD_SET",
) -> list[JSON]:
    """Per-day stats of one entity (DAY granularity, inclusive end)."""
    report = aggregate(
        client,
        entity_type=entity_type,
        fields=fields,
        granularity="DAY",
        report_start=start,
        report_end=end,
        entity_ids=[entity_id],
        entity_ids_type=entity_type,
    )
    return [{"day": row["start_time"][:10], **stats(row)} for row in report["rows"]]


def lifetime(
    client: httpx.Client, entity_type: str, fields: list[str], **params: Any
) -> dict[str, JSON]:
    """LIFETIME stats by entity id."""
    report = aggregate(client, entity_type=entity_type, fields=fields, **params)
    return {row["entity_id"]: stats(row) for row in report["rows"]}


def create_report(client: httpx.Client, **changes: Any) -> str:
    """POST ``DAILY_REPORT | changes`` as an async report; its id."""
    reply = client.post(path("async_reports"), json=DAILY_REPORT | changes)
    assert reply.status_code == 201, reply.text
    return str(reply.json()["id"])


def report_csv(client: httpx.Client, report_id: str) -> list[list[str]]:
    """The parsed CSV of a READY async report."""
    report = client.get(path("async_reports", report_id)).json()
    assert report["status"] == "READY", report
    download = client.get(report["report_url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(download.text)))
