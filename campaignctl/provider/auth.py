"""OAuth access tokens: a fixed one, or renewed with the refresh-token grant.

Spotify access tokens last an hour. With a client id, secret and refresh token
we fetch one on first use, renew it shortly before ``expires_in`` runs out and
whenever the API answers 401, one refresh at a time however many threads ask.
A refresh token rotated by the server is kept (in memory) for the next grant.
Every credential is registered with ``output.register_secret`` the moment it is
known, so nothing campaignctl prints can contain it.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from campaignctl.errors import ApiErrorDetail, AuthError
from campaignctl.output import register_secret
from campaignctl.provider.base import JSON

DEFAULT_TOKEN_URL = "https://accounts.spotify.com/api/token"
DEFAULT_TTL_S = 3600
MAX_MARGIN_S = 60.0  # renew this long before expiry (less for very short TTLs)
# DESIGN.md's sandbox client secret and refresh token, printed by `sandbox serve`
# and in our own error messages: redacting them would only garble those texts.
SANDBOX_SECRETS = ("sandbox-secret", "sandbox-refresh")

# (form fields, Authorization header value) -> the token endpoint's JSON answer
FetchToken = Callable[[dict[str, str], str], JSON]
Clock = Callable[[], float]


@dataclass(frozen=True)
class Credentials:
    """What the environment provided; ``repr`` never shows a secret."""

    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    access_token: str | None = field(default=None, repr=False)
    token_url: str = DEFAULT_TOKEN_URL

    @property
    def can_refresh(self) -> bool:
        return bool(self.client_id and self.client_secret and self.refresh_token)

    def register(self) -> None:
        """Make every credential (and the Basic header) unprintable."""
        register_secret(self.access_token)
        if self.is_published:
            return
        register_secret(self.client_secret)
        register_secret(self.refresh_token)
        if self.can_refresh:
            register_secret(basic_authorization(self).removeprefix("Basic "))

    @property
    def is_published(self) -> bool:
        """The sandbox's documented credentials: public, so never redacted."""
        return (self.client_secret, self.refresh_token) == SANDBOX_SECRETS


class TokenSource(Protocol):
    def token(self) -> str:
        """A bearer token that is valid now."""
        ...

    def renew_after_401(self, rejected: str) -> bool:
        """Get a new token after ``rejected`` got a 401; False if impossible."""
        ...


class StaticToken:
    """``SPOTIFY_ADS_ACCESS_TOKEN`` alone: used as is, never renewed."""

    def __init__(self, access_token: str) -> None:
        self._token = access_token

    def token(self) -> str:
        return self._token

    def renew_after_401(self, rejected: str) -> bool:
        return False


class RefreshingToken:
    """Refresh-token grant with HTTP Basic client authentication."""

    def __init__(
        self, credentials: Credentials, *, fetch: FetchToken, clock: Clock
    ) -> None:
        if not credentials.can_refresh:
            raise ValueError("the refresh-token grant needs id, secret and token")
        self._credentials = credentials
        self._refresh_token = str(credentials.refresh_token)
        self._fetch = fetch
        self._clock = clock
        self._lock = threading.Lock()
        self._access: str | None = None
        self._renew_at = 0.0
        self.refreshes = 0  # grants performed, for tests and -v summaries

    def token(self) -> str:
        with self._lock:
            if self._access is None or self._clock() >= self._renew_at:
                self._refresh()
            assert self._access is not None
            return self._access

    def renew_after_401(self, rejected: str) -> bool:
        with self._lock:
            if self._access == rejected:  # nobody renewed it since it failed
                self._refresh()
            return True

    def _refresh(self) -> None:
        form = {"grant_type": "refresh_token", "refresh_token": self._refresh_token}
        answer = self._fetch(form, basic_authorization(self._credentials))
        access = answer.get("access_token")
        if not isinstance(access, str) or not access:
            raise self._malformed("the token response has no access_token")
        register_secret(access)
        rotated = answer.get("refresh_token")
        if isinstance(rotated, str) and rotated:
            register_secret(rotated)
            self._refresh_token = rotated
        ttl = _expires_in(answer)
        self._access = access
        self._renew_at = self._clock() + ttl - min(MAX_MARGIN_S, ttl / 10)
        self.refreshes += 1

    def _malformed(self, message: str) -> AuthError:
        detail = ApiErrorDetail(
            status=200,
            method="POST",
            path=token_path(self._credentials.token_url),
            messages=(message,),
        )
        return AuthError(detail, hint="check CAMPAIGNCTL_TOKEN_URL")


def _expires_in(answer: JSON) -> float:
    value = answer.get("expires_in", DEFAULT_TTL_S)
    try:
        return max(1.0, float(value))
    except (TypeError, ValueError):
        return float(DEFAULT_TTL_S)


def basic_authorization(credentials: Credentials) -> str:
    """``Basic base64(client_id:client_secret)``."""
    pair = f"{credentials.client_id}:{credentials.client_secret}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")


def token_path(token_url: str) -> str:
    """The token URL's path, for messages (never its query)."""
    return urlsplit(token_url).path or "/"


def token_source(
    credentials: Credentials, *, fetch: FetchToken, clock: Clock
) -> TokenSource:
    """Refresh when we can, else the fixed access token."""
    credentials.register()
    if credentials.can_refresh:
        return RefreshingToken(credentials, fetch=fetch, clock=clock)
    if credentials.access_token:
        return StaticToken(credentials.access_token)
    raise ValueError("no credentials")  # settings.py reports this to users
