"""Changes made behind campaignctl's back are shown by plan and repaired by apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Run, ServedSandbox, find

ACCOUNT = "00000000-0000-4000-a000-000000000001"
NO_CHANGES = "No changes. Live state matches the manifests.\n"
DRIFT_PLAN = """\
campaignctl will perform the following actions:

  ~ ad set "US Indie Fans 18-34" (nightjar-midnight-album-launch/us-indie-fans-18-34)
        budget:   $200.00/day → $150.00/day
        delivery: "OFF" → "ON"

  ~ ad "Spot B - Tour Dates" \
(nightjar-midnight-album-launch/us-indie-fans-18-34/spot-b-tour-dates)
        tagline: "Edited in the UI" → "Catch the Midnight tour live"

Plan: 0 to create, 2 to update, 0 to replace, 0 to disable.
Daily budgets (USD): $0.00 → $150.00 (+$150.00)
"""


def _live(served: ServedSandbox) -> tuple[dict, dict]:  # type: ignore[type-arg]
    with served.client() as client:
        ad_sets = client.get(f"/ad_accounts/{ACCOUNT}/ad_sets").json()["ad_sets"]
        ads = client.get(f"/ad_accounts/{ACCOUNT}/ads").json()["ads"]
    return find(ad_sets, "US Indie Fans 18-34"), find(ads, "Spot B - Tour Dates")


def test_drift_is_named_and_repaired(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    ad_set, ad = _live(served)
    with served.client() as client:
        base = f"/ad_accounts/{ACCOUNT}"
        budget = {"micro_amount": 200_000_000, "type": "DAILY"}
        assert client.patch(
            f"{base}/ad_sets/{ad_set['id']}", json={"budget": budget}
        ).is_success
        assert client.patch(
            f"{base}/ad_sets/{ad_set['id']}", json={"delivery": "OFF"}
        ).is_success
        assert client.patch(
            f"{base}/ads/{ad['id']}", json={"tagline": "Edited in the UI"}
        ).is_success

    planned = cli("plan", quickstart, "--detailed-exitcode")
    assert planned.code == 2
    assert planned.out == DRIFT_PLAN
    applied = cli("apply", quickstart, "--auto-approve")
    assert applied.code == 0, applied.err
    assert cli("plan", quickstart).out == NO_CHANGES
    ad_set, ad = _live(served)
    assert (ad_set["budget"]["micro_amount"], ad_set["delivery"], ad["tagline"]) == (
        150_000_000,
        "ON",
        "Catch the Midnight tour live",
    )
