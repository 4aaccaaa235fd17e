"""`plan --estimate`: reach and bid estimates per ad set, cached, with warnings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Run, ServedSandbox

DASH = "\u2013"  # an en dash: ranges read low, dash, high

NICHE = """\
apiVersion: campaignctl/v1
kind: Campaign
name: Niche Test
objective: REACH
ad_sets:
  - name: Tiny Audience
    category: ADV_21_182
    format: AUDIO
    schedule: {start: 2034-03-01, end: 2034-05-31}
    budget: {daily: 50 USD}
    bid: {max_cpm: 30 USD}
    targets:
      placements: [music]
      ages: [18-19]
      geo: {country: US, postal_codes: ["US:10001"]}
      genres: [blues]
      playlists: [workout]
      language: is
      platforms: [desktop]
"""
US = "nightjar-midnight-album-launch/us-indie-fans-18-34"
UK = "nightjar-midnight-album-launch/uk-podcast-listeners-25-44"
TINY = "niche-test/tiny-audience"
ESTIMATES = f"""\
Estimates (advisory, from the Ads API's /estimates):
  {US}
      reach 4,964{DASH}6,407/day · impressions 5,010{DASH}6,484/day · \
CPM $12.50{DASH}$12.50
      suggested bid $13.92{DASH}$21.75 CPM; yours $12.50 (below the range)
  {UK}
      reach 111,110{DASH}139,312 over the flight · \
impressions 124,063{DASH}160,553 over the flight · CPM $9.00{DASH}$9.00
      suggested bid $12.26{DASH}$19.15 CPM; yours $9.00 (below the range)
  {TINY}
      audience below the API's minimum
      suggested bid $14.11{DASH}$22.05 CPM; yours $30.00

Warnings:
  - {US}: bid $12.50 CPM is below the suggested $13.92{DASH}$21.75; the ad set may \
under-deliver
  - {US}: the estimate says the budget is unlikely to be spent
  - {UK}: bid $9.00 CPM is below the suggested $12.26{DASH}$19.15; the ad set may \
under-deliver
  - {UK}: the estimate says the budget is unlikely to be spent
  - {TINY}: the audience is below the API's minimum ("Min audience threshold \
was not met"); it will not deliver: broaden the location, ages or interests
"""


@pytest.fixture
def project(quickstart: Path) -> Path:
    (quickstart / "niche.yaml").write_text(NICHE)
    return quickstart


def _estimate_calls(served: ServedSandbox) -> tuple[int, int]:
    stats = served.stats()
    return stats.get("estimateAudience", 0), stats.get("estimateBid", 0)


def test_estimates_are_shown_with_warnings_and_cached(
    cli: Callable[..., Run], project: Path, served: ServedSandbox
) -> None:
    first = cli("plan", project, "--estimate")
    assert first.code == 0, first.err
    assert ESTIMATES in first.out
    assert _estimate_calls(served) == (3, 3)

    second = cli("plan", project, "--estimate")
    assert second.out == first.out
    assert _estimate_calls(served) == (3, 3)  # every answer came from the cache
    cached = sorted(
        p.name for p in (project / ".campaignctl/cache/estimates").iterdir()
    )
    assert len(cached) == 6 and all(len(name) == 64 + 5 for name in cached)

    plain = cli("plan", project)
    assert "Estimates" not in plain.out
    assert "suggested" not in plain.out


def test_estimates_in_json_and_markdown(
    cli: Callable[..., Run], project: Path, served: ServedSandbox
) -> None:
    document = json.loads(cli("plan", project, "--estimate", "--format", "json").out)
    by_address = {e["address"]: e for e in document["estimates"]}
    assert by_address[US] == {
        "account_id": "00000000-0000-4000-a000-000000000001",
        "address": US,
        "below_minimum": False,
        "bid": 12_500_000,
        "bid_strategy": "MAX_BID",
        "cached": False,
        "currency": "USD",
        "forecast": {
            "cpm_max": 12_500_000,
            "cpm_min": 12_500_000,
            "impressions_max": 6_484,
            "impressions_min": 5_010,
            "period": "DAILY",
            "reach_max": 6_407,
            "reach_min": 4_964,
        },
        "likely_to_deliver": False,
        "suggested": {"cost_model": "CPM", "max": 21_750_000, "min": 13_920_000},
        "unavailable": [],
    }
    assert by_address[TINY]["below_minimum"] is True
    assert by_address[TINY]["forecast"] is None

    markdown = cli("plan", project, "--estimate", "--format", "markdown").out
    assert "#### Estimates (advisory)\n\n| ad set | forecast | bid |" in markdown
    assert (
        f"| `{TINY}` | audience below the API's minimum | suggested bid "
        f"$14.11{DASH}$22.05 CPM; yours $30.00 |"
    ) in markdown
    assert _estimate_calls(served) == (3, 3)  # one run asked, two read the cache


def test_updates_are_estimated_only_when_reach_or_price_move(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    manifest = quickstart / "midnight-launch.yaml"
    text = manifest.read_text()
    manifest.write_text(
        text.replace("tagline: Catch the Midnight tour live", "tagline: On tour")
    )
    untouched = cli("plan", quickstart, "--estimate", "--format", "json")
    assert json.loads(untouched.out).get("estimates") is None
    manifest.write_text(
        text.replace("bid: {max_cpm: 12.50 USD}", "bid: {max_cpm: 15 USD}")
    )
    moved = json.loads(cli("plan", quickstart, "--estimate", "--format", "json").out)
    assert [(e["address"], e["bid"]) for e in moved["estimates"]] == [(US, 15_000_000)]
    assert _estimate_calls(served) == (1, 1)
