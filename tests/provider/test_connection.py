"""Environment settings and open_api (the real-API path, over a fake server)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import httpx
import pytest

from campaignctl.errors import ConfigError
from campaignctl.output import Output
from campaignctl.provider.auth import Credentials
from campaignctl.provider.connection import open_api, summary_line
from campaignctl.provider.settings import (
    DEFAULT_API_URL,
    MISSING_CREDENTIALS,
    ApiSettings,
    settings_from_env,
)

from .fakes import (
    ACCESS_TOKEN,
    ACCOUNT,
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    TOKEN_URL,
    ListServer,
    TokenServer,
)

REFRESH_ENV = {
    "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
    "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
    "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
    "CAMPAIGNCTL_TOKEN_URL": TOKEN_URL,
    "CAMPAIGNCTL_API_URL": "https://ads.test/ads/v3",
}


def test_missing_credentials_message_is_exact() -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from_env({"HOME": "/home/me", "SPOTIFY_ADS_ACCESS_TOKEN": "  "})

    assert caught.value.render() == (
        "No Spotify Ads API credentials found. Set SPOTIFY_ADS_CLIENT_ID, "
        "SPOTIFY_ADS_CLIENT_SECRET and SPOTIFY_ADS_REFRESH_TOKEN (campaignctl then "
        "renews the hour-long access token itself), or SPOTIFY_ADS_ACCESS_TOKEN alone "
        "for a token you renew yourself. To try campaignctl without an account, pass "
        "--sandbox (an embedded sandbox kept in .campaignctl/sandbox.db), or run "
        "`campaignctl sandbox serve` and set "
        "CAMPAIGNCTL_API_URL=http://127.0.0.1:8787/ads/v3, "
        "CAMPAIGNCTL_TOKEN_URL=http://127.0.0.1:8787/api/token, "
        "SPOTIFY_ADS_CLIENT_ID=sandbox-client, "
        "SPOTIFY_ADS_CLIENT_SECRET=sandbox-secret "
        "and SPOTIFY_ADS_REFRESH_TOKEN=sandbox-refresh."
    )
    assert caught.value.render() == MISSING_CREDENTIALS


def test_open_api_without_credentials_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        open_api(
            sandbox=False,
            project_root=tmp_path,
            parallelism=4,
            out=Output(),
            environ={},
        )

    assert caught.value.message == MISSING_CREDENTIALS


def test_incomplete_refresh_credentials_name_what_is_missing() -> None:
    env = {
        "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
        "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
    }

    with pytest.raises(ConfigError) as caught:
        settings_from_env(env)

    assert caught.value.render() == (
        "Incomplete Spotify Ads API credentials: SPOTIFY_ADS_CLIENT_ID, "
        "SPOTIFY_ADS_REFRESH_TOKEN set but SPOTIFY_ADS_CLIENT_SECRET missing.\n"
        "  hint: the refresh-token grant needs all three of SPOTIFY_ADS_CLIENT_ID, "
        "SPOTIFY_ADS_CLIENT_SECRET, SPOTIFY_ADS_REFRESH_TOKEN"
    )


@pytest.mark.parametrize(
    ("env", "want"),
    [
        pytest.param(
            {"SPOTIFY_ADS_ACCESS_TOKEN": ACCESS_TOKEN},
            ApiSettings(
                api_url=DEFAULT_API_URL,
                credentials=Credentials(access_token=ACCESS_TOKEN),
            ),
            id="access-token-alone",
        ),
        pytest.param(
            REFRESH_ENV,
            ApiSettings(
                api_url="https://ads.test/ads/v3",
                credentials=Credentials(
                    client_id=CLIENT_ID,
                    client_secret=CLIENT_SECRET,
                    refresh_token=REFRESH_TOKEN,
                    token_url=TOKEN_URL,
                ),
            ),
            id="refresh-grant",
        ),
    ],
)
def test_settings_from_env(env: dict[str, str], want: ApiSettings) -> None:
    assert settings_from_env(env) == want


def test_credentials_repr_shows_no_secret() -> None:
    settings = settings_from_env(
        {**REFRESH_ENV, "SPOTIFY_ADS_ACCESS_TOKEN": ACCESS_TOKEN}
    )

    text = repr(settings)

    assert CLIENT_ID in text
    for secret in (CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN):
        assert secret not in text


def test_open_api_reads_through_the_configured_urls(tmp_path: Path) -> None:
    server = TokenServer(ListServer({"campaigns": []}))
    stderr = io.StringIO()
    out = Output(stderr=stderr, verbosity=2)

    with open_api(
        sandbox=False,
        project_root=tmp_path,
        parallelism=4,
        out=out,
        environ=REFRESH_ENV,
        transport=httpx.MockTransport(server),
    ) as api:
        assert api.list_campaigns(ACCOUNT) == []

    lines = [
        re.sub(r"\(\d+ ms\)", "(N ms)", line) for line in stderr.getvalue().splitlines()
    ]
    assert lines == [
        "POST /api/token → 200 (N ms)",
        "new access token (expires in 3600 s)",
        f"GET /ad_accounts/{ACCOUNT}/campaigns?sort_field=CREATED_AT&sort_direction=ASC"
        "&limit=50&offset=0 → 200 (N ms)",
        "API requests: 2 (getCampaigns 1, token 1)",
    ]
    assert [e.path for e in server.exchanges] == [
        f"/ads/v3/ad_accounts/{ACCOUNT}/campaigns"
    ]


def test_quiet_by_default(tmp_path: Path) -> None:
    stderr = io.StringIO()
    server = TokenServer(ListServer({"campaigns": []}))

    with open_api(
        sandbox=False,
        project_root=tmp_path,
        parallelism=1,
        out=Output(stderr=stderr),
        environ=REFRESH_ENV,
        transport=httpx.MockTransport(server),
    ) as api:
        api.list_campaigns(ACCOUNT)

    assert stderr.getvalue() == ""


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ({}, "API requests: 0"),
        ({"getAds": 2, "createAd": 1}, "API requests: 3 (createAd 1, getAds 2)"),
    ],
)
def test_summary_line(counts: dict[str, int], line: str) -> None:
    assert summary_line(counts) == line
