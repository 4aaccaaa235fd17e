"""Prune and replace through the CLI: each converges in one apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Run, ServedSandbox

ACCOUNT = "00000000-0000-4000-a000-000000000001"
NO_CHANGES = "No changes. Live state matches the manifests.\n"
SPOT_B = """\
      - name: Spot B - Tour Dates
        tagline: Catch the Midnight tour live
        audio: assets/spot-b.wav
        companion: assets/cover.png
        logo: assets/logo.png
        call_to_action: {key: BUY_TICKETS, url: "https://example.com/nightjar/tour"}
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _list(served: ServedSandbox, kind: str) -> list[dict]:  # type: ignore[type-arg]
    with served.client() as client:
        return list(client.get(f"/ad_accounts/{ACCOUNT}/{kind}").json()[kind])


def test_removed_ad_is_switched_off(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    _edit(quickstart / "midnight-launch.yaml", SPOT_B, "")
    planned = cli("plan", quickstart, "--detailed-exitcode")
    assert planned.code == 2
    assert '  - ad "Spot B - Tour Dates"' in planned.out
    assert "Plan: 0 to create, 0 to update, 0 to replace, 1 to disable." in planned.out
    assert cli("apply", quickstart, "--auto-approve").code == 0
    assert cli("plan", quickstart).out == NO_CHANGES
    deliveries = {ad["name"]: ad["delivery"] for ad in _list(served, "ads")}
    assert deliveries == {
        "Spot A - Lead Single": "ON",
        "Spot B - Tour Dates": "OFF",
        "Spot A - UK": "ON",
    }


def test_create_only_change_replaces_and_converges(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    _edit(
        quickstart / "midnight-launch.yaml",
        "objective: REACH",
        "objective: EVEN_IMPRESSION_DELIVERY",
    )
    planned = cli("plan", quickstart, "--detailed-exitcode")
    assert planned.code == 2
    assert "objective is create-only (REACH → EVEN_IMPRESSION_DELIVERY)" in planned.out
    assert "Plan: 5 to create, 0 to update, 1 to replace, 0 to disable." in planned.out
    applied = cli("apply", quickstart, "--auto-approve")
    assert applied.code == 0, applied.err
    assert cli("plan", quickstart).out == NO_CHANGES
    campaigns = sorted(
        (c["name"], c["objective"], c["status"]) for c in _list(served, "campaigns")
    )
    old_name = campaigns[1][0]
    assert old_name.startswith("Nightjar - Midnight Album Launch (replaced ")
    assert campaigns == [
        ("Nightjar - Midnight Album Launch", "EVEN_IMPRESSION_DELIVERY", "ACTIVE"),
        (old_name, "REACH", "PAUSED"),
    ]
    ad_sets = _list(served, "ad_sets")
    assert len(ad_sets) == 4  # two new under the new campaign, two old left in place


def test_changed_creative_file_uploads_a_new_asset_and_replaces_its_ads(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    spot_b = quickstart / "assets" / "spot-b.wav"
    data = bytearray(spot_b.read_bytes())
    data[-1] ^= 0x01  # one sample changes: a new file by content
    spot_b.write_bytes(bytes(data))
    planned = cli("plan", quickstart, "--detailed-exitcode")
    assert planned.code == 2
    assert "Plan: 1 to create, 0 to update, 1 to replace, 0 to disable." in planned.out
    assert '-/+ ad "Spot B - Tour Dates"' in planned.out
    assert cli("apply", quickstart, "--auto-approve").code == 0
    assert cli("plan", quickstart).out == NO_CHANGES
    spot_b_ads = sorted(
        (ad["name"], ad["delivery"])
        for ad in _list(served, "ads")
        if "Spot B" in ad["name"]
    )
    assert spot_b_ads[0] == ("Spot B - Tour Dates", "ON")
    assert spot_b_ads[1][0].startswith("Spot B - Tour Dates (replaced ")
    assert spot_b_ads[1][1] == "OFF"
    assert len(spot_b_ads) == 2
