"""Open the API a command talks to: the real one, a served sandbox, or --sandbox.

``--sandbox`` runs the sandbox ASGI app in this process (no socket, no
credentials to set) on ``<project>/.campaignctl/sandbox.db``, and still goes
through its real ``/api/token`` with the sandbox's published credentials, so
the auth path is the same as against Spotify. Otherwise the DESIGN.md
environment variables say where the API is and who we are.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import httpx

from campaignctl import __version__
from campaignctl.output import Output
from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.provider.auth import Credentials
from campaignctl.provider.call import Log, Timing
from campaignctl.provider.client import HttpClient
from campaignctl.provider.ratelimit import DEFAULT_RATE_PER_S
from campaignctl.provider.settings import settings_from_env

TIMEOUT = httpx.Timeout(30.0, connect=10.0, write=120.0)  # uploads: 20 MB parts
SANDBOX_ORIGIN = "http://sandbox.campaignctl.invalid"  # never resolved: in-process
SANDBOX_DB = Path(".campaignctl") / "sandbox.db"
SANDBOX_PROCESSING_MS = 20  # assets turn READY almost at once in the demo
SANDBOX_CREDENTIALS = Credentials(
    client_id="sandbox-client",
    client_secret="sandbox-secret",
    refresh_token="sandbox-refresh",
    token_url=f"{SANDBOX_ORIGIN}/api/token",
)


def open_api(
    *,
    sandbox: bool,
    project_root: Path,
    parallelism: int,
    out: Output,
    environ: Mapping[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
    rate_per_s: float = DEFAULT_RATE_PER_S,
    timing: Timing | None = None,
) -> SpotifyAdsApi:
    """The API for one command; close it (or use ``with``) when done.

    ``transport`` replaces the network, ``environ`` replaces ``os.environ`` and
    ``timing`` the clock and sleep (tests). Raises ``ConfigError`` when there
    is nothing to connect to.
    """
    log = log_to(out)
    if sandbox:
        return _open_sandbox(project_root, parallelism=parallelism, log=log)
    settings = settings_from_env(os.environ if environ is None else environ)
    http = _http_client(transport)
    client = HttpClient(
        http,
        settings.credentials,
        base_url=settings.api_url,
        rate_per_s=rate_per_s,
        max_in_flight=parallelism,
        timing=timing,
        log=log,
    )
    return _api(client, parallelism=parallelism, log=log)


def _open_sandbox(project_root: Path, *, parallelism: int, log: Log) -> SpotifyAdsApi:
    from campaignctl.sandbox import SandboxConfig, SyncASGITransport, create_app

    db_path = project_root / SANDBOX_DB
    db_path.parent.mkdir(parents=True, exist_ok=True)
    config = SandboxConfig(
        db=str(db_path),
        rate_limit=0,  # the embedded sandbox serves this process alone
        processing_ms=SANDBOX_PROCESSING_MS,
    )
    app = create_app(config)
    client = HttpClient(
        _http_client(SyncASGITransport(app)),
        SANDBOX_CREDENTIALS,
        base_url=f"{SANDBOX_ORIGIN}/ads/v3",
        rate_per_s=0,
        max_in_flight=parallelism,
        log=log,
    )
    closers = [app.state.sandbox.close]
    return _api(client, parallelism=parallelism, log=log, closers=closers)


def _http_client(transport: httpx.BaseTransport | None) -> httpx.Client:
    return httpx.Client(
        transport=transport,
        timeout=TIMEOUT,
        follow_redirects=False,
        headers={"User-Agent": f"campaignctl/{__version__}"},
    )


def _api(
    client: HttpClient,
    *,
    parallelism: int,
    log: Log,
    closers: Sequence[Callable[[], None]] = (),
) -> SpotifyAdsApi:
    def summarise() -> None:
        log(1, summary_line(client.request_counts()))

    return SpotifyAdsApi(
        client, parallelism=parallelism, on_close=[summarise, *closers]
    )


def summary_line(counts: Mapping[str, int]) -> str:
    """``API requests: 7 (getAds 2, getCampaigns 3, token 1, …)``."""
    total = sum(counts.values())
    parts = ", ".join(f"{op} {n}" for op, n in sorted(counts.items()))
    return f"API requests: {total}" + (f" ({parts})" if parts else "")


def log_to(out: Output) -> Log:
    """Route client notices to ``out``: level 1 with -v, level 2 with -vv."""

    def log(level: int, line: str) -> None:
        out.debug(line, level=level)

    return log
