"""HttpClient error paths against a fake server (httpx.MockTransport)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest

from campaignctl.errors import (
    ApiError,
    AuthError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from campaignctl.provider.client import HttpClient
from campaignctl.provider.retry import RetryPolicy

from .fakes import (
    STATIC_CREDENTIALS,
    FakeTime,
    TokenServer,
    error_body,
    make_client,
)

PATH = "/ad_accounts/acc-1/campaigns"
TRACE = "800c5a14-b8fd-4dc0-a4fa-38184111f67a"


def scripted(
    *answers: httpx.Response | Exception,
) -> Callable[[httpx.Request], httpx.Response]:
    """Answer requests with ``answers`` in turn (an exception is raised)."""
    queue: Iterator[httpx.Response | Exception] = iter(answers)

    def route(request: httpx.Request) -> httpx.Response:
        answer = next(queue)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return route


def ok(body: dict[str, object] | None = None) -> httpx.Response:
    return httpx.Response(200, json=body if body is not None else {"id": "c-1"})


def with_server(
    *answers: httpx.Response | Exception, **options: object
) -> tuple[HttpClient, TokenServer, FakeTime]:
    server = TokenServer(scripted(*answers))
    time = FakeTime()
    client = make_client(server, time=time, **options)  # type: ignore[arg-type]
    return client, server, time


# -- 429 ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("headers", "want_sleeps"),
    [
        pytest.param({"Retry-After": "3"}, [3.0, 3.0], id="retry-after"),
        pytest.param({"Retry-After": "0.25"}, [0.25, 0.25], id="retry-after-fraction"),
        pytest.param(
            {"X-RateLimit-Reset": "7", "X-RateLimit-Remaining": "0"},
            [7.0, 7.0],
            id="ratelimit-reset",
        ),
        pytest.param(
            {"Retry-After": "2", "X-RateLimit-Reset": "9"}, [2.0, 2.0], id="both"
        ),
        pytest.param({}, [0.25, 0.5], id="backoff-full-jitter"),
    ],
)
def test_429_waits_as_told_then_succeeds(
    headers: dict[str, str], want_sleeps: list[float]
) -> None:
    limited = httpx.Response(429, headers=headers, json=error_body("slow down"))
    client, _server, time = with_server(limited, limited, ok())

    assert client.get(PATH, op="getCampaigns") == {"id": "c-1"}
    assert time.sleeps == want_sleeps
    assert client.request_counts() == {"getCampaigns": 3, "token": 1}


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_429_on_a_write_is_retried_because_nothing_happened(method: str) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "1"})
    client, server, time = with_server(limited, ok())

    if method == "POST":
        result = client.post(PATH, op="createCampaign", json={"name": "x"})
    else:
        result = client.patch(PATH + "/c-1", op="updateCampaign", json={"name": "x"})

    assert result == {"id": "c-1"}
    assert time.sleeps == [1.0]
    assert [e.method for e in server.exchanges] == [method, method]


def test_429_gives_up_after_max_attempts() -> None:
    limited = httpx.Response(429, headers={"Retry-After": "1"}, json=error_body("busy"))
    client, _server, time = with_server(
        *[limited] * 3, policy=RetryPolicy(max_attempts=3)
    )

    with pytest.raises(RateLimitedError) as caught:
        client.get(PATH, op="getCampaigns")

    assert time.sleeps == [1.0, 1.0]
    assert str(caught.value) == f"GET {PATH} → 429: busy"
    assert caught.value.hint == (
        "rate limited by the API; lower --parallelism or try again shortly"
    )


def test_retry_after_beyond_the_time_budget_fails_at_once() -> None:
    limited = httpx.Response(429, headers={"Retry-After": "500"})
    client, _server, time = with_server(limited, policy=RetryPolicy(max_elapsed_s=120))

    with pytest.raises(RateLimitedError):
        client.get(PATH, op="getCampaigns")

    assert time.sleeps == []


def test_retry_after_as_http_date() -> None:
    limited = httpx.Response(
        429, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}
    )
    client, server, time = with_server(limited, policy=RetryPolicy(max_elapsed_s=1e12))
    server.route = scripted(limited, ok())

    client.get(PATH, op="getCampaigns")

    assert len(time.sleeps) == 1
    assert time.sleeps[0] > 365 * 24 * 3600  # decades from now, honoured as told


# -- 5xx ----------------------------------------------------------------------
def test_5xx_on_get_is_retried_with_exponential_backoff() -> None:
    failing = [httpx.Response(status) for status in (500, 502, 503, 504)]
    client, _server, time = with_server(*failing, ok())

    assert client.get(PATH, op="getCampaigns") == {"id": "c-1"}
    assert time.sleeps == [0.25, 0.5, 1.0, 2.0]  # jitter 0.5 x 0.5 x 2^n


def test_backoff_is_capped() -> None:
    failing = [httpx.Response(500)] * 5
    policy = RetryPolicy(max_attempts=6, base_delay_s=1.0, max_delay_s=3.0)
    client, _server, time = with_server(*failing, ok(), policy=policy)

    client.get(PATH, op="getCampaigns")

    assert time.sleeps == [0.5, 1.0, 1.5, 1.5, 1.5]


def test_5xx_on_get_gives_up_unambiguously() -> None:
    failing = httpx.Response(503, json=error_body("try later", trace=TRACE))
    client, _server, _time = with_server(
        *[failing] * 2, policy=RetryPolicy(max_attempts=2)
    )

    with pytest.raises(ServerError) as caught:
        client.get(PATH, op="getCampaigns")

    assert caught.value.ambiguous is False
    assert str(caught.value) == f"GET {PATH} → 503: try later (sp_trace_id {TRACE})"
    assert caught.value.hint == (
        "a Spotify server error; quote the sp_trace_id when reporting it"
    )


@pytest.mark.parametrize("method", ["POST", "PATCH"])
@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_on_a_write_is_ambiguous_and_never_retried(
    method: str, status: int
) -> None:
    failing = httpx.Response(status, json=error_body("oops", trace=TRACE))
    client, server, time = with_server(failing, ok())

    with pytest.raises(ServerError) as caught:
        if method == "POST":
            client.post(PATH, op="createCampaign", json={"name": "x"})
        else:
            client.patch(PATH + "/c-1", op="updateCampaign", json={"name": "x"})

    assert caught.value.ambiguous is True
    assert len(server.exchanges) == 1
    assert time.sleeps == []
    assert caught.value.hint == (
        "the server may have applied this write; campaignctl looks the object up "
        "by name before trying again, and `campaignctl plan` shows the current state"
    )


# -- network errors -------------------------------------------------------------
@pytest.mark.parametrize(
    "error",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("peer closed connection"),
        httpx.ReadError("reset"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_network_errors_on_get_are_retried(error: Exception) -> None:
    client, _server, time = with_server(error, ok())

    assert client.get(PATH, op="getCampaigns") == {"id": "c-1"}
    assert time.sleeps == [0.25]


@pytest.mark.parametrize(
    "error",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow")],
    ids=lambda e: type(e).__name__,
)
def test_a_write_that_never_left_is_retried(error: Exception) -> None:
    client, _server, time = with_server(error, ok())

    assert client.post(PATH, op="createCampaign", json={}) == {"id": "c-1"}
    assert time.sleeps == [0.25]


@pytest.mark.parametrize(
    "error",
    [
        httpx.ReadTimeout("timed out"),
        httpx.WriteTimeout("timed out"),
        httpx.RemoteProtocolError("peer closed connection"),
        httpx.ReadError("reset"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_a_write_that_may_have_arrived_is_ambiguous(error: Exception) -> None:
    client, _server, time = with_server(error, ok())

    with pytest.raises(TransportError) as caught:
        client.post(PATH, op="createCampaign", json={})

    assert caught.value.ambiguous is True
    assert time.sleeps == []
    assert str(caught.value) == (
        f"POST {PATH}: the connection failed after sending ({type(error).__name__}: "
        f"{error})"
    )


def test_network_errors_give_up_with_a_clear_message() -> None:
    errors = [httpx.ConnectError("[Errno 111] Connection refused")] * 3
    client, _server, time = with_server(*errors, policy=RetryPolicy(max_attempts=3))

    with pytest.raises(TransportError) as caught:
        client.get(PATH, op="getCampaigns")

    assert caught.value.ambiguous is False
    assert caught.value.render() == (
        f"GET {PATH}: could not reach the API (ConnectError: [Errno 111] Connection "
        "refused)\n  hint: check the network and CAMPAIGNCTL_API_URL / "
        "CAMPAIGNCTL_TOKEN_URL"
    )
    assert time.sleeps == [0.25, 0.5]


def test_unsupported_protocol_is_not_retried() -> None:
    client, _server, time = with_server(httpx.UnsupportedProtocol("ftp"))

    with pytest.raises(TransportError):
        client.get(PATH, op="getCampaigns")

    assert time.sleeps == []


# -- 401 and tokens -------------------------------------------------------------
def test_401_renews_the_token_and_retries_once() -> None:
    client, server, time = with_server(ok({"n": 1}), ok({"n": 2}))
    client.get(PATH, op="getCampaigns")
    server.revoke_all()  # the token dies early (revoked, clock skew…)

    assert client.post(PATH, op="createCampaign", json={}) == {"n": 2}
    assert server.issued == ["issued-access-0001", "issued-access-0002"]
    assert [e.authorization for e in server.exchanges] == [
        "Bearer issued-access-0001",
        "Bearer issued-access-0001",
        "Bearer issued-access-0002",
    ]
    assert time.sleeps == []


def test_401_after_renewal_is_an_auth_error() -> None:
    rejected = httpx.Response(401, json=error_body("Forbidden for this app"))
    client, server, _time = with_server(rejected, rejected, rejected)

    with pytest.raises(AuthError) as caught:
        client.get(PATH, op="getCampaigns")

    assert len(server.exchanges) == 2
    assert len(server.issued) == 2
    assert caught.value.render() == (
        f"GET {PATH} → 401: Forbidden for this app\n"
        "  hint: a freshly issued token was rejected too; check that the app has "
        "Ads API access and that the user accepted the API terms in Ads Manager"
    )


def test_a_token_expiring_again_while_a_retry_waits_is_renewed_again() -> None:
    """401, renew, 503, back off, 401 (expired meanwhile), renew, success."""
    expired = httpx.Response(401, json=error_body("The access token expired"))
    busy = httpx.Response(503, json=error_body("try later"))
    client, server, time = with_server(expired, busy, expired, ok({"n": 1}))

    assert client.get(PATH, op="getCampaigns") == {"n": 1}
    assert server.issued == [
        "issued-access-0001",
        "issued-access-0002",
        "issued-access-0003",
    ]
    assert [e.authorization for e in server.exchanges] == [
        "Bearer issued-access-0001",
        "Bearer issued-access-0002",
        "Bearer issued-access-0002",
        "Bearer issued-access-0003",
    ]
    assert time.sleeps == [0.5]  # the second attempt's backoff (jitter 0.5 x 1 s)


def test_static_token_401_is_a_clear_auth_error() -> None:
    server = TokenServer(scripted(ok()))
    server.revoked.add("static-access-token-def0")
    client = make_client(server, credentials=STATIC_CREDENTIALS)

    with pytest.raises(AuthError) as caught:
        client.get(PATH, op="getCampaigns")

    assert server.grants == []
    assert caught.value.render() == (
        f"GET {PATH} → 401: Invalid access token\n"
        "  hint: SPOTIFY_ADS_ACCESS_TOKEN was rejected (access tokens last an hour); "
        "set SPOTIFY_ADS_CLIENT_ID, SPOTIFY_ADS_CLIENT_SECRET and "
        "SPOTIFY_ADS_REFRESH_TOKEN so campaignctl can renew it"
    )


def test_token_is_renewed_before_it_expires() -> None:
    server = TokenServer(lambda request: ok(), ttl=100)  # renewed 10 s early
    time = FakeTime()
    client = make_client(server, time=time)

    client.get(PATH, op="getCampaigns")
    time.now += 89
    client.get(PATH, op="getCampaigns")
    time.now += 1
    client.get(PATH, op="getCampaigns")

    assert [e.authorization for e in server.exchanges] == [
        "Bearer issued-access-0001",
        "Bearer issued-access-0001",
        "Bearer issued-access-0002",
    ]
    assert server.grants == [
        {"grant_type": ["refresh_token"], "refresh_token": ["refresh-token-9abc"]},
        {"grant_type": ["refresh_token"], "refresh_token": ["refresh-token-9abc"]},
    ]


def test_rotated_refresh_token_is_used_next_time() -> None:
    server = TokenServer(lambda request: ok(), ttl=100, rotate=True)
    time = FakeTime()
    client = make_client(server, time=time)

    client.get(PATH, op="getCampaigns")
    time.now += 100
    client.get(PATH, op="getCampaigns")

    assert [g["refresh_token"] for g in server.grants] == [
        ["refresh-token-9abc"],
        ["rotated-refresh-0001"],
    ]


def test_token_request_uses_basic_auth_and_a_form_body() -> None:
    seen: list[httpx.Request] = []
    server = TokenServer(lambda request: ok())

    def spy(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return server(request)

    make_client(spy).get(PATH, op="getCampaigns")

    token_request = seen[0]
    assert token_request.method == "POST"
    assert token_request.headers["content-type"] == "application/x-www-form-urlencoded"
    # base64("client-id-1234:client-secret-5678")
    assert token_request.headers["authorization"] == (
        "Basic Y2xpZW50LWlkLTEyMzQ6Y2xpZW50LXNlY3JldC01Njc4"
    )
    assert (
        token_request.content
        == b"grant_type=refresh_token&refresh_token=refresh-token-9abc"
    )


def test_refused_refresh_token_is_an_auth_error() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            400,
            json={
                "error": "invalid_grant",
                "error_description": "Invalid refresh token",
            },
        )

    client = make_client(route)

    with pytest.raises(AuthError) as caught:
        client.get(PATH, op="getCampaigns")

    assert caught.value.render() == (
        "POST /api/token → 400: invalid_grant: Invalid refresh token\n"
        "  hint: the token endpoint refused the credentials; check "
        "SPOTIFY_ADS_CLIENT_ID, SPOTIFY_ADS_CLIENT_SECRET and SPOTIFY_ADS_REFRESH_TOKEN"
    )


def test_token_endpoint_5xx_is_retried() -> None:
    answers = iter([httpx.Response(503), None])
    server = TokenServer(lambda request: ok())

    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/token":
            answer = next(answers)
            if answer is not None:
                return answer
        return server(request)

    time = FakeTime()
    client = make_client(route, time=time)

    assert client.get(PATH, op="getCampaigns") == {"id": "c-1"}
    assert time.sleeps == [0.25]
    assert client.request_counts() == {"token": 2, "getCampaigns": 1}


def test_one_refresh_for_many_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    server = TokenServer(lambda request: ok())
    client = make_client(server)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: client.get(PATH, op="getCampaigns"), range(40)))

    assert server.issued == ["issued-access-0001"]
    assert client.request_counts() == {"getCampaigns": 40, "token": 1}


# -- error bodies ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("response", "error_class", "text"),
    [
        pytest.param(
            httpx.Response(
                400,
                json=error_body(
                    "Name is too short",
                    "Budget micro_amount is required",
                    codes=("INVALID.NAME", "MISSING.BUDGET"),
                    trace=TRACE,
                ),
            ),
            ApiError,
            f"POST {PATH} → 400: Name is too short; Budget micro_amount is required "
            f"[INVALID.NAME, MISSING.BUDGET] (sp_trace_id {TRACE})",
            id="error-response",
        ),
        pytest.param(
            httpx.Response(
                400,
                json={
                    "error": {"message": "Invalid geo_targets", "code": 400},
                    "path": "/ads/v3/ad_accounts/acc-1/campaigns",
                    "timestamp": "2030-01-01T00:00:00Z",
                },
            ),
            ApiError,
            f"POST {PATH} → 400: Invalid geo_targets [400]",
            id="legacy-shape",
        ),
        pytest.param(
            httpx.Response(404, json=error_body("Campaign not found", trace=TRACE)),
            NotFoundError,
            f"POST {PATH} → 404: Campaign not found (sp_trace_id {TRACE})",
            id="not-found",
        ),
        pytest.param(
            httpx.Response(403, json=error_body()),
            ApiError,
            f"POST {PATH} → 403: Forbidden",
            id="empty-messages",
        ),
        pytest.param(
            httpx.Response(400, text="<html><body>Bad   Request</body></html>"),
            ApiError,
            f"POST {PATH} → 400: <html><body>Bad Request</body></html>",
            id="not-json",
        ),
        pytest.param(
            httpx.Response(422, json=["unexpected"]),
            ApiError,
            f'POST {PATH} → 422: ["unexpected"]',
            id="json-not-an-object",
        ),
    ],
)
def test_error_bodies_become_readable_errors(
    response: httpx.Response, error_class: type[ApiError], text: str
) -> None:
    client, _server, _time = with_server(response)

    with pytest.raises(ApiError) as caught:
        client.post(PATH, op="createCampaign", json={})

    assert type(caught.value) is error_class
    assert str(caught.value) == text


def test_error_detail_is_kept_whole() -> None:
    body = error_body("bad", codes=("X.Y",), trace=TRACE)
    body["validation_errors"] = [{"entity": "ad_set"}]
    client, _server, _time = with_server(httpx.Response(400, json=body))

    with pytest.raises(ApiError) as caught:
        client.patch(PATH + "/c-1", op="updateCampaign", json={})

    detail = caught.value.detail
    assert (detail.status, detail.method, detail.path) == (400, "PATCH", PATH + "/c-1")
    assert detail.messages == ("bad",)
    assert [(c.code, c.definition) for c in detail.error_codes] == [
        ("X.Y", "about X.Y")
    ]
    assert detail.sp_trace_id == TRACE
    assert detail.extra == {"validation_errors": [{"entity": "ad_set"}]}


def test_success_that_is_not_json_on_a_write_is_ambiguous() -> None:
    client, _server, _time = with_server(httpx.Response(200, text="<html>ok</html>"))

    with pytest.raises(ServerError) as caught:
        client.post(PATH, op="createCampaign", json={})

    assert caught.value.ambiguous is True
    assert "expected a JSON object" in str(caught.value)


def test_empty_success_is_an_empty_object() -> None:
    client, _server, _time = with_server(httpx.Response(204))

    assert client.post(PATH, op="x", json={}) == {}


# -- logging -------------------------------------------------------------------
def test_log_lines_per_level() -> None:
    lines: list[tuple[int, str]] = []
    limited = httpx.Response(429, headers={"Retry-After": "2"})
    server = TokenServer(scripted(limited, ok()))
    client = make_client(server, log=lambda level, line: lines.append((level, line)))

    client.get(
        PATH, op="getCampaigns", params={"limit": 50, "campaign_ids": ["a", "b"]}
    )

    shown = [(level, re.sub(r"\(\d+ ms\)", "(N ms)", line)) for level, line in lines]
    assert shown == [
        (2, "POST /api/token → 200 (N ms)"),
        (1, "new access token (expires in 3600 s)"),
        (2, f"GET {PATH}?limit=50&campaign_ids=a&campaign_ids=b → 429 (N ms)"),
        (1, f"retrying GET {PATH} in 2.00 s after 429 (attempt 2 of 6)"),
        (2, f"GET {PATH}?limit=50&campaign_ids=a&campaign_ids=b → 200 (N ms)"),
    ]
