"""BRIEF §11 rule 15: bearer tokens, OAuth, rate limits, change history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from starlette.applications import Starlette

from campaignctl.sandbox import SyncASGITransport
from campaignctl.sandbox.history import user_actor
from campaignctl.sandbox.limits import RateLimiter

from .helpers import ACCOUNT, ROOT, ad_set_body, campaign_body, create, messages, path

CREDENTIALS = ("sandbox-client", "sandbox-secret")
Advance = Callable[..., dict[str, Any]]


@pytest.fixture
def raw(sandbox_app: Starlette) -> httpx.Client:
    """A client without automatic auth, on the same in-process app."""
    return httpx.Client(transport=SyncASGITransport(sandbox_app), base_url=ROOT)


def _token(raw: httpx.Client, **form: str) -> httpx.Response:
    return raw.post("/api/token", data=form, auth=CREDENTIALS)


def test_rule_15_bearer_tokens(raw: httpx.Client, sandbox_advance: Advance) -> None:
    url = f"/ads/v3/ad_accounts/{ACCOUNT}"
    missing = raw.get(url)
    assert (missing.status_code, messages(missing)) == (
        401,
        ["missing bearer token; send Authorization: Bearer <token>"],
    )
    assert missing.headers["www-authenticate"] == 'Bearer realm="sandbox"'
    unknown = raw.get(url, headers={"Authorization": "Bearer nope"})
    assert (unknown.status_code, messages(unknown)) == (401, ["invalid access token"])
    token = _token(
        raw, grant_type="refresh_token", refresh_token="sandbox-refresh"
    ).json()
    assert sorted(token) == ["access_token", "expires_in", "scope", "token_type"]
    assert (token["token_type"], token["expires_in"], token["scope"]) == (
        "Bearer",
        3600,
        "",
    )
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    assert raw.get(url, headers=bearer).status_code == 200
    sandbox_advance(seconds=3599)
    assert raw.get(url, headers=bearer).status_code == 200
    sandbox_advance(seconds=1)
    expired = raw.get(url, headers=bearer)
    assert (expired.status_code, messages(expired)) == (
        401,
        ["the access token expired; refresh it"],
    )


def test_rule_15_oauth_errors(raw: httpx.Client) -> None:
    cases = [
        (
            raw.post("/api/token", data={"grant_type": "refresh_token"}),
            401,
            "invalid_client",
        ),
        (
            raw.post(
                "/api/token",
                data={
                    "grant_type": "refresh_token",
                    "refresh_token": "sandbox-refresh",
                },
                auth=("sandbox-client", "wrong"),
            ),
            401,
            "invalid_client",
        ),
        (
            _token(raw, grant_type="refresh_token", refresh_token="stale"),
            400,
            "invalid_grant",
        ),
        (_token(raw, grant_type="client_credentials"), 400, "unsupported_grant_type"),
        (_token(raw), 400, "invalid_request"),
        (
            raw.post(
                "/api/token", json={"grant_type": "refresh_token"}, auth=CREDENTIALS
            ),
            400,
            "invalid_request",
        ),
    ]
    assert [(r.status_code, r.json()["error"]) for r, *_ in cases] == [
        (s, e) for _, s, e in cases
    ]
    assert cases[1][0].json() == {
        "error": "invalid_client",
        "error_description": "Invalid client",
    }


def test_rule_15_authorization_code_grant(
    raw: httpx.Client, sandbox_advance: Advance
) -> None:
    callback = "http://127.0.0.1:8080/callback"
    consent = raw.get(
        "/authorize",
        params={
            "client_id": "sandbox-client",
            "response_type": "code",
            "redirect_uri": callback,
            "state": "xyz",
        },
    )
    assert consent.status_code == 302
    location = urlsplit(consent.headers["location"])
    params = parse_qs(location.query)
    assert (
        f"{location.scheme}://{location.netloc}{location.path}",
        params["state"],
    ) == (callback, ["xyz"])
    code = params["code"][0]
    wrong = _token(
        raw, grant_type="authorization_code", code=code, redirect_uri="http://evil/"
    )
    assert wrong.json()["error"] == "invalid_grant"  # and the code is spent
    consent = raw.get(
        "/authorize",
        params={
            "client_id": "sandbox-client",
            "response_type": "code",
            "redirect_uri": callback,
        },
    )
    code = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
    granted = _token(
        raw, grant_type="authorization_code", code=code, redirect_uri=callback
    ).json()
    assert sorted(granted) == [
        "access_token",
        "expires_in",
        "refresh_token",
        "scope",
        "token_type",
    ]
    refreshed = _token(
        raw, grant_type="refresh_token", refresh_token=granted["refresh_token"]
    )
    assert refreshed.status_code == 200
    reused = _token(
        raw, grant_type="authorization_code", code=code, redirect_uri=callback
    )
    assert reused.json() == {
        "error": "invalid_grant",
        "error_description": "Invalid authorization code",
    }
    consent = raw.get(
        "/authorize",
        params={
            "client_id": "sandbox-client",
            "response_type": "code",
            "redirect_uri": callback,
        },
    )
    late = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
    sandbox_advance(seconds=600)
    expired = _token(
        raw, grant_type="authorization_code", code=late, redirect_uri=callback
    )
    assert expired.json()["error"] == "invalid_grant"
    assert raw.get("/authorize", params={"client_id": "other"}).status_code == 400


def test_rule_15_rate_limit(
    sandbox_client: httpx.Client, sandbox_app: Starlette
) -> None:
    now = [1000.0]
    sandbox_app.state.sandbox.limiter = RateLimiter(1, clock=lambda: now[0])
    statuses = []
    for _ in range(30):
        statuses.append(sandbox_client.get(path("campaigns")).status_code)
        now[0] += 0.5
    assert statuses == [200] * 30
    limited = sandbox_client.get(path("campaigns"))
    assert limited.status_code == 429
    assert {
        k: limited.headers[k]
        for k in (
            "retry-after",
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
        )
    } == {
        "retry-after": "15",
        "x-ratelimit-limit": "30",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "15",
    }
    now[0] += 15.0
    assert sandbox_client.get(path("campaigns")).status_code == 200


def test_rate_limiter_windows() -> None:
    now = [0.0]
    limiter = RateLimiter(50, clock=lambda: now[0])
    assert (limiter.limit, limiter.reporting_limit) == (1500, 150)
    assert [limiter.check("a", reporting=True) for _ in range(150)] == [None] * 150
    assert limiter.check("a", reporting=True) == {
        "Retry-After": "30",
        "X-RateLimit-Limit": "150",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": "30",
    }
    assert limiter.check("a") is None  # the general window is separate
    assert limiter.check("b", reporting=True) is None  # and per principal
    assert RateLimiter(0).check("a") is None


def test_rule_15_change_history(
    sandbox_client: httpx.Client, sandbox_advance: Advance
) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    ad_set = create(client, "ad_sets", ad_set_body(campaign["id"]))
    client.patch(
        path("ad_sets", ad_set["id"]),
        json={
            "budget": {"micro_amount": 175_000_000, "type": "DAILY"},
            "name": "Renamed set",
        },
        headers={"X-Sandbox-Actor": "jane@example.com"},
    )
    rows = client.get(
        path("change_history"),
        params={"entity_type": "AD_SET", "sort_direction": "ASC"},
    ).json()
    assert rows["paging"] == {
        "page_size": 50,
        "total_results": 2,
        "offset": 0,
        "current_page": 1,
    }
    created, changed = rows["change_history"]
    assert (created["operation"], created["actor"]) == (
        "CREATED",
        {
            "principal_id": "sandbox-client",
            "principal_type": "SERVICE",
            "name": "sandbox-client",
            "email": None,
            "category": "API_INTEGRATION",
        },
    )
    jane = user_actor("jane@example.com")
    assert changed == {
        "change_id": changed["change_id"],
        "timestamp": "2030-01-01T00:00:00Z",
        "entity_type": "AD_SET",
        "entity_id": ad_set["id"],
        "entity_name": "Renamed set",
        "operation": "CHANGED",
        "actor": {
            "principal_id": jane.principal_id,
            "principal_type": "USER",
            "name": "jane@example.com",
            "email": "jane@example.com",
            "category": "ADVERTISER_USER",
        },
        "changes": [
            {
                "field_type": "name",
                "display_label": "Ad Set Name",
                "change_category": "SETTINGS",
                "before": {"value": "US Rock Fans 18-34"},
                "after": {"value": "Renamed set"},
            },
            {
                "field_type": "budget",
                "display_label": "Budget",
                "change_category": "BUDGET",
                "before": {
                    "micro_amount": 150000000,
                    "type": "DAILY",
                    "currency": "USD",
                },
                "after": {
                    "micro_amount": 175000000,
                    "type": "DAILY",
                    "currency": "USD",
                },
            },
        ],
    }
    assert created["entity_name"] == "Renamed set"  # names resolve at read time
    budget = client.get(
        path("change_history"), params={"change_category": "BUDGET"}
    ).json()
    assert [r["change_id"] for r in budget["change_history"]] == [
        changed["change_id"],
        created["change_id"],
    ]
    users = client.get(
        path("change_history"),
        params={"principal_type": "USER", "actor_ids": [jane.principal_id]},
    ).json()
    assert [r["change_id"] for r in users["change_history"]] == [changed["change_id"]]
    named = client.get(
        path("change_history"),
        params={"entity_type": "CAMPAIGN", "entity_name": "summer"},
    ).json()
    assert [r["entity_id"] for r in named["change_history"]] == [campaign["id"]]
    assert messages(
        client.patch(
            path("campaigns", campaign["id"]),
            json={"name": "Bad actor"},
            headers={"X-Sandbox-Actor": "nobody"},
        )
    ) == ["X-Sandbox-Actor: 'nobody' is not an email address"]
    sandbox_advance(days=31)
    assert client.get(path("change_history")).json()["paging"]["total_results"] == 0
    since = {"created_gte": "2029-01-01T00:00:00Z"}  # clamped to 180 days back
    assert (
        client.get(path("change_history"), params=since).json()["paging"][
            "total_results"
        ]
        == 3
    )
    sandbox_advance(days=150)
    assert (
        client.get(path("change_history"), params=since).json()["paging"][
            "total_results"
        ]
        == 0
    )
