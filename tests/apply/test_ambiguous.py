"""Writes whose outcome is unknown are re-read by name, never duplicated."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from campaignctl.apply.executor import apply_plan
from campaignctl.plan.model import Plan
from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.sandbox import SandboxConfig

ACCOUNT = "00000000-0000-4000-a000-000000000001"


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    """Every third successful write is committed, then answered with an error."""
    return SandboxConfig(
        clock_start=None, rate_limit=0, processing_ms=0, ambiguous_rate=0.35, seed=11
    )


def test_ambiguous_writes_converge_without_duplicates(
    project: Path, planner: Callable[[Path], Plan], api: SpotifyAdsApi
) -> None:
    runs, failures = 0, []
    plan = planner(project)
    while plan.has_changes and runs < 4:
        result = apply_plan(plan, api, root=project, parallelism=4)
        failures += [r.message for r in result.results if r.message]
        runs += 1
        plan = planner(project)
    assert not plan.has_changes
    assert 1 < runs <= 3, failures  # the faults did bite, and reruns converged
    live = [
        *api.list_campaigns(ACCOUNT),
        *api.list_ad_sets(ACCOUNT),
        *api.list_ads(ACCOUNT),
    ]
    names = Counter(item["name"] for item in live)
    assert max(names.values()) == 1, names
    assert sorted(names) == [
        "Nightjar - Midnight Album Launch",
        "Spot A - Lead Single",
        "Spot A - UK",
        "Spot B - Tour Dates",
        "UK Podcast Listeners 25-44",
        "US Indie Fans 18-34",
    ]
