"""--db FILE survives restarts: objects, the clock offset, tokens, ids."""

from __future__ import annotations

from pathlib import Path

import httpx

from campaignctl.sandbox import SandboxConfig, SyncASGITransport, create_app

from .helpers import ROOT, campaign_body, path


def _login(transport: SyncASGITransport) -> dict[str, str]:
    reply = httpx.Client(transport=transport, base_url=ROOT).post(
        "/api/token",
        data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
        auth=("sandbox-client", "sandbox-secret"),
    )
    return {"Authorization": f"Bearer {reply.json()['access_token']}"}


def test_file_database_survives_a_restart(tmp_path: Path) -> None:
    config = SandboxConfig(
        db=str(tmp_path / "sandbox.db"), clock_start="2030-01-01T00:00:00Z"
    )
    first = create_app(config)
    transport = SyncASGITransport(first)
    headers = _login(transport)
    with httpx.Client(
        transport=transport, base_url=f"{ROOT}/ads/v3", headers=headers
    ) as c:
        created = c.post(path("campaigns"), json=campaign_body()).json()
        c.post(f"{ROOT}/_sandbox/advance", json={"hours": 0.5})
    transport.close()
    first.state.sandbox.close()

    second = create_app(config)
    transport = SyncASGITransport(second)
    with httpx.Client(
        transport=transport, base_url=f"{ROOT}/ads/v3", headers=headers
    ) as c:
        listed = c.get(path("campaigns")).json()
        again = c.post(
            path("campaigns"), json=campaign_body(name="After restart")
        ).json()
    assert listed["campaigns"] == [created]
    assert again["created_at"] == "2030-01-01T00:30:00Z"  # the clock kept its offset
    assert again["id"] != created["id"]  # seeded ids continue, never repeat
    transport.close()
    second.state.sandbox.close()
