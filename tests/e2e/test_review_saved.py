"""Saved plans through the real CLI: applied exactly, or refused as stale (exit 4).

The sandbox runs over HTTP with its clock frozen; it moves only when a test
advances it, so each live edit gets a new ``updated_at``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Run, ServedSandbox
from tests.e2e.test_review import ACCOUNT, UK, US, advance, edit, patch_ad_set

NO_CHANGES = "No changes. Live state matches the manifests.\n"
MANIFEST = "midnight-launch.yaml"


def save(cli: Callable[..., Run], quickstart: Path, *flags: str) -> Path:
    plan_file = quickstart / "plan.json"
    planned = cli("plan", quickstart, "--out", plan_file, *flags)
    assert planned.code == 0, planned.err
    return plan_file


def test_a_reviewed_plan_is_applied_exactly_without_a_prompt(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    plan_file = save(cli, quickstart, "--only", "*/us-*")
    document = json.loads(plan_file.read_text())
    assert document["paths"] == ["."]
    assert len(document["manifest_digest"]) == 64
    applied = cli("apply", plan_file)  # no terminal, no --auto-approve: no prompt
    assert applied.code == 0, applied.err
    assert "Apply finished: 9 done, 0 failed, 0 skipped." in applied.err
    assert served.writes() == 13  # 4 assets x 2, campaign, ad set, 2 ads, switch-on
    left = cli("plan", quickstart)
    assert "Plan: 2 to create, 0 to update, 0 to replace, 0 to disable." in left.out


def test_applying_the_same_plan_twice_is_refused(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    advance(served, 60)
    edit(quickstart / MANIFEST, "budget: {daily: 150 USD}", "budget: {daily: 175 USD}")
    plan_file = save(cli, quickstart)
    advance(served, 60)
    assert cli("apply", plan_file).code == 0
    writes = served.writes()
    again = cli("apply", plan_file)
    assert (again.code, again.out) == (4, "")
    assert again.err == (
        f"error: the saved plan {plan_file} is stale; nothing was applied:\n"
        f"  - {US}: changed live since planning (updated_at 2030-01-01T00:00:00Z → "
        "2030-01-01T00:02:00Z)\n"
        "  hint: every object this plan changes has changed since it was made: it "
        "looks applied already. Run `campaignctl plan` to see what is left to do\n"
    )
    assert served.writes() == writes
    assert cli("plan", quickstart).out == NO_CHANGES


def test_changed_manifests_make_the_plan_stale(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    plan_file = save(cli, quickstart)
    digest = json.loads(plan_file.read_text())["manifest_digest"]
    edit(quickstart / MANIFEST, "Catch the Midnight tour live", "Tour dates out now")
    refused = cli("apply", plan_file)
    assert refused.code == 4
    assert refused.err.startswith(
        f"error: the saved plan {plan_file} is stale; nothing was applied:\n"
        f"  - the manifests changed since the plan was made (digest {digest[:12]} → "
    )
    assert served.writes() == 0


def test_a_live_change_after_planning_makes_the_plan_stale(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    edit(quickstart / MANIFEST, "budget: {daily: 150 USD}", "budget: {daily: 175 USD}")
    plan_file = save(cli, quickstart)
    advance(served, 90)
    patch_ad_set(
        served, "UK Podcast Listeners 25-44", {"pacing": "PACING_ASAP"}, "jo@x.io"
    )
    writes = served.writes()
    refused = cli("apply", plan_file)
    assert refused.code == 4
    assert (
        f"  - {UK}: changed live since planning (updated_at 2030-01-01T00:00:00Z → "
        "2030-01-01T00:01:30Z)\n"
    ) in refused.err
    assert "looks applied" not in refused.err
    assert served.writes() == writes


def test_a_vanished_object_makes_the_plan_stale(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    plan_file = save(cli, quickstart)
    document = json.loads(plan_file.read_text())
    [uk] = [a for a in document["actions"] if a["address"] == UK]
    gone = "0badc0de-0000-4000-a000-000000000000"
    plan_file.write_text(plan_file.read_text().replace(uk["remote_id"], gone))
    refused = cli("apply", plan_file)
    assert refused.code == 4
    assert f"  - {UK}: no longer exists live (id {gone})\n" in refused.err


def test_a_create_whose_name_is_now_taken_makes_the_plan_stale(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    plan_file = save(cli, quickstart)
    with served.client() as client:
        made = client.post(
            f"/ad_accounts/{ACCOUNT}/campaigns",
            json={"name": "Nightjar - Midnight Album Launch", "objective": "REACH"},
            headers={"X-Sandbox-Actor": "jane@example.com"},
        )
    assert made.is_success, made.text
    refused = cli("apply", plan_file)
    assert refused.code == 4
    assert refused.err.splitlines()[1:] == [
        "  - nightjar-midnight-album-launch: was to be created, but a campaign named "
        f"'Nightjar - Midnight Album Launch' now exists live (id {made.json()['id']})",
        "  hint: make a new plan (`campaignctl plan PATH... --out FILE`), review it, "
        "and apply that one",
    ]
    assert served.writes() == 1  # Jane's campaign only


def test_every_exit_code(
    cli: Callable[..., Run],
    quickstart: Path,
    served: ServedSandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan_file = quickstart / "plan.json"
    codes = {
        "2 changes pending": cli(
            "plan", quickstart, "--detailed-exitcode", "--out", plan_file
        ),
        "0 changes without --detailed-exitcode": cli("plan", quickstart),
        "1 selectors with a saved plan": cli("apply", plan_file, "--only", "x*"),
    }
    with monkeypatch.context() as elsewhere:
        elsewhere.chdir(quickstart.parent)  # paths are recorded for the old cwd
        codes["1 run from elsewhere"] = cli("apply", plan_file)
    codes["0 applied"] = cli("apply", plan_file)
    codes["4 stale"] = cli("apply", plan_file)
    codes["0 no changes"] = cli("plan", quickstart, "--detailed-exitcode")
    project = quickstart / "campaignctl.yaml"
    edit(project, "currency: USD", "currency: USD\npolicy: {naming: '^X'}")
    codes["0 policy judges changes only"] = cli(
        "plan", quickstart, "--detailed-exitcode"
    )
    edit(project, "naming: '^X'", "require_frequency_caps: true")
    edit(quickstart / MANIFEST, "lifetime: 4000 USD", "lifetime: 4500 USD")
    codes["3 policy"] = cli("plan", quickstart, "--detailed-exitcode")
    edit(quickstart / MANIFEST, "objective: REACH", "objective: REACHH")
    codes["1 invalid manifest"] = cli("plan", quickstart, "--detailed-exitcode")
    assert {name: run.code for name, run in codes.items()} == {
        "2 changes pending": 2,
        "0 changes without --detailed-exitcode": 0,
        "1 selectors with a saved plan": 1,
        "1 run from elsewhere": 1,
        "0 applied": 0,
        "4 stale": 4,
        "0 no changes": 0,
        "0 policy judges changes only": 0,  # the campaign keeps its name
        "3 policy": 3,  # the UK ad set changes and sets no frequency caps
        "1 invalid manifest": 1,
    }
    assert (
        "the manifests it was made from are not here"
        in codes["1 run from elsewhere"].err
    )
