"""Rollouts through the manifest layer: rendering, cascade, origins, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from campaignctl.cli import main
from campaignctl.errors import Location
from campaignctl.manifest import inspect_workspace, load_workspace, render_workspace
from campaignctl.plan.blast import RolloutOrigin
from tests.manifest.rollouts import CSV, ROLLOUT, TEMPLATE, rollout_project, texts
from tests.manifest.trees import NOW, wav_bytes

UNUSED = (
    "ad-set.yaml.j2: warning: template skipped: it has no front matter naming its "
    "values, and no Rollout given uses it\n  hint: render it through a kind: "
    "Rollout manifest, give it front matter (---, values: ..., key: ..., ---), or "
    "name it _partial.j2 if it is only included"
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _errors(**files: str) -> list[str]:
    rollout_project(Path(), **files)  # type: ignore[arg-type]
    return texts(inspect_workspace([Path()], now=NOW).diagnostics)


def test_each_ad_set_renders_rows_into_the_campaign(here: Path) -> None:
    rollout_project(here)
    workspace = load_workspace([here], now=NOW)
    [campaign] = workspace.desired.campaigns
    assert [s.name for s in campaign.ad_sets] == ["Sweden", "Norway", "Denmark"]
    sweden = campaign.ad_sets[0]
    assert sweden.body == {  # campaign defaults reached every row's ad set
        "name": "Sweden",
        "start_time": "2034-03-01T00:00:00Z",
        "end_time": "2034-03-31T00:00:00Z",
        "budget": {"micro_amount": 90_000_000, "type": "DAILY"},
        "asset_format": "AUDIO",
        "bid_strategy": "MAX_BID",
        "bid_micro_amount": 9_000_000,
        "category": "ADV_21_182",
        "targets": {"geo_targets": {"country_code": "SE"}, "placements": ["MUSIC"]},
        "delivery": "ON",
    }
    [ad] = sweden.ads
    assert ad.body["advertiser_name"] == "Nightjar Records"  # project default
    assert ad.body["call_to_action"] == {
        "clickthrough_url": "https://example.com/listen?m=se"
    }
    assert sorted(ad.body["assets"]) == [
        "asset_id",
        "companion_asset_id",
        "logo_asset_id",
    ]


def test_origins_name_the_rollout_and_row_of_every_address(here: Path) -> None:
    rollout_project(here)
    workspace = load_workspace([here], now=NOW)
    launch = {"rollout": "World launch", "file": "launch.yaml"}

    def row(key: str, line: int) -> RolloutOrigin:
        return RolloutOrigin(**launch, row=key, values_file="markets.csv", line=line)

    assets = {a: o for a, o in workspace.origins.items() if a.startswith("asset:")}
    others = {a: o for a, o in workspace.origins.items() if a not in assets}
    assert others == {
        "world-launch": RolloutOrigin(**launch),
        "world-launch/sweden": row("se", 2),
        "world-launch/sweden/spot": row("se", 2),
        "world-launch/norway": row("no", 3),
        "world-launch/norway/spot": row("no", 3),
        "world-launch/denmark": row("dk", 4),
        "world-launch/denmark/spot": row("dk", 4),
    }
    assert len(assets) == 3  # spot, cover, logo: shared by every row
    assert set(assets.values()) == {RolloutOrigin(**launch)}


def test_an_asset_used_by_one_row_belongs_to_that_row(here: Path) -> None:
    csv = CSV.replace(
        "dk,DK,50,2034-03-01,assets/spot.wav", "dk,DK,50,2034-03-01,assets/dk.wav"
    )
    rollout_project(here, csv=csv, **{"assets/dk.wav": wav_bytes(2.0)})
    workspace = load_workspace([here], now=NOW)
    [dk_asset] = [a for a in workspace.desired.assets if a.path == "assets/dk.wav"]
    assert workspace.origins[dk_asset.address] == RolloutOrigin(
        rollout="World launch",
        file="launch.yaml",
        row="dk",
        values_file="markets.csv",
        line=4,
    )


def test_front_matter_renders_whole_campaigns_per_row(here: Path) -> None:
    template = (
        "---\nvalues: rows.yaml\nkey: market\nvars: {artist: Nightjar}\n---\n"
        "apiVersion: campaignctl/v1\nkind: Campaign\n"
        "name: {{ vars.artist }} {{ row.market | upper }}\nobjective: REACH\n"
    )
    rollout_project(
        here,
        **{
            "launch.yaml": "# no rollout here\n",
            "ad-set.yaml.j2": "{{ unused }}",
            "campaigns/_partial.yaml.j2": "{{ only included }",
            "campaigns/launch.yaml.j2": template,
            "campaigns/rows.yaml": "- {market: se}\n- {market: no}\n",
        },
    )
    inspection = inspect_workspace([here], now=NOW)
    assert inspection.workspace is not None
    assert [c.name for c in inspection.workspace.desired.campaigns] == [
        "Nightjar SE",
        "Nightjar NO",
    ]
    assert texts(inspection.diagnostics) == [
        "ad-set.yaml.j2: warning: template skipped: it has no front matter naming "
        "its values, and no Rollout given uses it\n  hint: render it through a "
        "kind: Rollout manifest, give it front matter (---, values: ..., key: ..., "
        "---), or name it _partial.j2 if it is only included",
    ]
    assert inspection.workspace.origins["nightjar-no"] == RolloutOrigin(
        rollout="campaigns/launch.yaml.j2",
        file="campaigns/launch.yaml.j2",
        row="no",
        values_file="campaigns/rows.yaml",
        line=2,
    )


def test_rows_may_render_nothing(here: Path) -> None:
    template = (
        "---\nvalues: rows.yaml\nkey: market\n---\n{% if not row.skip %}\n"
        "apiVersion: campaignctl/v1\nkind: Campaign\nname: C {{ row.market }}\n"
        "objective: REACH\n{% endif %}\n"
    )
    rollout_project(
        here,
        **{
            "launch.yaml": "# none\n",
            "ad-set.yaml.j2": template,
            "rows.yaml": "- {market: a, skip: false}\n- {market: b, skip: true}\n",
        },
    )
    workspace = load_workspace([here], now=NOW)
    assert [c.name for c in workspace.desired.campaigns] == ["C a"]


def test_render_prints_expanded_manifests(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rollout_project(here)
    [(source, data)] = render_workspace([here])
    assert source == "launch.yaml (rollout World launch: ad-set.yaml.j2, 3 rows)"
    assert [s["name"] for s in data["ad_sets"]] == ["Sweden", "Norway", "Denmark"]
    assert data["ad_sets"][0]["category"] == "ADV_21_182"
    assert data["ad_sets"][0]["ads"][0]["logo"] == "assets/logo.png"

    assert main(["render", "."]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "# Source: launch.yaml (rollout World launch: ad-set.yaml.j2, 3 rows)\n---\n"
        "apiVersion: campaignctl/v1\nkind: Campaign\nname: World Launch\n"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            {"csv": CSV.replace("no,NO,60", "no,NO,abc")},
            [
                "ad-set.yaml.j2:3:17: money: 'abc' is not an amount of money\n"
                "  markets.csv:3: column daily_budget = 'abc' (row no)\n"
                "  hint: write the amount and an ISO 4217 currency code, like 150 USD "
                "or 12.50 EUR"
            ],
            id="bad-cell-in-a-filter",
        ),
        pytest.param(
            {
                "csv": CSV.replace("no,NO,60", "no,NO,0"),
                "template": TEMPLATE.replace(
                    "{{ row.daily_budget | money('USD') }}",
                    "{{ row.daily_budget }} USD",
                ),
            },
            [
                "ad-set.yaml.j2:3:17: budget must be more than 0 (got 0.00 USD) "
                "[adset.budget-positive]\n"
                "  markets.csv:3: column daily_budget = '0' (row no)\n"
                "  hint: the API rejects zero and negative budgets and bids"
            ],
            id="rendered-money-rule",
        ),
        pytest.param(
            {
                "csv": CSV.replace("Ute nå", "Ute: nå"),
                "template": TEMPLATE.replace(
                    "{{ row.tagline | yaml }}", "{{ row.tagline }}"
                ),
            },
            [
                "ad-set.yaml.j2:8:14: invalid YAML: mapping values are not allowed "
                "in this context\n"
                "  markets.csv:3: column tagline = 'Ute: nå' (row no)\n"
                "  hint: check indentation, quoting and that every ':' is followed "
                "by a space"
            ],
            id="rendered-yaml-error",
        ),
        pytest.param(
            {"template": TEMPLATE.replace("row.daily_budget", "row.daily_budgt")},
            [
                "ad-set.yaml.j2:3:17: 'daily_budgt' is undefined — did you mean "
                "'daily_budget'?\n"
                "  markets.csv:2: row se\n"
                "  the same problem in 2 more row(s): no, dk\n"
                "  hint: columns of this row: market, country, daily_budget, start, "
                "audio, tagline"
            ],
            id="undefined-column",
        ),
        pytest.param(
            {"csv": CSV.replace("no,NO,", "no,SE,")},
            [
                "ad-set.yaml.j2:1:7: ad set name 'Sweden' is used twice "
                "[names.unique]\n"
                "  markets.csv:3: column country = 'SE' (row no)\n"
                "  hint: first used at ad-set.yaml.j2:1:7 (row se); names identify "
                "objects, so siblings need distinct names"
            ],
            id="names-clash-across-rows",
        ),
        pytest.param(
            {
                "csv": CSV.replace(
                    "no,NO,60,2034-03-01,assets/spot.wav",
                    "no,NO,60,2034-03-01,../outside.wav",
                )
            },
            [
                "ad-set.yaml.j2:9:12: ../outside.wav is outside the project "
                "directory {root}\n"
                "  markets.csv:3: column audio = '../outside.wav' (row no)\n"
                "  hint: keep creative files inside the project (where "
                "campaignctl.yaml is)"
            ],
            id="asset-outside-project",
        ),
        pytest.param(
            {
                "template": TEMPLATE.replace(
                    'url: "{{ vars.url }}', 'url: "{{ vars.ur }}'
                )
            },
            [
                "ad-set.yaml.j2:11:28: 'ur' is undefined — did you mean 'url'?\n"
                "  markets.csv:2: column market = 'se' (row se)\n"
                "  the same problem in 2 more row(s): no, dk\n"
                "  hint: vars: url"
            ],
            id="undefined-var",
        ),
        pytest.param(
            {"template": TEMPLATE + "pacing: sometimes\n"},
            [
                "ad-set.yaml.j2:12:9: pacing: 'sometimes' is not a valid pacing\n"
                "  markets.csv:2: row se\n"
                "  the same problem in 2 more row(s): no, dk\n"
                "  hint: expected one of: EVEN, ASAP"
            ],
            id="same-problem-in-every-row",
        ),
    ],
)
def test_errors_point_at_template_and_row(
    here: Path, change: dict[str, str], expected: list[str]
) -> None:
    found = _errors(**change)
    assert found == [e.replace("{root}", str(here)) for e in expected]


def test_overrides_replace_cells_and_are_checked(here: Path) -> None:
    overrides = "overrides:\n  se: {daily_budget: 0}\n"
    assert _errors(rollout=ROLLOUT + overrides) == [
        "ad-set.yaml.j2:3:17: budget must be more than 0 (got 0.00 USD) "
        "[adset.budget-positive]\n"
        "  launch.yaml:20:8: override daily_budget = 0 (row se)\n"
        "  hint: the API rejects zero and negative budgets and bids"
    ]
    bad = "overrides:\n  xx: {daily_budget: 1}\n  dk: {market: x, daily_budgt: 2}\n"
    assert _errors(rollout=ROLLOUT + bad) == [
        "launch.yaml:20:3: overrides: no row has the key 'xx'\n"
        "  hint: row keys: se, no, dk",
        "launch.yaml:21:8: overrides cannot change the key column 'market'\n"
        "  hint: change the key in the values file instead",
        "launch.yaml:21:19: overrides: markets.csv has no column 'daily_budgt'\n"
        "  hint: did you mean 'daily_budget'?",
    ]
    assert _errors(rollout=ROLLOUT + "overrides:\n  no: [1]\n") == [
        "launch.yaml:20:7: no: expected a mapping, got a list\n"
        "  hint: write key: value pairs",
    ]


@pytest.mark.parametrize(
    ("rollout", "expected"),
    [
        pytest.param(
            ROLLOUT.replace("template: ad-set.yaml.j2", "template: ad-set.yaml"),
            UNUSED + "\nlaunch.yaml:4:11: template ad-set.yaml is not a *.j2 file\n"
            "  hint: name templates like ad-set.yaml.j2",
            id="not-j2",
        ),
        pytest.param(
            ROLLOUT.replace("template: ad-set.yaml.j2", "template: nope.yaml.j2"),
            UNUSED + "\nlaunch.yaml:4:11: template not found: nope.yaml.j2\n"
            "  hint: paths are relative to the rollout file",
            id="missing-template",
        ),
        pytest.param(
            ROLLOUT.replace("values: markets.csv", "values: ../markets.csv"),
            "launch.yaml:5:9: values file ../markets.csv is outside the project "
            "directory {root}\n"
            "  hint: keep values files inside the project (where campaignctl.yaml is)",
            id="values-outside",
        ),
        pytest.param(
            ROLLOUT.replace("values: markets.csv", "values: nope.csv"),
            "launch.yaml:5:9: values file not found: nope.csv\n"
            "  hint: paths are relative to the file that names them",
            id="values-missing",
        ),
        pytest.param(
            ROLLOUT.replace("each: ad_set\n", "each: campaign\n"),
            "launch.yaml:9:1: campaign: is only used with each: ad_set\n"
            "  hint: with each: campaign the template renders whole campaigns",
            id="campaign-block-unused",
        ),
        pytest.param(
            ROLLOUT.split("campaign:\n")[0],
            "launch.yaml:7:7: each: ad_set needs a campaign: block\n"
            "  hint: write the campaign the rows' ad sets go in under campaign:",
            id="campaign-block-missing",
        ),
        pytest.param(
            ROLLOUT.replace("key: market", "key: marker"),
            "markets.csv:1:1: the key column 'marker' is not in the header "
            "(columns: market, country, daily_budget, start, audio, tagline)\n"
            "  hint: did you mean 'market'?",
            id="key-column",
        ),
        pytest.param(
            ROLLOUT.replace("each: ad_set", "each: row"),
            "launch.yaml:7:7: each: must be 'campaign' or 'ad_set' (got 'row')",
            id="each-choice",
        ),
    ],
)
def test_rollout_problems_are_located(here: Path, rollout: str, expected: str) -> None:
    found = "\n".join(_errors(rollout=rollout))
    assert found == expected.replace("{root}", str(here))


def test_template_outside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    rollout_project(root, rollout=ROLLOUT.replace("ad-set.yaml.j2", "../t.yaml.j2"))
    (tmp_path / "t.yaml.j2").write_text(TEMPLATE)
    monkeypatch.chdir(root)
    assert texts(inspect_workspace([Path()], now=NOW).diagnostics) == [
        f"../t.yaml.j2: template ../t.yaml.j2 is outside the project directory "
        f"{root}\n"
        "  hint: keep templates inside the project (where campaignctl.yaml is)",
        UNUSED,
    ]


def test_asset_symlinks_out_of_the_project_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    csv = CSV.replace(
        "dk,DK,50,2034-03-01,assets/spot.wav", "dk,DK,50,2034-03-01,assets/link.wav"
    )
    rollout_project(root, csv=csv)
    (tmp_path / "secret.wav").write_bytes(wav_bytes())
    (root / "assets" / "link.wav").symlink_to(tmp_path / "secret.wav")
    monkeypatch.chdir(root)
    assert texts(inspect_workspace([Path()], now=NOW).diagnostics) == [
        f"ad-set.yaml.j2:9:12: assets/link.wav is outside the project directory "
        f"{root}\n"
        "  markets.csv:4: column audio = 'assets/link.wav' (row dk)\n"
        "  hint: keep creative files inside the project (where campaignctl.yaml is)"
    ]


def test_each_ad_set_rows_render_one_document(here: Path) -> None:
    assert _errors(template="name: a\n---\nname: b\n") == [
        "ad-set.yaml.j2:3:1: with each: ad_set a row renders one ad set (a mapping) "
        "or a list of ad sets\n"
        "  markets.csv:2: row se\n"
        "  the same problem in 2 more row(s): no, dk\n"
        "  hint: remove the '---' separators; the rollout's campaign: holds the "
        "campaign"
    ]


def test_a_template_cannot_render_a_rollout(here: Path) -> None:
    rollout = ROLLOUT.replace("each: ad_set", "each: campaign").split("campaign:\n")[0]
    assert _errors(rollout=rollout, template="kind: Rollout\nname: x\n") == [
        "ad-set.yaml.j2:1:1: a template cannot render a Rollout\n"
        "  markets.csv:2: row se\n"
        "  the same problem in 2 more row(s): no, dk\n"
        "  hint: templates render Campaign documents"
    ]


def test_yaml_values_files_are_not_manifests(here: Path) -> None:
    rows = (
        "- {market: se, country: SE, daily_budget: 90, start: 2034-03-01, "
        "audio: assets/spot.wav, tagline: Hej}\n"
    )
    rollout_project(
        here,
        rollout=ROLLOUT.replace("markets.csv", "rows.yaml"),
        **{"rows.yaml": rows},
    )
    workspace = load_workspace([here], now=NOW)
    assert [s.name for s in workspace.desired.campaigns[0].ad_sets] == ["Sweden"]
    assert workspace.origins["world-launch/sweden"].values_file == "rows.yaml"


def test_inline_rows_and_locate(here: Path) -> None:
    inline = ROLLOUT.replace(
        "values: markets.csv",
        "values:\n  - {market: se, country: SE, daily_budget: 90, start: 2034-03-01,"
        " audio: assets/spot.wav, tagline: Hej}",
    )
    rollout_project(here, rollout=inline)
    workspace = load_workspace([here], now=NOW)
    assert workspace.origins["world-launch/sweden"].values_file == "launch.yaml"
    assert workspace.locate("world-launch/sweden", "budget.micro_amount") == Location(
        "ad-set.yaml.j2", 3, 1
    )
    assert workspace.locate("world-launch/sweden/spot", "tagline") == Location(
        "ad-set.yaml.j2", 8, 5
    )
    assert workspace.locate("world-launch") == Location("launch.yaml", 11, 3)


def test_validate_json_carries_the_row(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rollout_project(here, csv=CSV.replace("no,NO,60", "no,NO,abc"))
    assert main(["validate", "--format", "json", "."]) == 1
    [diagnostic] = json.loads(capsys.readouterr().out)["diagnostics"]
    assert diagnostic == {
        "severity": "error",
        "file": "ad-set.yaml.j2",
        "line": 3,
        "col": 17,
        "message": "money: 'abc' is not an amount of money",
        "hint": "write the amount and an ISO 4217 currency code, like 150 USD or "
        "12.50 EUR",
        "rule": None,
        "notes": ["markets.csv:3: column daily_budget = 'abc' (row no)"],
    }
