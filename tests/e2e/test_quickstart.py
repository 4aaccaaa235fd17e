"""The quickstart through the real CLI: validate → plan → apply → plan.

In-process (``--sandbox``, the embedded sandbox in .campaignctl/sandbox.db)
and over real HTTP (uvicorn on a loopback port, credentials from env vars).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Run, ServedSandbox

PLAN_10_CREATES = "Plan: 10 to create, 0 to update, 0 to replace, 0 to disable."
APPLIED_12 = "Apply finished: 12 done, 0 failed, 0 skipped."
NO_CHANGES = "No changes. Live state matches the manifests.\n"


def test_quickstart_converges_in_process(
    cli: Callable[..., Run], quickstart: Path
) -> None:
    validated = cli("validate", quickstart)
    assert (validated.code, validated.err) == (
        0,
        "valid: 1 campaign(s), 2 ad set(s), 3 ad(s), 4 asset(s); "
        "0 error(s), 0 warning(s)\n",
    )
    planned = cli("--sandbox", "plan", quickstart, "--detailed-exitcode")
    assert planned.code == 2
    assert PLAN_10_CREATES in planned.out
    applied = cli("--sandbox", "apply", quickstart, "--auto-approve")
    assert applied.code == 0, applied.err
    assert APPLIED_12 in applied.err
    again = cli("--sandbox", "plan", quickstart, "--detailed-exitcode")
    assert (again.code, again.out) == (0, NO_CHANGES)
    assert (quickstart / ".campaignctl" / "sandbox.db").is_file()


def test_quickstart_converges_over_http(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    planned = cli("plan", quickstart, "--detailed-exitcode", "--format", "json")
    assert planned.code == 2
    summary = json.loads(planned.out)["summary"]
    assert {k: summary[k] for k in ("create", "update", "replace", "disable")} == {
        "create": 10,
        "update": 0,
        "replace": 0,
        "disable": 0,
    }
    assert served.writes() == 0
    applied = cli("apply", quickstart, "--auto-approve")
    assert applied.code == 0, applied.err
    writes = served.writes()
    # 4 assets x (create + upload) + 1 campaign + 2 ad sets + 3 ads + 2 switch-ons
    assert writes == 16
    again = cli("apply", quickstart, "--auto-approve")
    assert (again.code, again.out) == (0, NO_CHANGES)
    assert served.writes() == writes  # the second apply wrote nothing


def test_plan_lists_only_list_pages(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    before = served.stats()
    assert cli("plan", quickstart).code == 0
    after = served.stats()
    delta = {
        op: after[op] - before.get(op, 0)
        for op in after
        if after[op] != before.get(op, 0)
    }
    assert delta == {
        "getAdAccount": 1,
        "getCampaigns": 1,
        "getAdSetsByAdAccountId": 1,
        "getAds": 1,
        "getAssetsByAdAccount": 1,
    }
