"""kill -9 of apply at seeded random moments: every rerun converges, no duplicates.

The moment is exact, not timed: ``ClientKiller`` wraps the sandbox, counts
the write requests of the apply process and SIGKILLs it at the N-th one,
before the request reaches the API or after the API committed it.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    DEFAULT_ACCOUNT_ID,
    REFRESH_TOKEN,
    SandboxConfig,
    create_app,
)
from campaignctl.sandbox.chaos import ClientKiller
from campaignctl.sandbox.server import running
from tests.e2e.conftest import EXAMPLES, Run

MOMENTS = 20
WRITES = ("POST", "PATCH")
Scope = dict[str, Any]


def _env(root: str) -> dict[str, str]:
    return {
        **os.environ,
        "CAMPAIGNCTL_API_URL": f"{root}/ads/v3",
        "CAMPAIGNCTL_TOKEN_URL": f"{root}/api/token",
        "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
        "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
        "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
        "NO_COLOR": "1",
    }


def _live_names(root: str) -> Counter[str]:
    token = httpx.post(
        f"{root}/api/token",
        data={"grant_type": "refresh_token", "refresh_token": REFRESH_TOKEN},
        auth=(CLIENT_ID, CLIENT_SECRET),
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    names: Counter[str] = Counter()
    for kind in ("campaigns", "ad_sets", "ads", "assets"):
        url = f"{root}/ads/v3/ad_accounts/{DEFAULT_ACCOUNT_ID}/{kind}"
        reply = httpx.get(url, headers=headers, params={"limit": 50}).json()
        names.update(f"{kind}:{item['name']}" for item in reply[kind])
    return names


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "quickstart"
    shutil.copytree(
        EXAMPLES / "quickstart", target, ignore=shutil.ignore_patterns(".campaignctl")
    )
    return target


@pytest.mark.parametrize("seed", range(MOMENTS))
def test_kill_minus_nine_then_rerun_converges_without_duplicates(
    seed: int,
    project: Path,
    cli: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(seed)
    sandbox = create_app(SandboxConfig(rate_limit=0, processing_ms=0, seed=seed))
    killer = ClientKiller(
        sandbox, at=rng.randint(1, 16), after_commit=rng.random() < 0.5
    )
    with running(killer) as root:  # type: ignore[arg-type]
        for name, value in _env(root).items():
            monkeypatch.setenv(name, value)
        doomed = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "campaignctl",
                "apply",
                str(project),
                "--auto-approve",
            ],
            env=_env(root),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        killer.victim = doomed.pid
        assert doomed.wait(timeout=60) == -signal.SIGKILL

        killer.at = 0
        rerun = cli("apply", project, "--auto-approve")
        assert rerun.code == 0, rerun.err
        assert "an earlier apply (started" in rerun.err  # the journal told us
        planned = cli("plan", project, "--detailed-exitcode")
        assert (planned.code, planned.out) == (
            0,
            "No changes. Live state matches the manifests.\n",
        )
        names = _live_names(root)
    duplicates = {name: n for name, n in names.items() if n > 1}
    assert duplicates == {}
    assert sum(1 for name in names if not name.startswith("assets:")) == 6
    sandbox.state.sandbox.close()
