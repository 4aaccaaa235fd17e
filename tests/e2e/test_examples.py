"""Invariant: every example validates, applies, and then plans no changes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import EXAMPLES, Run

PROJECTS = sorted(p.parent for p in EXAMPLES.glob("*/campaignctl.yaml"))


@pytest.mark.parametrize("example", PROJECTS, ids=[p.name for p in PROJECTS])
def test_example_applies_then_plans_no_changes(
    cli: Callable[..., Run], example: Path, tmp_path: Path
) -> None:
    project = tmp_path / example.name
    shutil.copytree(example, project, ignore=shutil.ignore_patterns(".campaignctl"))
    assert cli("validate", project).code == 0
    applied = cli("--sandbox", "apply", project, "--auto-approve")
    assert applied.code == 0, applied.err
    planned = cli("--sandbox", "plan", project, "--detailed-exitcode")
    assert (planned.code, planned.out) == (
        0,
        "No changes. Live state matches the manifests.\n",
    )


def test_every_example_is_covered() -> None:
    assert [p.name for p in PROJECTS] == sorted(
        p.name for p in EXAMPLES.iterdir() if p.is_dir() and p.name != "ci"
    )
