"""No credential in any output: plan / apply / show, every format, -v and -vv.

The sandbox runs over HTTP with credentials from environment variables (the
refresh-token grant, and an access token alone). Afterwards stdout, stderr,
the saved plan files and every log record are searched for the client secret,
the refresh token, the Basic header and every access token the sandbox issued.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SandboxConfig,
    create_app,
)
from campaignctl.sandbox.server import running
from tests.e2e.conftest import Run, ServedSandbox
from tests.e2e.test_review import advance, edit, patch_ad_set

FORMATS = ("text", "markdown", "json")


@dataclass
class Secrets:
    app: Starlette
    root: str

    def issued(self) -> list[str]:
        """Every access and refresh token the sandbox handed out."""
        rows = self.app.state.sandbox.store.execute("SELECT token FROM tokens")
        return [str(token) for (token,) in rows]

    def all(self) -> list[str]:
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        return [CLIENT_SECRET, REFRESH_TOKEN, basic, *self.issued()]


@pytest.fixture
def sandbox(
    sandbox_config: SandboxConfig, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Secrets]:
    app = create_app(sandbox_config)
    with running(app) as root:
        monkeypatch.setenv("CAMPAIGNCTL_API_URL", f"{root}/ads/v3")
        monkeypatch.setenv("CAMPAIGNCTL_TOKEN_URL", f"{root}/api/token")
        yield Secrets(app, root)
    app.state.sandbox.close()


def use_refresh_grant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTIFY_ADS_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("SPOTIFY_ADS_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("SPOTIFY_ADS_REFRESH_TOKEN", REFRESH_TOKEN)
    monkeypatch.delenv("SPOTIFY_ADS_ACCESS_TOKEN", raising=False)


def use_access_token(monkeypatch: pytest.MonkeyPatch, root: str) -> None:
    token = httpx.post(
        f"{root}/api/token",
        data={"grant_type": "refresh_token", "refresh_token": REFRESH_TOKEN},
        auth=(CLIENT_ID, CLIENT_SECRET),
    ).json()["access_token"]
    for name in ("SPOTIFY_ADS_CLIENT_ID", "SPOTIFY_ADS_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("SPOTIFY_ADS_REFRESH_TOKEN", raising=False)
    monkeypatch.setenv("SPOTIFY_ADS_ACCESS_TOKEN", token)


def every_command(cli: Callable[..., Run], quickstart: Path, root: str) -> list[str]:
    """Run the review workflow at -v and -vv; return everything it printed."""
    texts: list[str] = []

    def run(*args: str | Path) -> Run:
        result = cli(*args)
        texts.extend([result.out, result.err])
        return result

    saved = quickstart / "plan.json"
    for verbose in ("-v", "-vv"):
        for fmt in FORMATS:
            run("plan", quickstart, verbose, "--format", fmt, "--out", saved)
            run("show", saved, verbose, "--format", fmt)
    assert run("apply", saved, "-vv").code == 0
    assert run("apply", saved, "-vv").code == 4  # the stale path prints too
    served = ServedSandbox(f"{root}/ads/v3")
    advance(served, 60)
    patch_ad_set(served, "US Indie Fans 18-34", {"pacing": "PACING_ASAP"}, "jo@x.io")
    edit(quickstart / "midnight-launch.yaml", "max_cpm: 9 USD", "max_cpm: 10 USD")
    for fmt in FORMATS:  # drift: change history is read
        run("plan", quickstart, "-vv", "--format", fmt, "--out", saved)
    assert (
        run("apply", quickstart, "-vv", "--auto-approve", "--format", "markdown").code
        == 0
    )
    texts.append(saved.read_text())
    return texts


@pytest.mark.parametrize("grant", ["refresh-token", "access-token"])
def test_no_credential_in_any_output_log_or_plan_file(
    grant: str,
    cli: Callable[..., Run],
    quickstart: Path,
    sandbox: Secrets,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if grant == "refresh-token":
        use_refresh_grant(monkeypatch)
    else:
        use_access_token(monkeypatch, sandbox.root)
    caplog.set_level(logging.DEBUG)

    texts = every_command(cli, quickstart, sandbox.root)

    texts.append(caplog.text)
    secrets = sandbox.all()
    assert len(secrets) >= 4  # the secret, the refresh token, Basic, >= 1 token
    leaks = [(s, t[:80]) for s in secrets for t in texts if s in t]
    assert leaks == []
    assert any("GET /ad_accounts/" in t for t in texts)  # -vv did log requests
    assert any("/change_history?" in t for t in texts)  # and read change history
