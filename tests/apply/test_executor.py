"""Executing plans against the sandbox: failures, skips, interrupts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from campaignctl.apply.executor import apply_plan
from campaignctl.apply.result import Outcome
from campaignctl.plan.model import Plan
from campaignctl.provider.api import SpotifyAdsApi

ACCOUNT = "00000000-0000-4000-a000-000000000001"
UK_TARGETS = "      geo: {country: GB}\n"
UK_BROKEN = "      geo: {country: GB}\n      genres: [not-a-genre]\n"


def _outcomes(result: object) -> dict[str, tuple[str, str | None]]:
    return {
        r.operation.key: (r.outcome.value, r.message)  # type: ignore[attr-defined]
        for r in result.results  # type: ignore[attr-defined]
    }


def test_a_failure_skips_its_dependents_and_spares_independent_work(
    project: Path, planner: Callable[[Path], Plan], api: SpotifyAdsApi
) -> None:
    manifest = project / "midnight-launch.yaml"
    manifest.write_text(manifest.read_text().replace(UK_TARGETS, UK_BROKEN))
    result = apply_plan(planner(project), api, root=project, parallelism=4)
    outcomes = _outcomes(result)
    uk = "nightjar-midnight-album-launch/uk-podcast-listeners-25-44"
    status, message = outcomes[f"{uk}#create"]
    assert status == "failed"
    assert message is not None
    assert "POST /ad_accounts/" in message
    assert "not-a-genre" in message
    assert "sp_trace_id" in message
    assert outcomes[f"{uk}/spot-a-uk#create"] == (
        "skipped",
        f"needs create ad set {uk}, which failed",
    )
    assert outcomes[f"{uk}#switch delivery"] == (
        "skipped",
        f"needs create ad set {uk}, which failed",
    )
    assert (result.count(Outcome.DONE), result.count(Outcome.FAILED)) == (9, 1)
    assert result.count(Outcome.SKIPPED) == 2
    assert not result.ok

    manifest.write_text(manifest.read_text().replace(UK_BROKEN, UK_TARGETS))
    repair = planner(project)
    assert repair.counts() == {
        "create": 2,
        "update": 0,
        "replace": 0,
        "disable": 0,
        "archive": 0,
    }
    assert apply_plan(repair, api, root=project).ok
    assert not planner(project).has_changes


def test_a_stop_before_the_start_writes_nothing(
    project: Path, planner: Callable[[Path], Plan], api: SpotifyAdsApi
) -> None:
    stop = threading.Event()
    stop.set()
    plan = planner(project)
    result = apply_plan(plan, api, root=project, stop=stop)
    assert result.interrupted
    assert {r.outcome for r in result.results} == {Outcome.SKIPPED}
    assert {r.message for r in result.results} == {"interrupted before it started"}
    assert planner(project).counts() == plan.counts()
