"""examples/rollout through the CLI against the sandbox: one row, one change.

The example (52 markets, one ad set with two ads each) is applied once per
module; every test works on its own copy of that applied project (with its
embedded sandbox database), edits markets.csv, and checks that the plan
touches exactly the objects of the edited row, then that one apply converges.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from campaignctl.cli import main
from campaignctl.commands.planning import make_plan
from campaignctl.manifest import load_workspace
from campaignctl.output import Output
from campaignctl.plan.blast import RolloutImpact, blast_radius, render_blast_text
from campaignctl.plan.model import SpendImpact
from campaignctl.provider.connection import open_api
from tests.e2e.conftest import EXAMPLES, Run

CAMPAIGN = "nightjar-midnight-world-launch"
NO_CHANGES = "No changes. Live state matches the manifests.\n"
LUXEMBOURG = "lu,LU,fr,20,2034-03-01,,assets/spot-fr.wav,,Le nouvel album. À minuit.\n"


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/rollout applied once to its embedded sandbox."""
    project = tmp_path_factory.mktemp("applied") / "rollout"
    shutil.copytree(
        EXAMPLES / "rollout", project, ignore=shutil.ignore_patterns(".campaignctl")
    )
    assert main(["--sandbox", "apply", str(project), "--auto-approve"]) == 0
    return project


@pytest.fixture
def project(applied: Path, tmp_path: Path) -> Path:
    """A private copy of the applied project, sandbox database included."""
    copy = tmp_path / "rollout"
    shutil.copytree(applied, copy)
    return copy


def _edit_csv(project: Path, old: str, new: str) -> None:
    path = project / "markets.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def _changes(cli: Callable[..., Run], project: Path) -> list[tuple[str, str, str]]:
    planned = cli("--sandbox", "plan", project, "--format", "json")
    assert planned.code == 0, planned.err
    return [
        (a["action"], a["kind"], a["address"])
        for a in json.loads(planned.out)["actions"]
        if a["action"] != "no-op"
    ]


def _converges(cli: Callable[..., Run], project: Path) -> None:
    applied = cli("--sandbox", "apply", project, "--auto-approve")
    assert applied.code == 0, applied.err
    assert cli("--sandbox", "plan", project, "--detailed-exitcode").out == NO_CHANGES


def test_one_cell_edited_is_one_update(cli: Callable[..., Run], project: Path) -> None:
    _edit_csv(project, "se,SE,sv,90,", "se,SE,sv,110,")
    assert _changes(cli, project) == [("update", "ad_set", f"{CAMPAIGN}/sweden-sv")]
    planned = cli("--sandbox", "plan", project, "--detailed-exitcode")
    assert planned.code == 2
    assert "budget: $90.00/day → $110.00/day" in planned.out
    assert "Plan: 0 to create, 1 to update, 0 to replace, 0 to disable." in planned.out
    _converges(cli, project)


def test_one_row_added_is_one_ad_set_and_its_ads(
    cli: Callable[..., Run], project: Path
) -> None:
    with (project / "markets.csv").open("a", encoding="utf-8") as csv:
        csv.write(LUXEMBOURG)
    assert _changes(cli, project) == [
        ("create", "ad_set", f"{CAMPAIGN}/luxembourg-fr"),
        ("create", "ad", f"{CAMPAIGN}/luxembourg-fr/lead-single"),
        ("create", "ad", f"{CAMPAIGN}/luxembourg-fr/tour-dates"),
    ]
    _converges(cli, project)


def test_one_row_removed_with_prune_is_one_disable(
    cli: Callable[..., Run], project: Path
) -> None:
    _edit_csv(project, "ae,AE,ar,45,2034-03-01,,assets/spot-en.wav,,\n", "")
    assert _changes(cli, project) == [
        ("disable", "ad_set", f"{CAMPAIGN}/united-arab-emirates-ar")
    ]
    _converges(cli, project)


def test_blast_radius_of_a_rollout_edit(project: Path) -> None:
    _edit_csv(project, "se,SE,sv,90,", "se,SE,sv,110,")
    _edit_csv(project, "ae,AE,ar,45,2034-03-01,,assets/spot-en.wav,,\n", "")
    with (project / "markets.csv").open("a", encoding="utf-8") as csv:
        csv.write(LUXEMBOURG)
    workspace = load_workspace([project])
    api = open_api(
        sandbox=True, project_root=workspace.root, parallelism=4, out=Output()
    )
    with closing(api):
        plan = make_plan(workspace, api, parallelism=4)
    impacts = blast_radius(plan, workspace.origins)
    assert impacts == (
        RolloutImpact(
            rollout="Midnight world launch",
            file=str(project / "launch.yaml"),
            rows=52,
            rows_changed=("lu", "se"),
            rows_removed=1,
            actions={
                "create": {"ad_set": 1, "ad": 2},
                "update": {"ad_set": 1},
                "disable": {"ad_set": 1},
            },
            spend={
                "USD": SpendImpact(
                    daily_before=135_000_000,
                    daily_after=130_000_000,
                    lifetime_before=0,
                    lifetime_after=0,
                )
            },
        ),
    )
    assert render_blast_text(impacts, color=False) == (
        "Blast radius of rollouts:\n"
        "\n"
        f"  Midnight world launch ({project / 'launch.yaml'})\n"
        "      2 of 52 rows changed (lu, se), 1 row removed\n"
        "      5 objects: 3 to create (1 ad set, 2 ads); 1 to update (1 ad set); "
        "1 to disable (1 ad set)\n"
        "      daily budgets (USD): $135.00 → $130.00 (-$5.00)\n"
    )


def test_every_plan_format_and_saved_plans_state_the_blast_radius(
    cli: Callable[..., Run], project: Path
) -> None:
    _edit_csv(project, "se,SE,sv,90,", "se,SE,sv,110,")
    launch = project / "launch.yaml"
    text = cli("--sandbox", "plan", project, "--out", project / "plan.json")
    assert text.out.endswith(
        "\n\nBlast radius of rollouts:\n"
        "\n"
        f"  Midnight world launch ({launch})\n"
        "      1 of 52 rows changed (se)\n"
        "      1 object: 1 to update (1 ad set)\n"
        "      daily budgets (USD): $90.00 → $110.00 (+$20.00)\n"
    )
    markdown = cli("--sandbox", "plan", project, "--format", "markdown").out
    assert (
        "#### Blast radius of rollouts\n\n"
        f"- **Midnight world launch** (`{launch}`): 1 of 52 rows changed (se); "
        "1 object: 1 to update (1 ad set); "
        "daily budgets (USD): $90.00 → $110.00 (+$20.00)\n"
    ) in markdown
    saved = json.loads((project / "plan.json").read_text())["rollouts"]
    assert [(r["rollout"], r["rows_changed"]) for r in saved] == [
        ("Midnight world launch", ["se"])
    ]
    shown = cli("show", project / "plan.json")
    assert shown.out == text.out
