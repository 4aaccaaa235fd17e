"""Retry policy arithmetic and which failures may be repeated."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.provider.retry import (
    RetryPolicy,
    is_ambiguous_error,
    is_retryable_error,
    is_retryable_status,
    server_delay,
)

NOW = datetime(2030, 1, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("headers", "want"),
    [
        pytest.param({"retry-after": "12"}, 12.0, id="seconds"),
        pytest.param({"retry-after": "1.5"}, 1.5, id="fraction"),
        pytest.param({"retry-after": "-4"}, 0.0, id="negative-is-now"),
        pytest.param(
            {"retry-after": "Tue, 01 Jan 2030 12:00:30 GMT"}, 30.0, id="http-date"
        ),
        pytest.param(
            {"retry-after": "Tue, 01 Jan 2030 11:00:00 GMT"}, 0.0, id="date-in-the-past"
        ),
        pytest.param({"x-ratelimit-reset": "9"}, 9.0, id="reset"),
        pytest.param({"retry-after": "3", "x-ratelimit-reset": "9"}, 3.0, id="both"),
        pytest.param({"retry-after": "soon", "x-ratelimit-reset": "9"}, 9.0, id="junk"),
        pytest.param({"retry-after": " "}, None, id="blank"),
        pytest.param({}, None, id="none"),
    ],
)
def test_server_delay(headers: dict[str, str], want: float | None) -> None:
    assert server_delay(httpx.Headers(headers), now=NOW) == want


def test_backoff_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(base_delay_s=0.5, max_delay_s=4.0)

    assert [policy.backoff(n, 1.0) for n in range(1, 7)] == [0.5, 1, 2, 4, 4, 4]


@given(st.integers(1, 60), st.floats(0, 1, exclude_max=True))
def test_backoff_is_full_jitter_within_the_cap(retry: int, jitter: float) -> None:
    policy = RetryPolicy()

    delay = policy.backoff(retry, jitter)

    assert 0 <= delay <= policy.max_delay_s
    assert delay == jitter * min(policy.max_delay_s, 0.5 * 2.0 ** (retry - 1))


@pytest.mark.parametrize(
    ("attempts", "elapsed", "delay", "want"),
    [
        (1, 0.0, 1.0, True),
        (5, 0.0, 1.0, True),
        (6, 0.0, 1.0, False),  # six requests sent: done
        (2, 119.0, 1.0, True),
        (2, 119.0, 1.5, False),  # would pass the 120 s budget
    ],
)
def test_policy_caps_attempts_and_time(
    attempts: int, elapsed: float, delay: float, want: bool
) -> None:
    policy = RetryPolicy(max_attempts=6, max_elapsed_s=120.0)

    assert policy.allows(attempts=attempts, elapsed_s=elapsed, delay_s=delay) is want


@pytest.mark.parametrize(
    ("status", "idempotent", "want"),
    [
        (429, False, True),
        (429, True, True),
        (500, True, True),
        (503, True, True),
        (500, False, False),
        (400, True, False),
        (404, True, False),
        (409, False, False),
    ],
)
def test_retryable_status(status: int, idempotent: bool, want: bool) -> None:
    assert is_retryable_status(status, idempotent=idempotent) is want


@pytest.mark.parametrize(
    ("error", "retry_read", "retry_write", "ambiguous_write"),
    [
        (httpx.ConnectError("x"), True, True, False),
        (httpx.ConnectTimeout("x"), True, True, False),
        (httpx.PoolTimeout("x"), True, True, False),
        (httpx.ReadTimeout("x"), True, False, True),
        (httpx.WriteTimeout("x"), True, False, True),
        (httpx.ReadError("x"), True, False, True),
        (httpx.WriteError("x"), True, False, True),
        (httpx.RemoteProtocolError("x"), True, False, True),
        (httpx.UnsupportedProtocol("x"), False, False, False),
        (httpx.LocalProtocolError("x"), False, False, False),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_network_error_classes(
    error: httpx.TransportError,
    retry_read: bool,
    retry_write: bool,
    ambiguous_write: bool,
) -> None:
    assert is_retryable_error(error, idempotent=True) is retry_read
    assert is_retryable_error(error, idempotent=False) is retry_write
    assert is_ambiguous_error(error, idempotent=False) is ambiguous_write
    assert is_ambiguous_error(error, idempotent=True) is False
