"""The fault matrix: a 50-market rollout against a hostile sandbox over HTTP.

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
import yaml

from campaignctl.output import Output
from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.provider.connection import open_api
from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SandboxConfig,
    catalogue,
)
from tests.e2e.conftest import EXAMPLES, Run, ServedSandbox

ACCOUNT = "00000000-0000-4000-a000-000000000001"
MARKETS = sorted(catalogue.country_codes())[:50]
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


def rollout_manifest() -> dict[str, object]:
    ad = {
        "tagline": "The new album. Out at midnight.",
        "audio": "assets/spot-a.wav",
        "companion": "assets/cover.png",
        "logo": "assets/logo.png",
        "call_to_action": {"key": "LISTEN_NOW", "url": "https://example.com/nightjar"},
    }
    return {
        "apiVersion": "campaignctl/v1",
        "kind": "Campaign",
        "name": "Nightjar - World Release",
        "objective": "REACH",
        "prune": True,
        "defaults": {
            "ad_set": {
                "category": "ADV_21_182",
                "format": "AUDIO",
                "schedule": {"start": "2034-03-01", "end": "2034-05-31"},
                "bid": {"max_cpm": "9 USD"},
                "frequency_caps": {"day": 3},
            }
        },
        "ad_sets": [
            {
                "name": f"Market {code}",
                "budget": {"daily": f"{40 + index} USD"},
                "targets": {"geo": {"country": code}, "placements": ["music"]},
                "ads": [{"name": f"Spot {code}", **ad}],
            }
            for index, code in enumerate(MARKETS)
        ],
    }


@pytest.fixture
def rollout(tmp_path: Path) -> Path:
    root = tmp_path / "rollout"
    shutil.copytree(EXAMPLES / "quickstart" / "assets", root / "assets")
    shutil.copy(EXAMPLES / "quickstart" / "campaignctl.yaml", root)
    (root / "release.yaml").write_text(yaml.safe_dump(rollout_manifest()))
    return root


def test_rollout_converges_under_every_fault_without_duplicates(
    rollout: Path, served: ServedSandbox, cli: Callable[..., Run]
) -> None:
    assert len(MARKETS) == 50
    runs = []
    for _ in range(3):
        runs.append(cli("apply", rollout, "--auto-approve", "--parallelism", "8"))
        if runs[-1].code == 0:
            break
    assert runs[-1].code == 0, runs[-1].err
    assert cli("plan", rollout).out == NO_CHANGES
    with _reader(served) as api:  # retries reads, honours Retry-After
        live = [
            *api.list_campaigns(ACCOUNT),
            *api.list_ad_sets(ACCOUNT),
            *api.list_ads(ACCOUNT),
        ]
    names = Counter(item["name"] for item in live)
    expected = {"Nightjar - World Release"}
    expected |= {f"Market {code}" for code in MARKETS}
    expected |= {f"Spot {code}" for code in MARKETS}
    assert set(names) == expected  # nothing missing, nothing extra
    assert max(names.values()) == 1  # no duplicates
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
