"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SandboxConfig,
    SyncASGITransport,
    create_app,
)
from campaignctl.sandbox.server import running

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "spotify-ads-v3" / "openapi.yaml"


def spec_file() -> Path | None:
    """The v3 OpenAPI description, or None when this checkout has none."""
    path = Path(os.environ.get("CAMPAIGNCTL_SPEC", DEFAULT_SPEC))
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def spec_path() -> Path:
    """Path of openapi.yaml; skips (or fails in CI) when it is absent."""
    path = spec_file()
    if path is None:
        reason = (
            f"Spotify Ads v3 spec not found at {DEFAULT_SPEC} (set CAMPAIGNCTL_SPEC)"
        )
        if os.environ.get("CAMPAIGNCTL_REQUIRE_SPEC"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


# -- sandbox fixtures ------------------------------------------------------------
# The local Ads API emulator is the test double for every other test. These
# fixtures give each test a fresh, in-memory sandbox.

SANDBOX_CLOCK_START = "2030-01-01T00:00:00Z"
SANDBOX_ROOT = "http://sandbox.test"


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    """Config of the test sandbox; override this fixture to change it.

    In-memory database; the sandbox clock is frozen at 2030-01-01T00:00:00Z
    and moves only through ``POST /_sandbox/advance`` (so timestamps, IDs and
    shuffles are reproducible); rate limiting off; assets finish processing
    at once (``processing_ms=0``: PROCESSING on upload, READY on the next
    request); ad review takes one sandbox minute (advance ``{"seconds": 60}``
    to see APPROVED/ACTIVE/REJECTED); seed 0; no injected faults.
    """
    return SandboxConfig(
        clock_start=SANDBOX_CLOCK_START, rate_limit=0, processing_ms=0, review_ms=60_000
    )


@pytest.fixture
def sandbox_app(sandbox_config: SandboxConfig) -> Iterator[Starlette]:
    """A fresh sandbox ASGI app; ``app.state.sandbox`` is its ``Sandbox``."""
    app = create_app(sandbox_config)
    yield app
    app.state.sandbox.close()


@pytest.fixture
def sandbox_client(sandbox_app: Starlette) -> Iterator[httpx.Client]:
    """An ``httpx.Client`` wired in-process to ``sandbox_app`` (no sockets).

    ``base_url`` is ``http://sandbox.test/ads/v3``, so paths read like the spec
    (``client.get(f"/ad_accounts/{DEFAULT_ACCOUNT_ID}/campaigns")``). It sends a
    valid bearer token obtained from ``/api/token`` and fetches a new one on a
    401 (e.g. after advancing the clock past the token TTL). The transport is
    thread-safe: share the client across threads. The sandbox-only endpoints
    live outside ``/ads/v3``; reach them with an absolute URL on the same host,
    ``client.post("http://sandbox.test/_sandbox/advance", json={"days": 1})``,
    or use the ``sandbox_advance`` fixture.
    """
    transport = SyncASGITransport(sandbox_app)
    auth = SandboxBearer(transport, SANDBOX_ROOT)
    with httpx.Client(
        transport=transport, base_url=f"{SANDBOX_ROOT}/ads/v3", auth=auth
    ) as client:
        yield client


@pytest.fixture
def sandbox_server(sandbox_config: SandboxConfig) -> Iterator[str]:
    """A real HTTP sandbox (uvicorn on a free 127.0.0.1 port, background thread).

    Yields the API base URL ``http://127.0.0.1:PORT/ads/v3``; the token
    endpoint is ``http://127.0.0.1:PORT/api/token`` and the test endpoints are
    ``http://127.0.0.1:PORT/_sandbox/...``. Started and stopped without
    sleeping: startup is signalled by the server, shutdown joins its thread.
    Uses ``sandbox_config``, so overriding that fixture configures it too.
    """
    app = create_app(sandbox_config)
    with running(app) as root:
        yield f"{root}/ads/v3"
    app.state.sandbox.close()


@pytest.fixture
def sandbox_advance(sandbox_client: httpx.Client) -> Callable[..., dict[str, Any]]:
    """``advance(days=…, hours=…, seconds=…)`` moves the sandbox clock.

    Returns the endpoint's JSON ``{"previous", "now", "advanced_seconds"}``.
    Time-based transitions (review, asset processing, flights) settle at once.
    """

    def advance(**units: float) -> dict[str, Any]:
        reply = sandbox_client.post(f"{SANDBOX_ROOT}/_sandbox/advance", json=units)
        assert reply.status_code == 200, reply.text
        return dict(reply.json())

    return advance


class SandboxBearer(httpx.Auth):
    """Bearer auth against the sandbox's ``/api/token``; refreshes on a 401."""

    def __init__(self, transport: httpx.BaseTransport, root: str) -> None:
        self._transport = transport
        self._root = root
        self._token: str | None = None
        self._lock = threading.Lock()

    def auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._current()}"
        response = yield request
        if response.status_code == 401:
            request.headers["Authorization"] = f"Bearer {self._current(renew=True)}"
            yield request

    def _current(self, *, renew: bool = False) -> str:
        with self._lock:
            if self._token is None or renew:
                with httpx.Client(
                    transport=self._transport, base_url=self._root
                ) as raw:
                    reply = raw.post(
                        "/api/token",
                        data={
                            "grant_type": "refresh_token",
                            "refresh_token": REFRESH_TOKEN,
                        },
                        auth=(CLIENT_ID, CLIENT_SECRET),
                    )
                reply.raise_for_status()
                self._token = str(reply.json()["access_token"])
            return self._token
