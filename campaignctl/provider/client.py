"""The one HTTP client of campaignctl: auth, rate limit, retries, error mapping.

Thread-safe: one ``httpx.Client`` (its transport injected: the network, or the
sandbox in-process) shared by every thread, one token source, one rate limiter,
and a cap on requests in flight. ``log(level, line)`` receives one line per
request at level 2 (``GET /path → 200 (12 ms)``) and retry and token notices
at level 1; never a header or a body.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import Counter
from collections.abc import Mapping
from contextlib import nullcontext
from typing import Any

import httpx

from campaignctl.provider.auth import Credentials, token_path, token_source
from campaignctl.provider.base import JSON
from campaignctl.provider.call import Call, Log, Timing, silent
from campaignctl.provider.faults import (
    api_failure,
    error_from_response,
    json_object,
    transport_error,
)
from campaignctl.provider.ratelimit import RateLimiter
from campaignctl.provider.retry import (
    RetryPolicy,
    is_ambiguous_error,
    is_retryable_error,
    is_retryable_status,
    server_delay,
)

TOKEN_OP = "token"
REQUEST_LOG_LEVEL = 2  # one line per HTTP request with -vv; notices with -v
_STATIC_401_HINT = (
    "SPOTIFY_ADS_ACCESS_TOKEN was rejected (access tokens last an hour); set "
    "SPOTIFY_ADS_CLIENT_ID, SPOTIFY_ADS_CLIENT_SECRET and SPOTIFY_ADS_REFRESH_TOKEN "
    "so campaignctl can renew it"
)


class HttpClient:
    """Sends calls to the Ads API; see the module docstring."""

    def __init__(
        self,
        http: httpx.Client,
        credentials: Credentials,
        *,
        base_url: str,
        rate_per_s: float = 50.0,
        max_in_flight: int = 8,
        policy: RetryPolicy | None = None,
        timing: Timing | None = None,
        log: Log = silent,
    ) -> None:
        self.timing = timing or Timing()
        self.policy = policy or RetryPolicy()
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._token_url = credentials.token_url
        self._limiter = RateLimiter(
            rate_per_s, clock=self.timing.clock, sleep=self.timing.sleep
        )
        self._slots = threading.BoundedSemaphore(max(1, max_in_flight))
        self._log = log
        self._counts: Counter[str] = Counter()
        self._counts_lock = threading.Lock()
        self.auth = token_source(
            credentials, fetch=self._fetch_token, clock=self.timing.clock
        )

    # -- public ------------------------------------------------------------
    def get(
        self, path: str, *, op: str, params: Mapping[str, Any] | None = None
    ) -> JSON:
        return self.send(self._call("GET", path, op=op, params=params))

    def post(self, path: str, *, op: str, **body: Any) -> JSON:
        """``body``: ``json=``, or ``files=`` and ``data=`` for multipart."""
        return self.send(self._call("POST", path, op=op, **body))

    def patch(self, path: str, *, op: str, json: JSON) -> JSON:
        return self.send(self._call("PATCH", path, op=op, json=json))

    def delete(self, path: str, *, op: str) -> JSON:
        """DELETE (drafts only: live objects have none); safe to repeat."""
        call = self._call("DELETE", path, op=op)
        return self.send(dataclasses.replace(call, idempotent=True))

    def download(self, url: str, *, op: str) -> bytes:
        """GET an absolute URL the API handed out (an asset's file) as bytes.

        No bearer token: the URL may be another host (a CDN); retried like
        every read.
        """
        path = httpx.URL(url).path
        call = Call("GET", path, url, op, idempotent=True, bearer=False)
        return self.exchange(call).content

    def request_counts(self) -> dict[str, int]:
        """Requests sent per operation, retries and token grants included."""
        with self._counts_lock:
            return dict(self._counts)

    def close(self) -> None:
        self._http.close()

    # -- the retry loop ------------------------------------------------------
    def send(self, call: Call) -> JSON:
        """Send ``call`` until it succeeds or must not be repeated."""
        return json_object(call, self.exchange(call))

    def exchange(self, call: Call) -> httpx.Response:
        """The successful response to ``call``, after retries; raises otherwise.

        A 401 renews the token and retries at once, unless the attempt before
        was a 401 too (a fresh token refused): a token that expires while a
        retry waits out a 5xx or a 429 is renewed again, but a server that
        refuses every token is not asked forever.
        """
        started = self.timing.clock()
        attempts = 0
        renewed = False  # the last attempt was a 401 that renewed the token
        while True:
            attempts += 1
            if call.bearer:  # wait for the rate limit first: a token can expire
                self._limiter.acquire(call.path)  # during a long wait
            try:
                response, token = self._send_once(call)
            except httpx.TransportError as error:
                renewed = False
                delay = self._network_delay(call, error, attempts, started)
                self._pause(call, delay, type(error).__name__, attempts)
                continue
            if response.status_code == 401 and call.bearer and not renewed:
                renewed = self._renew(call, response, token)
                continue
            if response.is_success:
                return response
            delay = self._status_delay(call, response, attempts, started, renewed)
            renewed = False
            self._pause(call, delay, str(response.status_code), attempts)

    def _send_once(self, call: Call) -> tuple[httpx.Response, str]:
        """One request, and the bearer token it carried.

        The token is taken once a connection slot is free, so no wait comes
        between taking it and sending it. Token grants take no slot: a thread
        holding one may be the one renewing the token for the others.
        """
        begun = time.perf_counter()
        with nullcontext() if call.op == TOKEN_OP else self._slots:
            token = self.auth.token() if call.bearer else ""
            request = self._http.build_request(
                call.method,
                call.url,
                params=call.params,
                json=call.json,
                files=call.files,
                data=call.data,
                headers=self._headers(call, token),
            )
            self._count(call.op)
            try:
                response = self._http.send(request)
            except httpx.TransportError as error:
                self._log_exchange(call, type(error).__name__, begun)
                raise
        self._log_exchange(call, str(response.status_code), begun)
        return response, token

    def _renew(self, call: Call, response: httpx.Response, token: str) -> bool:
        """After a 401: renew the token once, or explain why we cannot."""
        if not self.auth.renew_after_401(token):
            raise error_from_response(
                call.method, call.path, response, hint=_STATIC_401_HINT
            )
        self._log(1, f"{call.method} {call.path}: 401, token renewed, retrying once")
        return True

    def _network_delay(
        self, call: Call, error: httpx.TransportError, attempts: int, started: float
    ) -> float:
        ambiguous = is_ambiguous_error(error, idempotent=call.idempotent)
        failure = transport_error(call.method, call.path, error, ambiguous=ambiguous)
        if not is_retryable_error(error, idempotent=call.idempotent):
            raise failure from error
        delay = self.policy.backoff(attempts, self.timing.jitter())
        if not self._may_retry(attempts, started, delay):
            raise failure from error
        return delay

    def _status_delay(
        self,
        call: Call,
        response: httpx.Response,
        attempts: int,
        started: float,
        renewed: bool,
    ) -> float:
        status = response.status_code
        retryable = is_retryable_status(status, idempotent=call.idempotent)
        if retryable:
            asked = server_delay(response.headers)
            delay = asked if asked is not None else self._backoff(attempts)
            if status == 429:
                limit = _int_header(response.headers, "x-ratelimit-limit")
                self._limiter.slow_down(call.path, limit=limit, pause_s=delay)
            if self._may_retry(attempts, started, delay):
                return delay
        raise api_failure(call, response, renewed=renewed)

    def _backoff(self, attempts: int) -> float:
        return self.policy.backoff(attempts, self.timing.jitter())

    def _may_retry(self, attempts: int, started: float, delay: float) -> bool:
        elapsed = self.timing.clock() - started
        return self.policy.allows(attempts=attempts, elapsed_s=elapsed, delay_s=delay)

    def _pause(self, call: Call, delay: float, why: str, attempts: int) -> None:
        self._log(
            1,
            f"retrying {call.method} {call.path} in {delay:.2f} s after {why} "
            f"(attempt {attempts + 1} of {self.policy.max_attempts})",
        )
        self.timing.sleep(delay)

    # -- helpers -------------------------------------------------------------
    def _call(self, method: str, path: str, *, op: str, **fields: Any) -> Call:
        return Call(
            method=method,
            path=path,
            url=self._base_url + path,
            op=op,
            idempotent=method == "GET",
            **fields,
        )

    def _fetch_token(self, form: dict[str, str], authorization: str) -> JSON:
        call = Call(
            method="POST",
            path=token_path(self._token_url),
            url=self._token_url,
            op=TOKEN_OP,
            idempotent=True,  # asking for a new access token is repeatable
            bearer=False,
            data=form,
            headers={"Authorization": authorization},
        )
        answer = self.send(call)
        self._log(1, f"new access token (expires in {answer.get('expires_in')} s)")
        return answer

    @staticmethod
    def _headers(call: Call, token: str) -> dict[str, str]:
        headers = {"Accept": "application/json", **(call.headers or {})}
        if call.bearer:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _count(self, op: str) -> None:
        with self._counts_lock:
            self._counts[op] += 1

    def _log_exchange(self, call: Call, outcome: str, begun: float) -> None:
        elapsed_ms = (time.perf_counter() - begun) * 1000
        where = call.path
        if call.params:  # ids, names and paging only: our queries carry no secret
            query = str(httpx.QueryParams(call.params))
            where += "?" + (query if len(query) <= 120 else query[:117] + "...")
        self._log(
            REQUEST_LOG_LEVEL,
            f"{call.method} {where} → {outcome} ({elapsed_ms:.0f} ms)",
        )


def _int_header(headers: httpx.Headers, name: str) -> int | None:
    try:
        return int(headers[name])
    except (KeyError, ValueError):
        return None
