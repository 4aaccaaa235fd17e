"""`campaignctl drift`: live edits by people, attributed from change history."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Run, ServedSandbox, find

ACCOUNT = "00000000-0000-4000-a000-000000000001"
US = "nightjar-midnight-album-launch/us-indie-fans-18-34"
SPOT_B = f"{US}/spot-b-tour-dates"
JANE = "jane@example.com"


def _edit_as(served: ServedSandbox, actor: str | None) -> dict[str, str]:
    """Jane (or the API integration) edits a budget, a delivery and a tagline."""
    headers = {"X-Sandbox-Actor": actor} if actor else {}
    base = f"/ad_accounts/{ACCOUNT}"
    with served.client() as client:
        ad_sets = client.get(f"{base}/ad_sets").json()["ad_sets"]
        ads = client.get(f"{base}/ads").json()["ads"]
        ad_set = find(ad_sets, "US Indie Fans 18-34")
        ad = find(ads, "Spot B - Tour Dates")
        for path, body in (
            (f"{base}/ad_sets/{ad_set['id']}", {"budget": _budget(200)}),
            (f"{base}/ad_sets/{ad_set['id']}", {"delivery": "OFF"}),
            (f"{base}/ads/{ad['id']}", {"tagline": "Edited in the UI"}),
        ):
            assert client.patch(path, json=body, headers=headers).is_success
    return {"ad_set": ad_set["id"], "ad": ad["id"]}


def _budget(units: int) -> dict[str, Any]:
    return {"micro_amount": units * 1_000_000, "type": "DAILY"}


TEXT = """\
Drift: 3 fields on 2 objects changed outside campaignctl.

  ~ ad set "US Indie Fans 18-34" (nightjar-midnight-album-launch/us-indie-fans-18-34)
        budget.micro_amount: $150.00 → $200.00
          by jane@example.com (advertiser user) on 2030-01-01 00:00 UTC · BUDGET
        delivery:            "ON" → "OFF"
          by jane@example.com (advertiser user) on 2030-01-01 00:00 UTC · STATUS

  ~ ad "Spot B - Tour Dates" \
(nightjar-midnight-album-launch/us-indie-fans-18-34/spot-b-tour-dates)
        tagline: "Catch the Midnight tour live" → "Edited in the UI"
          by jane@example.com (advertiser user) on 2030-01-01 00:00 UTC · CREATIVE

campaignctl apply puts the manifests' values back; to keep a live change, write \
it into the manifests.
"""


@pytest.fixture
def applied(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> ServedSandbox:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    return served


def test_no_drift_exits_0(
    cli: Callable[..., Run], quickstart: Path, applied: ServedSandbox
) -> None:
    result = cli("drift", quickstart)
    assert (result.code, result.out) == (
        0,
        "No drift: no managed field was changed outside campaignctl.\n",
    )


def test_drift_by_a_person_in_every_format(
    cli: Callable[..., Run], quickstart: Path, applied: ServedSandbox
) -> None:
    ids = _edit_as(applied, JANE)
    text = cli("drift", quickstart)
    assert (text.code, text.out) == (2, TEXT)

    document = cli("drift", quickstart, "--format", "json")
    assert document.code == 2
    report = json.loads(document.out)
    assert {k: report[k] for k in ("drift", "objects", "fields")} == {
        "drift": True,
        "objects": 2,
        "fields": 3,
    }
    [budget, delivery, tagline] = report["changes"]
    assert budget == {
        "account_id": ACCOUNT,
        "address": US,
        "category": "BUDGET",
        "change_id": budget["change_id"],
        "changed_at": "2030-01-01T00:00:00Z",
        "changed_by": {
            "category": "ADVERTISER_USER",
            "email": JANE,
            "label": JANE,
            "principal_id": budget["changed_by"]["principal_id"],
            "principal_type": "USER",
        },
        "changed_from": 150_000_000,
        "currency": "USD",
        "kind": "ad_set",
        "live": 200_000_000,
        "manifest": 150_000_000,
        "name": "US Indie Fans 18-34",
        "path": "budget.micro_amount",
        "remote_id": ids["ad_set"],
    }
    assert (delivery["path"], delivery["live"], delivery["category"]) == (
        "delivery",
        "OFF",
        "STATUS",
    )
    assert (tagline["address"], tagline["remote_id"], tagline["live"]) == (
        SPOT_B,
        ids["ad"],
        "Edited in the UI",
    )

    markdown = cli("drift", quickstart, "--format", "markdown")
    assert markdown.code == 2
    assert markdown.out.splitlines()[:6] == [
        "<!-- campaignctl-drift -->",
        "",
        "### campaignctl drift",
        "",
        "**Drift: 3 fields on 2 objects changed outside campaignctl.**",
        "",
    ]
    assert (
        f"| ad set `{US}` | `budget.micro_amount` | jane@example.com "
        "(ADVERTISER\\_USER) | 2030-01-01 00:00 UTC | BUDGET | $150.00 → $200.00 "
        "| $150.00 |"
    ) in markdown.out


def test_drift_agrees_with_the_plans_live_changes(
    cli: Callable[..., Run], quickstart: Path, applied: ServedSandbox
) -> None:
    _edit_as(applied, JANE)
    plan = json.loads(cli("plan", quickstart, "--format", "json").out)
    in_plan = {
        (action["address"], change["path"], change["changed_by"], change["changed_at"])
        for action in plan["actions"]
        for change in action["changes"]
        if change["origin"] == "drift"
    }
    report = json.loads(cli("drift", quickstart, "--format", "json").out)
    in_drift = {
        (c["address"], c["path"], c["changed_by"]["label"], c["changed_at"])
        for c in report["changes"]
    }
    assert in_plan == in_drift
    assert len(in_drift) == 3


def test_edits_by_campaignctl_itself_are_not_drift(
    cli: Callable[..., Run], quickstart: Path, applied: ServedSandbox
) -> None:
    _edit_as(applied, None)  # the API integration campaignctl uses
    result = cli("drift", quickstart)
    assert result.code == 0
    assert result.out == (
        "No drift: no managed field was changed outside campaignctl.\n\n"
        "2 objects also differ because the manifests changed and were not "
        "applied yet (campaignctl plan shows them).\n"
    )


def test_errors_exit_1(cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("kind: Nope\n")
    result = cli("drift", tmp_path, "--sandbox")
    assert result.code == 1
