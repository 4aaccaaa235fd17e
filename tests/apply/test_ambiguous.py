"""Writes whose outcome is unknown are re-read, never blindly repeated."""

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
NAMES = [
    "Nightjar - Midnight Album Launch",
    "Spot A - Lead Single",
    "Spot A - UK",
    "Spot B - Tour Dates",
    "UK Podcast Listeners 25-44",
    "US Indie Fans 18-34",
]


def _live_names(api: SpotifyAdsApi) -> Counter[str]:
    live = [
        *api.list_campaigns(ACCOUNT),
        *api.list_ad_sets(ACCOUNT),
        *api.list_ads(ACCOUNT),
    ]
    return Counter(item["name"] for item in live)


class TestEveryWriteCommitsThenFails:
    @pytest.fixture
    def sandbox_config(self) -> SandboxConfig:
        """Every write is committed, then answered with a 5xx or a cut connection."""
        return SandboxConfig(rate_limit=0, processing_ms=0, ambiguous_rate=1.0, seed=3)

    def test_one_apply_recovers_every_write_by_reading_it_back(
        self, project: Path, planner: Callable[[Path], Plan], api: SpotifyAdsApi
    ) -> None:
        result = apply_plan(planner(project), api, root=project, parallelism=4)
        assert result.ok, [r.message for r in result.results if r.message]
        assert sorted(_live_names(api).items()) == [(name, 1) for name in NAMES]
        assert not planner(project).has_changes
        counts = api.request_counts()
        # creates were found by name, PATCHes re-read by id: nothing sent twice
        assert counts["createCampaign"] == 1
        assert counts["createAdSet"] == 2
        assert counts["createAd"] == 3
        assert counts["updateAdSet"] == 2
        assert counts["getAdSetById"] == 2


class TestWritesFailBeforeTheServerActs:
    @pytest.fixture
    def sandbox_config(self) -> SandboxConfig:
        """A third of all requests fail with a 5xx before anything happens."""
        return SandboxConfig(rate_limit=0, processing_ms=0, fail_rate=0.3, seed=5)

    def test_reruns_converge_without_duplicates(
        self, project: Path, planner: Callable[[Path], Plan], api: SpotifyAdsApi
    ) -> None:
        runs, plan = 0, planner(project)
        while plan.has_changes and runs < 3:
            apply_plan(plan, api, root=project, parallelism=4)
            runs, plan = runs + 1, planner(project)
        assert not plan.has_changes
        assert sorted(_live_names(api).items()) == [(name, 1) for name in NAMES]
