"""Apply tests: the real provider against an in-process sandbox."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from starlette.applications import Starlette

from campaignctl.commands.planning import make_plan
from campaignctl.manifest import load_workspace
from campaignctl.output import Output
from campaignctl.plan.model import Plan
from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.provider.connection import open_api
from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SyncASGITransport,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ENV = {
    "CAMPAIGNCTL_API_URL": "http://sandbox.test/ads/v3",
    "CAMPAIGNCTL_TOKEN_URL": "http://sandbox.test/api/token",
    "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
    "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
    "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of examples/quickstart."""
    target = tmp_path / "quickstart"
    shutil.copytree(
        EXAMPLES / "quickstart", target, ignore=shutil.ignore_patterns(".campaignctl")
    )
    return target


@pytest.fixture
def api(sandbox_app: Starlette, tmp_path: Path) -> Iterator[SpotifyAdsApi]:
    """The real provider wired in-process to ``sandbox_app``."""
    with open_api(
        sandbox=False,
        project_root=tmp_path,
        parallelism=4,
        out=Output(stdout=io.StringIO(), stderr=io.StringIO()),
        environ=ENV,
        transport=SyncASGITransport(sandbox_app),
        rate_per_s=1000,
    ) as opened:
        yield opened


@pytest.fixture
def planner(api: SpotifyAdsApi) -> Callable[[Path], Plan]:
    """Plan a project directory against the sandbox."""

    def plan(root: Path) -> Plan:
        workspace = load_workspace([root], now=datetime.now(UTC))
        return make_plan(workspace, api, parallelism=4)

    return plan
