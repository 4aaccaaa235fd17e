"""Async CSV reports: lifecycle, the file, and agreement with aggregate reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from .helpers import ACCOUNT, path
from .reporting import (
    JSON,
    PODCAST,
    Setup,
    advance,
    create_report,
    delivering,
    every_row,
    report_csv,
    sandbox,
    stats,
)

UNKNOWN = "11111111-1111-4111-8111-111111111111"
OTHER = "22222222-2222-4222-8222-222222222222"


@dataclass
class World:
    client: httpx.Client
    live: Setup  # MUSIC + PODCAST, two ads
    other: Setup  # another campaign, one ad


@pytest.fixture
def world(sandbox_client: httpx.Client) -> World:
    live = delivering(sandbox_client, ads=2, targets=PODCAST)
    other = delivering(sandbox_client, name="Second Set")
    advance(sandbox_client, days=6)
    return World(sandbox_client, live, other)


def test_insight_dimensions_break_lifetime_reports_down(world: World) -> None:
    report = create_report(
        world.client,
        granularity="LIFETIME",
        dimensions=["AD_SET_NAME"],
        metrics=["IMPRESSIONS_ON_SPOTIFY", "CLICKS"],
        insight_dimension="AGE",
        campaign_ids=[world.live.campaign_id],
    )
    rows = report_csv(world.client, report)
    assert rows[0] == ["AD_SET_NAME", "AGE", "IMPRESSIONS_ON_SPOTIFY", "CLICKS"]
    ages = [row[1] for row in rows[1:]]
    assert ages == ["18-24", "25-34", "35-44", "45-54", "55+"]
    assert [int(r[2]) for r in rows[1:]][2:] == [0, 0, 0]  # targets ages 18-34
    whole = report_csv(
        world.client,
        create_report(
            world.client,
            granularity="LIFETIME",
            dimensions=["AD_SET_NAME"],
            metrics=["IMPRESSIONS_ON_SPOTIFY", "CLICKS"],
            campaign_ids=[world.live.campaign_id],
        ),
    )[1]
    assert sum(int(r[2]) for r in rows[1:]) == int(whole[1])
    assert sum(int(r[3]) for r in rows[1:]) == int(whole[2])


def test_processing_then_ready_then_expired() -> None:
    with sandbox(processing_ms=5000) as client:
        report = create_report(client)
        status = path("async_reports", report)
        assert client.get(status).json() == {
            "status": "PROCESSING",
            "submitted_at": "2030-01-01T00:00:00Z",
        }
        advance(client, seconds=5)
        ready = client.get(status).json()
        url = f"http://sandbox.test/_sandbox/reports/{ACCOUNT}/{report}.csv"
        assert ready == {
            "status": "READY",
            "submitted_at": "2030-01-01T00:00:00Z",
            "completed_at": "2030-01-01T00:00:05Z",
            "report_url": url,
        }
        assert client.get(url).status_code == 200
        advance(client, days=1)
        assert client.get(status).json()["status"] == "EXPIRED"
        assert "report_url" not in client.get(status).json()
        assert client.get(url).status_code == 410


def test_test_fail_names_fail(world: World) -> None:
    report = create_report(world.client, name="Test fail daily")
    assert world.client.get(path("async_reports", report)).json() == {
        "status": "FAILED",
        "submitted_at": "2030-01-07T00:00:00Z",
        "completed_at": "2030-01-07T00:00:00Z",
    }
    file = f"http://sandbox.test/_sandbox/reports/{ACCOUNT}/{report}.csv"
    assert world.client.get(file).status_code == 404


def test_unknown_and_foreign_reports_are_404_without_a_body() -> None:
    with sandbox(accounts=(f"{OTHER}:EUR",)) as client:
        report = create_report(client)
        unknown = client.get(path("async_reports", UNKNOWN))
        foreign = client.get(f"/ad_accounts/{OTHER}/async_reports/{report}")
        assert (unknown.status_code, unknown.content) == (404, b"")
        assert (foreign.status_code, foreign.content) == (404, b"")


def test_the_report_url_works_over_http_without_a_token(sandbox_server: str) -> None:
    token = httpx.post(
        sandbox_server.replace("/ads/v3", "/api/token"),
        data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
        auth=("sandbox-client", "sandbox-secret"),
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=sandbox_server, headers=headers) as client:
        report = create_report(client)
        url = client.get(path("async_reports", report)).json()["report_url"]
    root = sandbox_server.removesuffix("/ads/v3")
    assert url == f"{root}/_sandbox/reports/{ACCOUNT}/{report}.csv"
    download = httpx.get(url)
    assert download.status_code == 200
    assert download.text.splitlines()[0] == "DATE,CAMPAIGN_NAME,AD_SET_NAME,SPEND"
    assert download.headers["content-disposition"] == (
        'attachment; filename="daily_ad_sets.csv"'
    )


def test_the_csv_agrees_with_the_aggregate_report(world: World) -> None:
    metrics: dict[str, Callable[[JSON], Any]] = {  # async -> aggregate
        "IMPRESSIONS_ON_SPOTIFY": lambda s: (
            s["IMPRESSIONS"] - s["OFF_SPOTIFY_IMPRESSIONS"]
        ),
        "IMPRESSIONS_OFF_SPOTIFY": lambda s: s["OFF_SPOTIFY_IMPRESSIONS"],
        "AD_COMPLETES": lambda s: s["COMPLETES"],
        "PLAYED_TO_25": lambda s: s["FIRST_QUARTILES"],
        "PLAYED_TO_50": lambda s: s["MIDPOINTS"],
        "PLAYED_TO_75": lambda s: s["THIRD_QUARTILES"],
        "PLAYED_TO_100": lambda s: s["COMPLETES"],
        "CLICKS": lambda s: s["CLICKS"],
        "CTR": lambda s: s["CTR"],
        "SPEND": lambda s: s["SPEND"],
        "CPM": lambda s: round(s["SPEND"] * 1000 / s["IMPRESSIONS"], 6),
        "REACH": lambda s: s["REACH"],
        "FREQUENCY": lambda s: s["FREQUENCY"],
        "COMPLETION_RATE": lambda s: s["COMPLETION_RATE"],
    }
    fields = [
        *("IMPRESSIONS", "OFF_SPOTIFY_IMPRESSIONS", "COMPLETES", "FIRST_QUARTILES"),
        *("MIDPOINTS", "THIRD_QUARTILES", "CLICKS", "CTR", "SPEND", "REACH"),
        *("FREQUENCY", "COMPLETION_RATE"),
    ]
    report = create_report(
        world.client,
        dimensions=["AD_SET_NAME", "CAMPAIGN_NAME"],
        metrics=list(metrics),
        report_end="2030-01-06T00:00:00Z",
    )
    rows = report_csv(world.client, report)
    assert rows[0] == ["DATE", "AD_SET_NAME", "CAMPAIGN_NAME", *metrics]
    aggregate = every_row(
        world.client,
        entity_type="AD_SET",
        fields=fields,
        granularity="DAY",
        report_start="2030-01-01T00:00:00Z",
        report_end="2030-01-06T00:00:00Z",
    )
    assert len(rows) - 1 == len(aggregate) == 12  # 2 ad sets x 6 days
    for line, row in zip(rows[1:], aggregate, strict=True):
        found = stats(row)
        assert line[:2] == [row["start_time"][:10], row["entity_name"]]
        expected = [str(rule(found)) for rule in metrics.values()]
        assert line[3:] == expected
    assert int(rows[1][4]) > 0  # off-Spotify impressions (PODCAST placement)
