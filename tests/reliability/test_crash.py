"""kill -9 of apply at seeded random moments: every rerun converges, no duplicates.

The moment is exact, not timed: a wrapper around the sandbox counts the write
requests of the apply process and SIGKILLs it at the N-th one, either before
the request reaches the API (it never happens) or after the API committed it
(the process dies without seeing the answer — the case that duplicates
objects in tools without an identity story).
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
from dataclasses import dataclass, field
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
from campaignctl.sandbox.server import running
from tests.e2e.conftest import EXAMPLES, Run

MOMENTS = 20
WRITES = ("POST", "PATCH")
Scope = dict[str, Any]


@dataclass
class Killer:
    """ASGI wrapper: SIGKILL the client at its N-th write (before or after)."""

    app: Any
    victim: int = 0  # pid
    at: int = 0  # kill at this write (1-based); 0: never
    after_commit: bool = False
    writes: int = field(default=0)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if not self._is_write(scope):
            await self.app(scope, receive, send)
            return
        self.writes += 1
        if self.writes != self.at:
            await self.app(scope, receive, send)
            return
        if self.after_commit:
            await self.app(scope, receive, _swallow)  # committed, answer lost
        os.kill(self.victim, signal.SIGKILL)

    @staticmethod
    def _is_write(scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["method"] in WRITES
            and str(scope["path"]).startswith("/ads/v3/")
        )


async def _swallow(message: Any) -> None:
    return None


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
    killer = Killer(sandbox, at=rng.randint(1, 16), after_commit=rng.random() < 0.5)
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
