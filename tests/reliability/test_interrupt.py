"""Ctrl-C during apply: no new write starts, the one in flight finishes, exit 130."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SandboxConfig,
    create_app,
)
from campaignctl.sandbox.chaos import ClientKiller
from campaignctl.sandbox.server import running
from tests.e2e.conftest import EXAMPLES, Run

INTERRUPT_AT = 6  # each file is a create + an upload: the 3rd file's upload


def test_ctrl_c_finishes_the_write_in_flight_then_stops(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "quickstart"
    shutil.copytree(
        EXAMPLES / "quickstart", project, ignore=shutil.ignore_patterns(".campaignctl")
    )
    app = create_app(SandboxConfig(rate_limit=0, processing_ms=0))
    interrupter = ClientKiller(app, at=INTERRUPT_AT, signal=signal.SIGINT)
    with running(interrupter) as root:  # type: ignore[arg-type]
        env = {
            **os.environ,
            "CAMPAIGNCTL_API_URL": f"{root}/ads/v3",
            "CAMPAIGNCTL_TOKEN_URL": f"{root}/api/token",
            "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
            "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
            "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
            "NO_COLOR": "1",
        }
        command = [sys.executable, "-m", "campaignctl", "apply", str(project)]
        process = subprocess.Popen(
            [*command, "--auto-approve", "--parallelism", "1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        interrupter.victim = process.pid
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert interrupter.writes == INTERRUPT_AT  # nothing started after Ctrl-C
        # the 6th write is the 3rd file's upload: it finishes, nothing else starts
        assert "Apply interrupted: 3 done, 0 failed, 9 skipped." in err
        assert "interrupted before it started" in err
        stats = httpx.get(f"{root}/_sandbox/stats").json()["requests"]
        assert (stats["createAsset"], stats["uploadAsset"]) == (3, 3)

        interrupter.at = 0
        for name, value in env.items():
            if name.startswith(("CAMPAIGNCTL_", "SPOTIFY_ADS_")):
                monkeypatch.setenv(name, value)
        rerun = cli("apply", project, "--auto-approve")
        assert rerun.code == 0, rerun.err
        assert "Plan: 7 to create" in rerun.out  # 1 file, 1 campaign, 2 ad sets, 3 ads
    app.state.sandbox.close()
