"""Test doubles for the far side of HTTP: a token endpoint, a list server, time.

These fake the *server* (through ``httpx.MockTransport``) and the clock, never
campaignctl's own code.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx

from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.provider.auth import Credentials
from campaignctl.provider.call import Log, Timing
from campaignctl.provider.client import HttpClient
from campaignctl.provider.retry import RetryPolicy

API = "https://ads.test/ads/v3"
TOKEN_URL = "https://accounts.test/api/token"
CLIENT_ID = "client-id-1234"
CLIENT_SECRET = "client-secret-5678"
REFRESH_TOKEN = "refresh-token-9abc"
ACCESS_TOKEN = "static-access-token-def0"
SECRETS = (CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN)
ACCOUNT = "00000000-0000-4000-a000-000000000001"

REFRESH_CREDENTIALS = Credentials(
    client_id=CLIENT_ID,
    client_secret=CLIENT_SECRET,
    refresh_token=REFRESH_TOKEN,
    token_url=TOKEN_URL,
)
STATIC_CREDENTIALS = Credentials(access_token=ACCESS_TOKEN, token_url=TOKEN_URL)

Route = Callable[[httpx.Request], httpx.Response]


class FakeTime:
    """A clock that only moves when we sleep (unless frozen); records sleeps."""

    def __init__(self, *, jitter: float = 0.5, advance: bool = True) -> None:
        self.now = 1000.0
        self.advance = advance
        self.sleeps: list[float] = []
        self.jitter = jitter
        self._lock = threading.Lock()

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            if self.advance:
                self.now += seconds

    def timing(self) -> Timing:
        return Timing(clock=self.clock, sleep=self.sleep, jitter=lambda: self.jitter)


@dataclass
class Exchange:
    method: str
    path: str
    query: str
    authorization: str | None


class TokenServer:
    """An OAuth token endpoint in front of a route; checks bearer tokens."""

    def __init__(
        self,
        route: Route,
        *,
        ttl: int = 3600,
        rotate: bool = False,
        check_bearer: bool = True,
    ) -> None:
        self.route = route
        self.ttl = ttl
        self.rotate = rotate
        self.check_bearer = check_bearer
        self.issued: list[str] = []
        self.grants: list[dict[str, list[str]]] = []
        self.exchanges: list[Exchange] = []
        self.revoked: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url).startswith(TOKEN_URL):
            return self._grant(request)
        with self._lock:
            self.exchanges.append(
                Exchange(
                    request.method,
                    request.url.path,
                    request.url.query.decode(),
                    request.headers.get("authorization"),
                )
            )
        if self.check_bearer and not self._valid(request):
            return httpx.Response(401, json={"messages": ["Invalid access token"]})
        return self.route(request)

    def revoke_all(self) -> None:
        self.revoked.update(self.issued)

    def _valid(self, request: httpx.Request) -> bool:
        header = request.headers.get("authorization", "")
        token = header.removeprefix("Bearer ")
        known = {*self.issued, ACCESS_TOKEN}
        return header.startswith("Bearer ") and token in known - self.revoked

    def _grant(self, request: httpx.Request) -> httpx.Response:
        form = parse_qs(request.content.decode())
        with self._lock:
            self.grants.append(form)
            token = f"issued-access-{len(self.issued) + 1:04d}"
            self.issued.append(token)
        body: dict[str, Any] = {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.ttl,
            "scope": "",
        }
        if self.rotate:
            body["refresh_token"] = f"rotated-refresh-{len(self.issued):04d}"
        return httpx.Response(200, json=body)


def make_client(
    handler: Route,
    *,
    credentials: Credentials = REFRESH_CREDENTIALS,
    time: FakeTime | None = None,
    policy: RetryPolicy | None = None,
    log: Log | None = None,
    rate_per_s: float = 0,
    max_in_flight: int = 8,
) -> HttpClient:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return HttpClient(
        http,
        credentials,
        base_url=API,
        rate_per_s=rate_per_s,
        max_in_flight=max_in_flight,
        policy=policy,
        timing=(time or FakeTime()).timing(),
        log=log or (lambda level, line: None),
    )


def make_api(handler: Route, **options: Any) -> SpotifyAdsApi:
    parallelism = options.pop("parallelism", 4)
    uploads = options.pop("uploads", None)
    client = make_client(handler, **options)
    return SpotifyAdsApi(client, parallelism=parallelism, uploads=uploads)


def error_body(*messages: str, codes: tuple[str, ...] = (), trace: str = "") -> Any:
    return {
        "sp_trace_id": trace or None,
        "messages": list(messages),
        "error_codes": [{"code": c, "definition": f"about {c}"} for c in codes],
    }


@dataclass
class ListServer:
    """Serves the four list endpoints (and getAdAccount) from memory.

    ``data[listing]`` holds objects with ``created_at``; lists honour ``limit``,
    ``offset``, ``sort_direction``, ``name`` and the id filters, and answer
    ``paging.total_results`` as the API does.
    """

    data: Mapping[str, list[dict[str, Any]]]
    account: dict[str, Any] = field(
        default_factory=lambda: {"id": ACCOUNT, "currency_code": "USD"}
    )
    filters: Mapping[str, tuple[str, str]] = field(
        default_factory=lambda: {
            "campaign_ids": ("ad_sets", "campaign_id"),
            "ad_set_ids": ("ads", "ad_set_id"),
        }
    )

    def __call__(self, request: httpx.Request) -> httpx.Response:
        parts = request.url.path.removeprefix("/ads/v3/ad_accounts/").split("/")
        if len(parts) == 1:
            return httpx.Response(200, json=self.account)
        listing = parts[1]
        query = parse_qs(request.url.query.decode())
        items = self._select(listing, query)
        offset = int(query.get("offset", ["0"])[0])
        limit = int(query.get("limit", ["50"])[0])
        page = items[offset : offset + limit]
        paging = {
            "page_size": limit,
            "total_results": len(items),
            "offset": offset,
            "current_page": offset // limit + 1,
        }
        return httpx.Response(
            200, content=json.dumps({"paging": paging, listing: page})
        )

    def _select(
        self, listing: str, query: Mapping[str, list[str]]
    ) -> list[dict[str, Any]]:
        items = list(self.data.get(listing, []))
        for key, (target, link) in self.filters.items():
            if key in query and listing == target:
                items = [i for i in items if i[link] in query[key]]
        if "name" in query:
            needle = query["name"][0].casefold()
            items = [i for i in items if needle in i["name"].casefold()]
        descending = query.get("sort_direction", ["DESC"])[0] == "DESC"
        return sorted(items, key=lambda i: i["created_at"], reverse=descending)
