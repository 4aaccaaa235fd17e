"""The defaults cascade: project → campaign → ad set → ad, with locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaignctl.errors import Location
from campaignctl.manifest import inspect_workspace, load_workspace, render_workspace
from tests.manifest.trees import ACCOUNT, NOW, media_files, write_tree

PROJECT = f"""\
accounts:
  sandbox: {{id: {ACCOUNT}, currency: USD}}
defaults:
  account: sandbox
  campaign: {{prune: true}}
  ad_set:
    category: ADV_21_182
    format: AUDIO
    frequency_caps: {{day: 3}}
    budget: {{daily: 100 USD}}
    bid: {{max_cpm: 10 USD}}
    targets: {{placements: [music], geo: {{country: US}}}}
  ad:
    advertiser_name: Nightjar Records
    logo: assets/logo.png
    call_to_action: {{key: LISTEN_NOW, url: https://example.com}}
"""

CAMPAIGN = """\
apiVersion: campaignctl/v1
kind: Campaign
name: Cascade
objective: REACH
defaults:
  ad_set: {schedule: {start: 2030-06-01}, frequency_caps: {week: 10}}
  ad: {companion: ../assets/cover.png, canvas: ../assets/canvas.png}
ad_sets:
  - name: First Set
    budget: {lifetime: 900 USD}
    schedule: {end: 2030-06-30}
    targets: {geo: {regions: ["5101760"]}}
    ad_defaults: {tagline: Out now everywhere}
    ads:
      - name: Spot A
        audio: ../assets/spot.wav
      - name: Spot B
        audio: ../assets/spot.wav
        call_to_action: {url: https://example.com/b}
        canvas: null
"""


def _write(root: Path, campaign: str = CAMPAIGN, project: str = PROJECT) -> None:
    write_tree(
        root,
        {
            "campaignctl.yaml": project,
            "campaigns/cascade.yaml": campaign,
            **media_files(),
        },
    )


def test_values_merge_level_by_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, CAMPAIGN.replace("        canvas: null\n", ""))
    monkeypatch.chdir(tmp_path)
    [(source, data)] = render_workspace([Path("campaigns")])
    assert source == "campaigns/cascade.yaml"
    assert data == {
        "apiVersion": "campaignctl/v1",
        "kind": "Campaign",
        "name": "Cascade",
        "objective": "REACH",
        "ad_sets": [
            {
                "name": "First Set",
                "budget": {"lifetime": "900 USD"},  # one-of: replaced whole
                "schedule": {"end": "2030-06-30", "start": "2030-06-01"},
                "targets": {
                    "geo": {"regions": ["5101760"], "country": "US"},
                    "placements": ["music"],
                },
                "ads": [
                    {
                        "name": "Spot A",
                        "audio": "../assets/spot.wav",
                        "tagline": "Out now everywhere",
                        "companion": "../assets/cover.png",
                        "canvas": "../assets/canvas.png",
                        "advertiser_name": "Nightjar Records",
                        "logo": "../assets/logo.png",  # rebased from campaignctl.yaml
                        "call_to_action": {
                            "key": "LISTEN_NOW",
                            "url": "https://example.com",
                        },
                    },
                    {
                        "name": "Spot B",
                        "audio": "../assets/spot.wav",
                        "call_to_action": {
                            "url": "https://example.com/b",
                            "key": "LISTEN_NOW",
                        },
                        "tagline": "Out now everywhere",
                        "companion": "../assets/cover.png",
                        "canvas": "../assets/canvas.png",
                        "advertiser_name": "Nightjar Records",
                        "logo": "../assets/logo.png",
                    },
                ],
                "frequency_caps": {"week": 10},  # one-of: campaign replaces project
                "category": "ADV_21_182",
                "format": "AUDIO",
                "bid": {"max_cpm": "10 USD"},
            }
        ],
        "prune": True,
        "account": "sandbox",
    }


def test_null_cancels_a_default(tmp_path: Path) -> None:
    _write(tmp_path)
    workspace = load_workspace([tmp_path / "campaigns"], now=NOW)
    spot_a, spot_b = workspace.desired.campaigns[0].ad_sets[0].ads
    assert "canvas_asset_id" in spot_a.body["assets"]
    assert "canvas_asset_id" not in spot_b.body["assets"]


def test_errors_in_defaults_point_at_where_they_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, project=PROJECT.replace("max_cpm: 10 USD", "max_cpm: 0 USD"))
    monkeypatch.chdir(tmp_path)
    errors = inspect_workspace([Path("campaigns")], now=NOW).errors
    assert [(str(e.location), e.message) for e in errors] == [
        ("campaignctl.yaml:11:20", "bid must be more than 0 (got 0.00 USD)")
    ]


def test_locate_finds_defaulted_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    workspace = load_workspace([Path("campaigns")], now=NOW)
    ad_set = "cascade/first-set"
    assert workspace.locate(ad_set) == Location("campaigns/cascade.yaml", 9, 5)
    assert workspace.locate(ad_set, "bid_micro_amount") == Location(
        "campaignctl.yaml", 11, 5
    )
    assert workspace.locate(ad_set, "start_time") == Location(
        "campaigns/cascade.yaml", 6, 23
    )
    assert workspace.locate(ad_set, "targets.geo_targets.country_code") == Location(
        "campaignctl.yaml", 12, 42
    )
    assert workspace.locate(ad_set, "targets.geo_targets.region_ids") == Location(
        "campaigns/cascade.yaml", 12, 21
    )
    assert workspace.locate(f"{ad_set}/spot-a", "assets.asset_id") == Location(
        "campaigns/cascade.yaml", 16, 9
    )
    assert workspace.locate(f"{ad_set}/spot-a", "assets.logo_asset_id") == Location(
        "campaignctl.yaml", 15, 5
    )
    assert workspace.locate(f"{ad_set}/spot-a", "tagline") == Location(
        "campaigns/cascade.yaml", 13, 19
    )
    assert workspace.locate("cascade", "name") == Location(
        "campaigns/cascade.yaml", 3, 1
    )
    assert workspace.locate("nope") is None
    logo = next(a for a in workspace.desired.assets if a.path == "assets/logo.png")
    assert workspace.locate(logo.address) == Location("campaignctl.yaml", 15, 11)


@pytest.mark.parametrize(
    ("where", "old", "new", "expected"),
    [
        (
            "project",
            "    format: AUDIO",
            "    formt: AUDIO",
            ("campaignctl.yaml:8:5", "unknown field 'formt'", "did you mean 'format'?"),
        ),
        (
            "project",
            "    format: AUDIO",
            "    name: Shared",
            (
                "campaignctl.yaml:8:5",
                "'name' cannot have a default",
                "set name on each ad set",
            ),
        ),
        (
            "project",
            "  campaign: {prune: true}",
            "  campaign: {name: X}",
            (
                "campaignctl.yaml:5:14",
                "'name' cannot have a default",
                "set name on each campaign",
            ),
        ),
        (
            "campaign",
            "  ad: {companion",
            "  ads: {companion",
            ("campaigns/cascade.yaml:7:3", "unknown field 'ads'", "did you mean 'ad'?"),
        ),
        (
            "campaign",
            "    ad_defaults: {tagline",
            "    ad_defaults: {taglin",
            (
                "campaigns/cascade.yaml:13:19",
                "unknown field 'taglin'",
                "did you mean 'tagline'?",
            ),
        ),
        (
            "campaign",
            "  ad: {companion: ../assets/cover.png, canvas: ../assets/canvas.png}",
            "  ad: [x]",
            ("campaigns/cascade.yaml:7:7", "ad defaults: expected a mapping", None),
        ),
    ],
)
def test_defaults_blocks_are_checked_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    old: str,
    new: str,
    expected: tuple[str, str, str | None],
) -> None:
    project, campaign = PROJECT, CAMPAIGN
    if where == "project":
        assert old in project
        project = project.replace(old, new)
    else:
        assert old in campaign
        campaign = campaign.replace(old, new)
    _write(tmp_path, campaign, project)
    monkeypatch.chdir(tmp_path)
    errors = inspect_workspace([Path("campaigns")], now=NOW).errors
    found = [(str(e.location), e.message, e.hint) for e in errors]
    assert expected in found
    assert found.count(expected) == 1
