"""BRIEF §6.2 value semantics: SPEND in currency units, -5 for 1-4
conversions, deprecated fields."""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx
import pytest
from starlette.applications import Starlette

from campaignctl.sandbox.metrics import INDEX
from campaignctl.sandbox.reports.visible import day_cells

from .helpers import ACCOUNT, path
from .reporting import JSON, Setup, advance, aggregate, daily, delivering, stats

DAY_1 = "2030-01-01T00:00:00Z"


@dataclass
class World:
    client: httpx.Client
    live: Setup  # delivering
    idle: Setup  # delivery OFF


@pytest.fixture
def world(sandbox_client: httpx.Client) -> World:
    live = delivering(sandbox_client, ads=2)
    idle = delivering(sandbox_client, campaign_id=live.campaign_id, name="Idle Set")
    off = sandbox_client.patch(
        path("ad_sets", idle.ad_set_id), json={"delivery": "OFF"}
    )
    assert off.status_code == 200
    advance(sandbox_client, days=12)
    return World(sandbox_client, live, idle)


def test_deprecated_fields_report_zero_with_a_warning(world: World) -> None:
    report = aggregate(world.client, entity_type="CAMPAIGN", fields=["SKIPS", "CTR"])
    assert report["warnings"] == ["fields: SKIPS is deprecated and always reports 0"]
    assert stats(report["rows"][0])["SKIPS"] == 0


def test_spend_is_in_currency_units(world: World, sandbox_app: Starlette) -> None:
    store = sandbox_app.state.sandbox.store
    micros = sum(
        int(json.loads(counts)[INDEX["spend"]])
        for (counts,) in store.execute(
            "SELECT counts FROM metrics WHERE grain = 'D' AND ad_set_id = ? "
            "AND start < ?",
            (world.live.ad_set_id, 1893715200.0),  # before 2030-01-04
        )
    )
    report = aggregate(
        world.client,
        entity_type="AD_SET",
        fields=["SPEND"],
        report_start=DAY_1,
        report_end="2030-01-03T00:00:00Z",
    )
    spend = {row["entity_id"]: stats(row)["SPEND"] for row in report["rows"]}
    assert spend == {
        world.live.ad_set_id: micros / 1_000_000,
        world.idle.ad_set_id: 0.0,
    }
    assert 3 * 100 < spend[world.live.ad_set_id] <= 3 * 150  # units, not micros


def test_conversion_counts_from_1_to_4_are_reported_as_minus_5(
    sandbox_client: httpx.Client, sandbox_app: Starlette
) -> None:
    budget = {"micro_amount": 60_000_000, "type": "DAILY"}
    setup = delivering(
        sandbox_client, budget=budget, dataset_id="33333333-3333-4333-8333-333333333333"
    )
    now = advance(sandbox_client, days=10)["now"]
    fields = ["PURCHASES", "LEADS", "SIGN_UPS", "PAGE_VIEWS", "CLICKS"]
    reported = daily(
        sandbox_client, setup.ad_set_id, fields, DAY_1, "2030-01-10T00:00:00Z"
    )
    sb = sandbox_app.state.sandbox
    cells = day_cells(sb.store, ACCOUNT, as_of=sb.now(), since=None, until=None, seed=0)
    assert now == "2030-01-11T00:00:00Z"
    truth: dict[float, JSON] = {}
    for cell in cells:  # the figures before the privacy rule, per day
        counts = truth.setdefault(cell.start, dict.fromkeys(fields, 0))
        for name in fields:
            counts[name] += cell.counts[INDEX[name.lower()]]
    masked = 0
    for row, (_, counts) in zip(reported, sorted(truth.items()), strict=True):
        for name in fields:
            true = counts[name]
            expected = -5 if 0 < true < 5 and name != "CLICKS" else true
            assert row[name] == expected
            masked += row[name] == -5
    assert masked >= 5
    assert any(row["PAGE_VIEWS"] >= 5 for row in reported)
