"""The CI assets: the GitHub Actions example and the pre-commit hook."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pre_commit.clientlib import load_manifest

from tests.e2e.conftest import EXAMPLES, Run

REPO = EXAMPLES.parent
WORKFLOW = EXAMPLES / "ci" / "github-actions.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def workflow() -> dict[Any, Any]:
    document = yaml.safe_load(WORKFLOW.read_text())
    assert isinstance(document, dict)
    return document


def steps(job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow()["jobs"][job]["steps"]
    return found


def test_the_workflow_plans_pull_requests_and_applies_merges() -> None:
    document = workflow()
    triggers = document[True]  # YAML 1.1 reads the key `on` as a boolean
    assert sorted(triggers) == ["pull_request", "push"]
    assert triggers["push"]["branches"] == ["main"]
    assert document["jobs"]["plan"]["if"] == "github.event_name == 'pull_request'"
    assert document["jobs"]["apply"]["if"] == "github.event_name == 'push'"
    assert document["jobs"]["apply"]["concurrency"]["cancel-in-progress"] is False


def test_the_plan_job_comments_once_and_keeps_the_plan_file() -> None:
    plan = next(s for s in steps("plan") if s.get("id") == "plan")["run"]
    command = re.sub(r"\\\n\s*", "", plan)
    assert (
        "campaignctl plan manifests/ --out plan.json --format markdown "
        "--detailed-exitcode > plan.md"
    ) in command
    script = next(s for s in steps("plan") if "github-script" in s.get("uses", ""))
    assert "const marker = '<!-- campaignctl-plan -->';" in script["with"]["script"]
    assert "updateComment" in script["with"]["script"]
    upload = next(s for s in steps("plan") if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["name"] == "campaignctl-plan"
    assert upload["with"]["path"] == "plan.json"


def test_the_apply_job_applies_the_reviewed_plan_and_fails_on_stale() -> None:
    runs = "\n".join(s.get("run", "") for s in steps("apply"))
    assert "gh run download" in runs
    assert "--name campaignctl-plan" in runs
    assert "campaignctl apply reviewed/plan.json" in runs
    assert '[ "$code" -eq 4 ]' in runs
    assert 'exit "$code"' in runs


def test_the_marker_is_what_the_markdown_plan_starts_with() -> None:
    from campaignctl.plan.model import Plan
    from campaignctl.plan.render_markdown import MARKER, render_markdown

    assert MARKER == "<!-- campaignctl-plan -->"
    assert render_markdown(Plan()).startswith(MARKER)
    assert MARKER in WORKFLOW.read_text()


def test_the_hook_manifest_is_valid_for_pre_commit() -> None:
    [hook] = load_manifest(str(HOOKS))
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "campaignctl-validate",
        "campaignctl validate",
        "python",
    )
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True


def hook() -> dict[str, Any]:
    [found] = yaml.safe_load(HOOKS.read_text())
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("campaigns/summer.yaml", True),
        ("manifests/2030/summer.yml", True),
        ("marketing/campaigns/rollout.yaml.j2", True),
        ("campaignctl.yaml", True),
        ("manifests/campaignctl.yaml", True),
        (".github/workflows/campaigns.yml", False),
        ("docs/campaigns.md", False),
        ("campaigns/assets/cover.png", False),
    ],
)
def test_the_hook_picks_manifests_only(path: str, matched: bool) -> None:
    assert bool(re.search(hook()["files"], path)) is matched


def as_pre_commit_runs(files: list[str]) -> list[str]:
    """The hook's entry with the matching files appended, as pre-commit does."""
    pattern = re.compile(hook()["files"])
    chosen = [f for f in files if pattern.search(f)]
    return [*shlex.split(hook()["entry"]), *chosen]


def test_the_hook_entry_validates_changed_files_without_credentials(
    cli: Callable[..., Run],
    quickstart: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("SPOTIFY_ADS_CLIENT_ID", "SPOTIFY_ADS_REFRESH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    campaigns = quickstart / "campaigns"
    campaigns.mkdir()
    (quickstart / "midnight-launch.yaml").rename(campaigns / "midnight-launch.yaml")
    manifest = campaigns / "midnight-launch.yaml"
    manifest.write_text(manifest.read_text().replace("assets/", "../assets/"))
    monkeypatch.chdir(quickstart)
    argv = as_pre_commit_runs(
        ["campaigns/midnight-launch.yaml", "campaignctl.yaml", "README.md"],
    )
    assert argv == [
        "campaignctl",
        "validate",
        "campaigns/midnight-launch.yaml",
        "campaignctl.yaml",
    ]
    ok = cli(*argv[1:])
    assert (ok.code, ok.out) == (0, "")
    assert ok.err == (
        "valid: 1 campaign(s), 2 ad set(s), 3 ad(s), 4 asset(s); 0 error(s), "
        "0 warning(s)\n"
    )
    manifest.write_text(
        manifest.read_text().replace("objective: REACH", "objective: X")
    )
    broken = cli(*argv[1:])
    assert broken.code == 1
    assert broken.out.startswith("campaigns/midnight-launch.yaml:5:12: ")
