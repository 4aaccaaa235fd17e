"""validate, render and schema through the CLI; the committed schemas are fresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from campaignctl.cli import main
from campaignctl.manifest.jsonschema import schema_files
from tests.conftest import REPO_ROOT
from tests.manifest.trees import BASE, project


def test_validate_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(
        tmp_path,
        BASE.replace("2030-06-01T00:00:00Z", "2099-06-01T00:00:00Z").replace(
            "2030-06-30", "2099-06-30"
        ),
    )
    assert main(["validate", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "valid: 1 campaign(s), 1 ad set(s), 1 ad(s), 3 asset(s); 0 error(s), 0 "
        "warning(s)\n"
    )


def test_validate_errors_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, BASE.replace("budget:", "budjet:").replace("REACH", "REECH"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "."]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        "campaign.yaml:5:12: objective: 'REECH' is not a valid objective\n"
        "  hint: did you mean 'REACH'?\n"
        "campaign.yaml:7:5: missing required field 'budget'\n"
        "  hint: e.g. budget: {daily: 150 USD}\n"
        "campaign.yaml:11:5: unknown field 'budjet'\n"
        "  hint: did you mean 'budget'?\n"
    )
    assert captured.err == "invalid: 3 error(s), 0 warning(s)\n"


def test_validate_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, BASE.replace("{daily: 150 USD}", "{daily: 0 USD}"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "json", "."]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out) == {
        "valid": False,
        "errors": 1,
        "warnings": 0,
        "diagnostics": [
            {
                "severity": "error",
                "file": "campaign.yaml",
                "line": 11,
                "col": 21,
                "message": "budget must be more than 0 (got 0.00 USD)",
                "hint": "the API rejects zero and negative budgets and bids",
                "rule": "adset.budget-positive",
                "notes": [],
            }
        ],
    }


def test_render_prints_documents_after_the_cascade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    short = (
        "\n".join(line for line in BASE.splitlines() if "account:" not in line) + "\n"
    )
    project(
        tmp_path,
        short.replace("delivery", "x") + "---\n# empty\n",
        **{"campaignctl.yaml": "defaults: {account: sandbox}\n"},
    )
    monkeypatch.chdir(tmp_path)
    assert main(["render", "campaign.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Source: campaign.yaml\n---\napiVersion: campaignctl/v1\n")
    assert out.endswith("account: sandbox\n")
    assert "  - name: US Rock Fans\n" not in out  # re-emitted in block style
    assert main(["render", "campaign.yaml"]) == 0
    assert capsys.readouterr().out == out  # deterministic


def test_render_refuses_broken_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, "kind: [")
    monkeypatch.chdir(tmp_path)
    assert main(["render", "."]) == 1
    err = capsys.readouterr().err
    assert err.startswith("campaign.yaml:2:1: invalid YAML:")
    assert err.endswith("\nerror: 1 error(s) found\n")


def test_schema_writes_and_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "schemas"
    assert main(["schema", "--check", "--dir", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"error: {target}/campaign.schema.json is out of date\n"
        f"error: {target}/project.schema.json is out of date\n"
        f"error: {target}/rollout.schema.json is out of date\n"
        f"error: {target}/report.schema.json is out of date\n"
        "run `campaignctl schema` to regenerate them\n"
    )
    assert main(["schema", "--dir", str(target)]) == 0
    assert sorted(p.name for p in target.iterdir()) == [
        "campaign.schema.json",
        "project.schema.json",
        "report.schema.json",
        "rollout.schema.json",
    ]
    assert main(["schema", "--check", "--dir", str(target)]) == 0
    (target / "project.schema.json").write_text("{}")
    assert main(["schema", "--check", "--dir", str(target)]) == 1


def test_committed_schemas_are_up_to_date() -> None:
    for name, text in schema_files().items():
        committed = REPO_ROOT / "schemas" / name
        assert committed.read_text(encoding="utf-8") == text, (
            f"schemas/{name} is stale: run `campaignctl schema`"
        )


def test_schemas_describe_the_format() -> None:
    campaign = json.loads(schema_files()["campaign.schema.json"])
    assert campaign["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert campaign["required"] == [
        "apiVersion",
        "kind",
        "account",
        "name",
        "objective",
    ]
    assert campaign["additionalProperties"] is False
    ad_set_defaults = campaign["$defs"]["AdSetDefaults"]
    assert "name" not in ad_set_defaults["properties"]
    assert "required" not in ad_set_defaults
    delivery = campaign["$defs"]["AdSetSpec"]["properties"]["delivery"]
    assert delivery["enum"] == ["ON", "on", "OFF", "off"]
    project_schema = json.loads(schema_files()["project.schema.json"])
    assert set(project_schema["properties"]) == {"accounts", "defaults", "policy"}


def test_examples_carry_the_modeline() -> None:
    for path in sorted((REPO_ROOT / "examples").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        kind = "project" if path.name == "campaignctl.yaml" else "campaign"
        kind = "rollout" if "\nkind: Rollout\n" in text else kind
        kind = "report" if "\nkind: Report\n" in text else kind
        assert first.startswith("# yaml-language-server: $schema="), path
        assert first.endswith(f"schemas/{kind}.schema.json"), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == (REPO_ROOT / "schemas" / f"{kind}.schema.json").resolve(), path
