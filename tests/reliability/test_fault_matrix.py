"""The fault matrix: examples/rollout (52 markets) against a hostile sandbox.

Every fault at once — a fifth of requests fail with a 5xx, one write in twenty
is committed and then answered with an error or a cut connection, a 10 rps
rate limit, latency, and access tokens that expire every 2 seconds — and the
rollout still converges within three applies, with no duplicate and no
missing object, and an empty plan afterwards.
"""

from __future__ import annotations

import io
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from campaignctl.manifest import load_workspace
from campaignctl.output import Output
from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.provider.connection import open_api
from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SandboxConfig,
)
from tests.e2e.conftest import EXAMPLES, Run, ServedSandbox

ACCOUNT = "00000000-0000-4000-a000-000000000001"
NO_CHANGES = "No changes. Live state matches the manifests.\n"


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    return SandboxConfig(
        fail_rate=0.2,
        ambiguous_rate=0.05,
        rate_limit=10,
        latency_ms=5,
        token_ttl=2,
        processing_ms=50,
        seed=2026,
    )


@pytest.fixture
def rollout(tmp_path: Path) -> Path:
    """examples/rollout: one template and markets.csv, 52 ad sets with 2 ads each."""
    root = tmp_path / "rollout"
    shutil.copytree(
        EXAMPLES / "rollout", root, ignore=shutil.ignore_patterns(".campaignctl")
    )
    return root


def test_rollout_converges_under_every_fault_without_duplicates(
    rollout: Path, served: ServedSandbox, cli: Callable[..., Run]
) -> None:
    runs = []
    for _ in range(3):
        runs.append(cli("apply", rollout, "--auto-approve", "--parallelism", "8"))
        if runs[-1].code == 0:
            break
    assert runs[-1].code == 0, runs[-1].err
    plan = cli("plan", rollout)
    assert (plan.code, plan.out) == (0, NO_CHANGES), plan.err
    with _reader(served) as api:  # retries reads, honours Retry-After
        live = [
            *api.list_campaigns(ACCOUNT),
            *api.list_ad_sets(ACCOUNT),
            *api.list_ads(ACCOUNT),
        ]
    names = {str(item["id"]): str(item["name"]) for item in live}
    found = Counter(
        (names.get(str(item.get("ad_set_id", item.get("campaign_id")))), item["name"])
        for item in live
    )
    campaign = load_workspace([rollout]).desired.campaigns[0]
    expected = Counter([(None, campaign.name)])
    for ad_set in campaign.ad_sets:
        expected[campaign.name, ad_set.name] += 1
        expected.update((ad_set.name, ad.name) for ad in ad_set.ads)
    assert len(campaign.ad_sets) >= 50
    assert found == expected  # every object exactly once: none missing, no duplicate
    assert len(runs) <= 3


def _reader(served: ServedSandbox) -> SpotifyAdsApi:
    return open_api(
        sandbox=False,
        project_root=Path(),
        parallelism=4,
        out=Output(stdout=io.StringIO(), stderr=io.StringIO()),
        environ={
            "CAMPAIGNCTL_API_URL": served.api_url,
            "CAMPAIGNCTL_TOKEN_URL": f"{served.root}/api/token",
            "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
            "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
            "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
        },
    )
