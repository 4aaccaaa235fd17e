"""Injected faults: --fail-rate, --ambiguous-rate, --latency-ms, --seed."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Generator, Iterator
from typing import Any

import httpx
import pytest

from campaignctl.sandbox import SandboxConfig, SyncASGITransport, create_app
from campaignctl.sandbox.server import running

from .helpers import ROOT, campaign_body, messages, path


def _client(**options: Any) -> Generator[tuple[httpx.Client, Any], None, None]:
    app = create_app(
        SandboxConfig(clock_start="2030-01-01T00:00:00Z", rate_limit=0, **options)
    )
    transport = SyncASGITransport(app)
    token = httpx.Client(transport=transport, base_url=ROOT).post(
        "/api/token",
        data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
        auth=("sandbox-client", "sandbox-secret"),
    )
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    with httpx.Client(
        transport=transport, base_url=f"{ROOT}/ads/v3", headers=headers
    ) as client:
        yield client, app.state.sandbox
    app.state.sandbox.close()


@pytest.fixture
def failing() -> Iterator[tuple[httpx.Client, Any]]:
    yield from _client(fail_rate=1.0)


@pytest.fixture
def ambiguous() -> Iterator[tuple[httpx.Client, Any]]:
    yield from _client(ambiguous_rate=1.0, seed=3)


def test_fail_rate_fails_before_doing_anything(
    failing: tuple[httpx.Client, Any],
) -> None:
    client, sb = failing
    reply = client.post(path("campaigns"), json=campaign_body())
    assert reply.status_code in (500, 502, 503)
    assert messages(reply) == [
        "sandbox: injected failure before anything was done (--fail-rate)"
    ]
    assert sb.store.records("campaign") == []


def test_ambiguous_rate_commits_then_fails(
    ambiguous: tuple[httpx.Client, Any],
) -> None:
    client, sb = ambiguous
    outcomes: list[int | str] = []
    for index in range(8):
        try:
            reply = client.post(
                path("campaigns"), json=campaign_body(name=f"Try {index}")
            )
            outcomes.append(reply.status_code)
        except httpx.RemoteProtocolError:
            outcomes.append("dropped")
    assert "dropped" in outcomes
    assert {o for o in outcomes if o != "dropped"} <= {500, 502, 503, 504}
    names = sorted(r.body["name"] for r in sb.store.records("campaign"))
    assert names == [f"Try {index}" for index in range(8)]  # every write committed
    assert client.get(path("campaigns")).status_code == 200  # reads are never ambiguous


def test_seed_makes_faults_reproducible() -> None:
    def run() -> list[int]:
        runs = _client(fail_rate=0.5, seed=42)
        client, _ = next(runs)
        statuses = [client.get(path("campaigns")).status_code for _ in range(20)]
        runs.close()
        return statuses

    first, second = run(), run()
    assert first == second
    assert 200 in first and any(s >= 500 for s in first)


def test_latency_is_added_to_api_calls() -> None:
    runs = _client(latency_ms=40)
    client, _ = next(runs)
    started = time.perf_counter()
    client.get(path("campaigns"))
    assert time.perf_counter() - started >= 0.04
    runs.close()


def test_dropped_connection_over_http(sandbox_config: SandboxConfig) -> None:
    """Over a socket the client sees a protocol error, as with a real drop."""
    app = create_app(
        sandbox_config.model_copy(update={"ambiguous_rate": 1.0, "seed": 3})
    )
    with running(app) as base:
        token = httpx.post(
            f"{base}/api/token",
            data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
            auth=("sandbox-client", "sandbox-secret"),
        ).json()["access_token"]
        seen: set[object] = set()
        for index in range(8):
            try:
                reply = httpx.post(
                    f"{base}/ads/v3" + path("campaigns"),
                    json=campaign_body(name=f"Net {index}"),
                    headers={"Authorization": f"Bearer {token}"},
                )
                seen.add(reply.status_code)
            except httpx.RemoteProtocolError:
                seen.add("dropped")
    assert "dropped" in seen
    assert len(app.state.sandbox.store.records("campaign")) == 8


def test_stats_count_every_injected_fault(
    failing: tuple[httpx.Client, Any], ambiguous: tuple[httpx.Client, Any]
) -> None:
    for client, _ in (failing, ambiguous):
        for _ in range(4):
            with contextlib.suppress(httpx.RemoteProtocolError):  # dropped
                client.post(path("campaigns"), json=campaign_body())
    assert failing[1].stats_body()["faults"] == {"failed": 4}
    faults = ambiguous[1].stats_body()["faults"]
    assert sum(faults.values()) == 4
    assert set(faults) <= {"ambiguous", "dropped"}
