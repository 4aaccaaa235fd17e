"""`campaignctl import`: a hand-built account → manifests that plan no changes.

The golden file is the imported YAML of the richest campaign, in full
(regenerate with UPDATE_GOLDEN=1 when a change is intended).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Run, ServedSandbox
from tests.e2e.seeded import ACCOUNT, seed_account

GOLDEN = Path(__file__).parent / "golden"
NO_CHANGES = "No changes. Live state matches the manifests.\n"


@pytest.fixture
def seeded(served: ServedSandbox) -> dict[str, str]:
    with served.client() as client:
        return seed_account(client)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended, rerun with UPDATE_GOLDEN=1"
    )


def test_import_then_plan_shows_no_changes(
    cli: Callable[..., Run],
    tmp_path: Path,
    served: ServedSandbox,
    seeded: dict[str, str],
) -> None:
    out = tmp_path / "imported"
    imported = cli("import", "--account", ACCOUNT, "--out", out)
    assert imported.code == 0, imported.err
    assert sorted(p.name for p in out.iterdir()) == [
        "autumn-tour-2030.yaml",
        "campaignctl.yaml",
        "display-always-on.yaml",
        "teaser-video.yaml",
    ]
    _golden("import-autumn-tour-2030.yaml", (out / "autumn-tour-2030.yaml").read_text())
    assert (out / "campaignctl.yaml").read_text() == (
        "# Written by `campaignctl import` from ad account 'Sandbox Account' "
        f"({ACCOUNT}).\n"
        f"accounts:\n  sandbox-account: {{id: {ACCOUNT}, currency: USD}}\n"
    )
    writes, requests = served.writes(), sum(served.stats().values())
    planned = cli("plan", out, "--detailed-exitcode")
    assert (planned.code, planned.out) == (0, NO_CHANGES), planned.err
    assert served.writes() == writes
    assert sum(served.stats().values()) - requests == 5  # list endpoints only


def test_defaults_are_left_out(
    cli: Callable[..., Run], tmp_path: Path, seeded: dict[str, str]
) -> None:
    out = tmp_path / "imported"
    assert cli("import", "--account", ACCOUNT, "--out", out).code == 0
    assert (out / "display-always-on.yaml").read_text() == (
        "---\n"
        "apiVersion: campaignctl/v1\n"
        "kind: Campaign\n"
        "account: sandbox-account\n"
        "name: Display Always On\n"
        f"id: {seeded['display']}\n"
        "objective: EVEN_IMPRESSION_DELIVERY\n"
        "delivery_goal_group: AWARENESS\n"  # the server's, derived from the objective
        "prune: false\n"
        "ad_sets:\n"
        "- name: Display Defaults\n"
        f"  id: {seeded['display_set']}\n"
        "  category: ADV_1_1\n"
        "  format: IMAGE\n"
        "  schedule: {start: '2030-03-01T00:00:00Z'}\n"
        "  budget: {daily: 40.00 USD}\n"
        "  bid: auto\n"
        "  targets:\n"
        "    placements: [music]\n"
        "  ads:\n"
        "  - name: Banner\n"
        f"    id: {seeded['banner_ad']}\n"
        "    tagline: Always on\n"
        "    advertiser_name: Nightjar Records\n"
        f"    image: {{id: {seeded['banner']}}}\n"
        f"    logo: {{id: {seeded['logo']}}}\n"
        "    call_to_action: {url: 'https://example.com/'}\n"
    )


def test_download_assets_references_campaignctl_files_by_path(
    cli: Callable[..., Run],
    tmp_path: Path,
    served: ServedSandbox,
    seeded: dict[str, str],
) -> None:
    out = tmp_path / "imported"
    imported = cli("import", "--account", ACCOUNT, "--out", out, "--download-assets")
    assert imported.code == 0, imported.err
    files = sorted(p.name for p in (out / "assets").iterdir())
    assert files == [
        "banner.png",
        "brand-logo.png",
        "canvas.png",
        "cover.png",
        "spot.wav",
        "teaser.mp4",
    ]
    tour = (out / "autumn-tour-2030.yaml").read_text()
    assert "    audio: assets/spot.wav\n" in tour
    assert "    companion: assets/cover.png\n" in tour
    assert f"    logo: {{id: {seeded['logo']}}}\n" in tour  # not uploaded by us
    assert (
        f"warning: asset 'Brand Logo.png' ({seeded['logo']}): saved as "
        "assets/brand-logo.png, but kept by id: it was not uploaded by campaignctl, "
        "so a path would upload it again and replace its ads"
    ) in imported.err
    with served.client() as client:
        live = client.get(f"/ad_accounts/{ACCOUNT}/assets/{seeded['spot']}").json()
    digest = hashlib.sha256((out / "assets" / "spot.wav").read_bytes()).hexdigest()
    assert live["name"] == f"spot-{digest[:12]}.wav"
    planned = cli("plan", out, "--detailed-exitcode")
    assert (planned.code, planned.out) == (0, NO_CHANGES), planned.err


def test_one_campaign_by_name_and_renames_become_updates(
    cli: Callable[..., Run],
    tmp_path: Path,
    served: ServedSandbox,
    seeded: dict[str, str],
) -> None:
    out = tmp_path / "imported"
    imported = cli(
        "import", "--account", ACCOUNT, "--campaign", "Teaser Video", "--out", out
    )
    assert imported.code == 0, imported.err
    assert sorted(p.name for p in out.iterdir()) == [
        "campaignctl.yaml",
        "teaser-video.yaml",
    ]
    manifest = out / "teaser-video.yaml"
    manifest.write_text(
        manifest.read_text().replace("name: Teaser Video", "name: Teaser Video 2030")
    )
    planned = json.loads(cli("plan", out, "--format", "json").out)
    changed = [a for a in planned["actions"] if a["action"] != "no-op"]
    assert [(a["kind"], a["action"], a["remote_id"], a["body"]) for a in changed] == [
        (
            "campaign",
            "update",
            seeded["video_campaign"],
            {"name": "Teaser Video 2030"},
        )
    ]


def test_refuses_to_overwrite_and_unknown_names(
    cli: Callable[..., Run], tmp_path: Path, seeded: dict[str, str]
) -> None:
    out = tmp_path / "imported"
    assert cli("import", "--account", ACCOUNT, "--out", out).code == 0
    again = cli("import", "--account", ACCOUNT, "--out", out)
    assert again.code == 1
    assert "error: import would overwrite " in again.err
    assert cli("import", "--account", ACCOUNT, "--out", out, "--force").code == 0
    missing = cli(
        "import", "--account", ACCOUNT, "--campaign", "Nope", "--out", tmp_path / "x"
    )
    assert (missing.code, missing.err) == (
        1,
        "error: no campaign named 'Nope'\n"
        "  hint: names must match exactly; leave out --campaign to import all\n",
    )


def test_import_into_a_project_uses_its_alias_and_cancels_its_defaults(
    cli: Callable[..., Run], quickstart: Path
) -> None:
    """The demo path: the embedded sandbox, imported inside the project."""
    assert cli("--sandbox", "apply", quickstart, "--auto-approve").code == 0
    project = quickstart / "campaignctl.yaml"
    project.write_text(
        project.read_text() + "  ad_set:\n    frequency_caps: {day: 2}\n"
    )  # the UK ad set has the server's caps: the import must keep them
    out = quickstart / "imported"
    imported = cli(
        "--sandbox", "import", "--account", ACCOUNT, "--out", out, "--download-assets"
    )
    assert imported.code == 0, imported.err
    assert sorted(p.name for p in out.iterdir()) == [
        "assets",
        "nightjar-midnight-album-launch.yaml",
    ]
    text = (out / "nightjar-midnight-album-launch.yaml").read_text()
    assert "\naccount: sandbox\n" in text
    assert text.count("frequency_caps: null") == 1
    assert "    audio: assets/spot-a.wav\n" in text
    planned = cli("--sandbox", "plan", out, "--detailed-exitcode")
    assert (planned.code, planned.out) == (0, NO_CHANGES), planned.err
