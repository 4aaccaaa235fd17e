"""Where the API is and which credentials to use, from environment variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from campaignctl.errors import ConfigError
from campaignctl.provider.auth import DEFAULT_TOKEN_URL, Credentials

DEFAULT_API_URL = "https://api-partner.spotify.com/ads/v3"
REFRESH_VARS = (
    "SPOTIFY_ADS_CLIENT_ID",
    "SPOTIFY_ADS_CLIENT_SECRET",
    "SPOTIFY_ADS_REFRESH_TOKEN",
)
ACCESS_VAR = "SPOTIFY_ADS_ACCESS_TOKEN"

MISSING_CREDENTIALS = (
    "No Spotify Ads API credentials found. Set SPOTIFY_ADS_CLIENT_ID, "
    "SPOTIFY_ADS_CLIENT_SECRET and SPOTIFY_ADS_REFRESH_TOKEN (campaignctl then "
    "renews the hour-long access token itself), or SPOTIFY_ADS_ACCESS_TOKEN alone "
    "for a token you renew yourself. To try campaignctl without an account, pass "
    "--sandbox (an embedded sandbox kept in .campaignctl/sandbox.db), or run "
    "`campaignctl sandbox serve` and set "
    "CAMPAIGNCTL_API_URL=http://127.0.0.1:8787/ads/v3, "
    "CAMPAIGNCTL_TOKEN_URL=http://127.0.0.1:8787/api/token, "
    "SPOTIFY_ADS_CLIENT_ID=sandbox-client, SPOTIFY_ADS_CLIENT_SECRET=sandbox-secret "
    "and SPOTIFY_ADS_REFRESH_TOKEN=sandbox-refresh."
)


@dataclass(frozen=True)
class ApiSettings:
    api_url: str
    credentials: Credentials


def settings_from_env(environ: Mapping[str, str]) -> ApiSettings:
    """Read the DESIGN.md variables; empty values count as unset."""
    values = {k: v.strip() for k, v in environ.items() if v and v.strip()}
    credentials = Credentials(
        client_id=values.get("SPOTIFY_ADS_CLIENT_ID"),
        client_secret=values.get("SPOTIFY_ADS_CLIENT_SECRET"),
        refresh_token=values.get("SPOTIFY_ADS_REFRESH_TOKEN"),
        access_token=values.get(ACCESS_VAR),
        token_url=values.get("CAMPAIGNCTL_TOKEN_URL", DEFAULT_TOKEN_URL),
    )
    credentials.register()  # before anything can fail and print
    _check(credentials, values)
    api_url = values.get("CAMPAIGNCTL_API_URL", DEFAULT_API_URL)
    return ApiSettings(api_url=api_url, credentials=credentials)


def _check(credentials: Credentials, values: Mapping[str, str]) -> None:
    if credentials.can_refresh or credentials.access_token:
        return
    present = [name for name in REFRESH_VARS if name in values]
    if not present:
        raise ConfigError(MISSING_CREDENTIALS)
    missing = [name for name in REFRESH_VARS if name not in values]
    raise ConfigError(
        f"Incomplete Spotify Ads API credentials: {', '.join(present)} set but "
        f"{', '.join(missing)} missing.",
        hint="the refresh-token grant needs all three of " + ", ".join(REFRESH_VARS),
    )
