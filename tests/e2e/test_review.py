"""Pull-request review through the real CLI against the sandbox over HTTP.

Drift attributed with ``X-Sandbox-Actor``, policy exit codes, selectors with
dependency pull-in, and `show` rendering a saved plan in every format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from campaignctl.plan.render_markdown import MARKER
from tests.e2e.conftest import Run, ServedSandbox, find

ACCOUNT = "00000000-0000-4000-a000-000000000001"
US = "nightjar-midnight-album-launch/us-indie-fans-18-34"
UK = "nightjar-midnight-album-launch/uk-podcast-listeners-25-44"


def advance(served: ServedSandbox, seconds: int) -> None:
    """Move the sandbox clock (updated_at stamps have one-second resolution)."""
    reply = httpx.post(f"{served.root}/_sandbox/advance", json={"seconds": seconds})
    assert reply.status_code == 200, reply.text


def patch_ad_set(
    served: ServedSandbox, name: str, body: dict[str, Any], actor: str | None = None
) -> None:
    headers = {"X-Sandbox-Actor": actor} if actor else {}
    with served.client() as client:
        ad_sets = client.get(f"/ad_accounts/{ACCOUNT}/ad_sets").json()["ad_sets"]
        ad_set = find(ad_sets, name)
        reply = client.patch(
            f"/ad_accounts/{ACCOUNT}/ad_sets/{ad_set['id']}", json=body, headers=headers
        )
    assert reply.is_success, reply.text


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


DRIFT_TEXT = f"""\
campaignctl will perform the following actions:

Changes from your manifests:

  ~ ad set "US Indie Fans 18-34" ({US})
        bid_micro_amount: $12.50 → $14.00

Live changes made outside campaignctl that this plan will overwrite:

  ~ ad set "US Indie Fans 18-34" ({US})
        budget: $200.00/day → $150.00/day
          # live change by jane@example.com on 2030-01-01 00:05 UTC: \
$150.00 → $200.00; this plan reverts it

Plan: 0 to create, 1 to update, 0 to replace, 0 to disable.
Daily budgets (USD): $200.00 → $150.00 (-$50.00)
"""


def test_drift_is_told_apart_from_manifest_changes(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    advance(served, 300)
    budget = {"micro_amount": 200_000_000, "type": "DAILY"}
    patch_ad_set(served, "US Indie Fans 18-34", {"budget": budget}, "jane@example.com")
    edit(quickstart / "midnight-launch.yaml", "max_cpm: 12.50 USD", "max_cpm: 14 USD")

    text = cli("plan", quickstart, "--detailed-exitcode")
    assert text.code == 2
    assert text.out == DRIFT_TEXT

    document = json.loads(cli("plan", quickstart, "--format", "json").out)
    [update] = [a for a in document["actions"] if a["action"] == "update"]
    assert update["changes"] == [
        {
            "path": "bid_micro_amount",
            "before": 12_500_000,
            "after": 14_000_000,
            "forces_replace": False,
            "origin": "manifest",
            "changed_by": None,
            "changed_at": None,
            "changed_from": None,
        },
        {
            "path": "budget.micro_amount",
            "before": 200_000_000,
            "after": 150_000_000,
            "forces_replace": False,
            "origin": "drift",
            "changed_by": "jane@example.com",
            "changed_at": "2030-01-01T00:05:00Z",
            "changed_from": 150_000_000,
        },
    ]
    assert document["summary"]["changes_by_origin"] == {
        "manifest": {"objects": 1, "fields": 1},
        "drift": {"objects": 1, "fields": 1},
    }
    markdown = cli("plan", quickstart, "--format", "markdown").out
    assert (
        f"| `{US}` | `budget.micro_amount` | jane@example.com | 2030-01-01 00:05 UTC "
        "| $150.00 → $200.00 | reverts to $150.00 |"
    ) in markdown


def test_campaignctl_own_writes_are_not_drift(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    advance(served, 60)
    patch_ad_set(served, "US Indie Fans 18-34", {"pacing": "PACING_ASAP"})  # our token
    planned = cli("plan", quickstart, "--format", "json")
    changes = [c for a in json.loads(planned.out)["actions"] for c in a["changes"]]
    assert [(c["path"], c["origin"]) for c in changes] == [("pacing", "manifest")]


def with_policy(quickstart: Path, policy: str) -> None:
    project = quickstart / "campaignctl.yaml"
    project.write_text(project.read_text() + "policy:\n" + policy)


def test_policy_blocks_plan_and_apply_with_exit_3(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    with_policy(quickstart, "  max_daily_budget: 100 USD\n  protect: ['nightjar*']\n")
    planned = cli(
        "plan", quickstart, "--detailed-exitcode", "--out", quickstart / "p.json"
    )
    assert planned.code == 3  # policy wins over "changes pending" (2)
    manifest = quickstart / "midnight-launch.yaml"
    violation = (
        f"[max_daily_budget] {US}: daily budget $150.00 is over the limit of $100.00 "
        f"per ad set ({manifest}:13:5)"
    )
    assert f"Policy violations (apply is blocked):\n  - {violation}\n" in planned.out
    assert planned.err.endswith(
        f"error: blocked by policy (1 violation(s)):\n  - {violation}\n"
        "  hint: change the manifests, or the policy in campaignctl.yaml, and plan "
        "again\n"
    )
    for command in (
        ("apply", quickstart, "--auto-approve"),
        ("apply", quickstart / "p.json"),
    ):
        refused = cli(*command)
        assert refused.code == 3, refused.err
        assert violation in refused.err
    assert served.writes() == 0
    markdown = cli("show", quickstart / "p.json", "--format", "markdown").out
    assert "**⛔ Blocked by policy: 1 policy violation.**" in markdown


def test_only_pulls_in_what_the_selection_needs_and_applies_just_that(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    planned = cli("plan", quickstart, "--only", "*/us-*", "--format", "json")
    selection = json.loads(planned.out)["selection"]
    assert selection == {
        "only": ["*/us-*"],
        "except": [],
        "left_out": [UK, UK + "/spot-a-uk"],
        "pulled_in": [
            "asset:cover-b17c6049c0dd.png",
            "asset:logo-c4160e4f5ab7.png",
            "asset:spot-a-ac2e848ec29c.wav",
            "asset:spot-b-62168a071ab7.wav",
            "nightjar-midnight-album-launch",
        ],
    }
    text = cli("plan", quickstart, "--only", "*/us-*", "-v").out
    assert (
        "Selected with --only '*/us-*': 2 changes left out, 5 changes pulled in as "
        "dependencies.\n"
        f"  left out: {UK}\n"
        f"  left out: {UK}/spot-a-uk\n"
    ) in text
    applied = cli("apply", quickstart, "--only", "*/us-*", "--auto-approve")
    assert applied.code == 0, applied.err
    assert "Apply finished: 9 done, 0 failed, 0 skipped." in applied.err
    rest = cli("plan", quickstart)
    assert "Plan: 2 to create, 0 to update, 0 to replace, 0 to disable." in rest.out
    assert f'  + ad set "UK Podcast Listeners 25-44" ({UK})' in rest.out


def test_show_renders_a_saved_plan_without_the_api(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    saved = quickstart / "plan.json"
    planned = {
        fmt: cli("plan", quickstart, "--format", fmt, "--out", saved).out
        for fmt in ("text", "markdown", "json")
    }
    requests = sum(served.stats().values())
    for fmt, printed in planned.items():
        shown = cli("show", saved, "--format", fmt)
        assert (shown.code, shown.out) == (0, printed)
    assert sum(served.stats().values()) == requests  # show made no request
    assert planned["markdown"].startswith(MARKER)
    assert planned["json"] == saved.read_text()
    again = cli("plan", quickstart, "--format", "markdown").out
    assert again == planned["markdown"]  # byte-identical across runs


def test_show_refuses_what_is_not_a_plan(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    bogus = tmp_path / "plan.json"
    bogus.write_text('{"hello": 1}')
    shown = cli("show", bogus)
    assert (shown.code, shown.out) == (1, "")
    assert shown.err == (
        "error: this is not a campaignctl plan file: it has no `actions`\n"
        "  hint: save a plan with `campaignctl plan PATH... --out plan.json`\n"
    )
