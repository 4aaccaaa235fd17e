"""``campaignctl sandbox serve`` pieces: options, banner, port errors, the server."""

from __future__ import annotations

import httpx
import pytest

from campaignctl.cli import main
from campaignctl.commands.sandbox import banner
from campaignctl.errors import ConfigError
from campaignctl.sandbox import SandboxConfig, create_app
from campaignctl.sandbox.config import build_config
from campaignctl.sandbox.server import bind, running


def test_banner_tells_how_to_connect() -> None:
    text = banner("127.0.0.1", 8787, {"00000000-0000-4000-a000-000000000001": "USD"})
    assert text.splitlines()[4:9] == [
        "  export CAMPAIGNCTL_API_URL=http://127.0.0.1:8787/ads/v3",
        "  export CAMPAIGNCTL_TOKEN_URL=http://127.0.0.1:8787/api/token",
        "  export SPOTIFY_ADS_CLIENT_ID=sandbox-client",
        "  export SPOTIFY_ADS_CLIENT_SECRET=sandbox-secret",
        "  export SPOTIFY_ADS_REFRESH_TOKEN=sandbox-refresh",
    ]


def test_taken_port_is_a_config_error() -> None:
    taken = bind("127.0.0.1", 0)
    port = taken.getsockname()[1]
    with pytest.raises(ConfigError, match=f"cannot listen on 127.0.0.1:{port}"):
        bind("127.0.0.1", port)
    taken.close()


def test_invalid_options_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="not UUID or UUID:CURRENCY"):
        build_config(accounts=("nope",))


def test_serve_rejects_a_bad_account_before_listening(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["sandbox", "serve", "--account", "nope", "--port", "0"]) == 1
    assert "invalid sandbox options: accounts" in capsys.readouterr().err


def test_extra_accounts_and_currencies() -> None:
    extra = "12345678-1234-4234-8234-123456789abc"
    app = create_app(SandboxConfig(accounts=(f"{extra}:JPY",)))
    with running(app) as root:
        token = httpx.post(
            f"{root}/api/token",
            data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
            auth=("sandbox-client", "sandbox-secret"),
        ).json()["access_token"]
        account = httpx.get(
            f"{root}/ads/v3/ad_accounts/{extra}",
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        assert httpx.get(root).json() == {
            "service": "campaignctl sandbox",
            "status": "ok",
            "api": "/ads/v3",
        }
    assert (account["id"], account["currency_code"], account["name"]) == (
        extra,
        "JPY",
        "Sandbox Account 2",
    )
