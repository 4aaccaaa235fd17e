"""Sliding-window arithmetic with an injected clock."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from campaignctl.provider.ratelimit import (
    RateLimiter,
    SlidingWindow,
    allowance,
    is_reporting,
)

from .fakes import FakeTime, TokenServer, make_client


def test_window_hands_out_its_limit_then_waits_for_the_oldest_to_leave() -> None:
    time = FakeTime()
    window = SlidingWindow(3, window=30.0, clock=time.clock)

    assert [window.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]
    time.now += 10
    # the window is full until the first slot is 30 s old: 20 s from now
    assert [window.reserve() for _ in range(4)] == pytest.approx([20, 20, 20, 50])


def test_window_frees_slots_as_time_passes() -> None:
    time = FakeTime()
    window = SlidingWindow(2, window=30.0, clock=time.clock)
    assert [window.reserve(), window.reserve()] == [0.0, 0.0]

    time.now += 29.5
    assert window.reserve() == pytest.approx(0.5)
    time.now += 60
    assert [window.reserve(), window.reserve()] == [0.0, 0.0]


def test_no_window_of_30_seconds_ever_holds_more_than_the_limit() -> None:
    time = FakeTime()
    window = SlidingWindow(10, window=30.0, clock=time.clock)
    sent = []
    for step in range(200):
        time.now += 0.7 if step % 3 else 0.05
        sent.append(time.now + window.reserve())
    assert all(b - a >= 30.0 - 1e-9 for a, b in zip(sent, sent[10:], strict=False))


def test_allowance_keeps_headroom_under_the_apis_1500_per_30_s() -> None:
    assert allowance(50.0) == 1425
    assert allowance(5.0) == 142
    assert allowance(0.01) == 1


def test_limiter_sleeps_the_reserved_time() -> None:
    time = FakeTime()
    limiter = RateLimiter(0.1, clock=time.clock, sleep=time.sleep)  # 2 per 30 s

    waits = [limiter.acquire("/ad_accounts/a/campaigns") for _ in range(3)]

    assert waits == pytest.approx([0.0, 0.0, 30.0])
    assert time.sleeps == pytest.approx([30.0])


def test_reporting_endpoints_get_a_tenth_of_the_allowance() -> None:
    time = FakeTime()
    limiter = RateLimiter(1.0, clock=time.clock, sleep=time.sleep)
    report, listing = "/ad_accounts/a/aggregate_reports", "/ad_accounts/a/ads"

    waits = [limiter.acquire(report) for _ in range(3)]  # 2 per 30 s
    assert waits == pytest.approx([0.0, 0.0, 30.0])
    assert limiter.acquire(listing) == 0.0  # the general window still has room


def test_rate_zero_switches_limiting_off() -> None:
    time = FakeTime()
    limiter = RateLimiter(0, clock=time.clock, sleep=time.sleep)

    assert [limiter.acquire("/x") for _ in range(100)] == [0.0] * 100
    assert time.sleeps == []


@pytest.mark.parametrize(
    ("path", "want"),
    [
        ("/ad_accounts/a/aggregate_reports", True),
        ("/ad_accounts/a/aggregate_reports/totals", True),
        ("/ad_accounts/a/insight_reports", True),
        ("/ad_accounts/a/async_reports/r-1", True),
        ("/ad_accounts/a/campaigns", False),
    ],
)
def test_is_reporting(path: str, want: bool) -> None:
    assert is_reporting(path) is want


def test_concurrent_reservations_queue_exactly() -> None:
    time = FakeTime()  # frozen: only reservations change the window
    window = SlidingWindow(5, window=30.0, clock=time.clock)

    with ThreadPoolExecutor(8) as pool:
        waits = list(pool.map(lambda _: window.reserve(), range(20)))

    assert sorted(waits) == pytest.approx(
        [0.0] * 5 + [30.0] * 5 + [60.0] * 5 + [90.0] * 5
    )


def test_all_threads_of_a_client_share_one_window() -> None:
    time = FakeTime(advance=False)
    server = TokenServer(lambda request: httpx.Response(200, json={}))
    client = make_client(server, time=time, rate_per_s=0.2)  # 5 per 30 s

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: client.get("/x", op="x"), range(12)))

    assert sorted(time.sleeps) == pytest.approx([30.0] * 5 + [60.0] * 2)
    assert client.request_counts() == {"x": 12, "token": 1}


def test_a_429_teaches_the_window_the_servers_limit_and_pauses_it() -> None:
    time = FakeTime()
    window = SlidingWindow(100, window=30.0, clock=time.clock)
    assert [window.reserve() for _ in range(4)] == [0.0] * 4

    window.slow_down(limit=3, pause_s=12.0)  # the server allows 3 per 30 s

    assert window.limit == 3
    # paused for 12 s, then the oldest of the last 3 slots must be 30 s old
    assert [window.reserve() for _ in range(3)] == pytest.approx([30.0, 30.0, 30.0])
    window.slow_down(limit=50, pause_s=0.0)  # never loosened by a 429
    assert window.limit == 3


def test_limiter_applies_what_a_429_says_to_the_right_window() -> None:
    time = FakeTime()
    limiter = RateLimiter(50.0, clock=time.clock, sleep=time.sleep)
    report, listing = "/ad_accounts/a/aggregate_reports", "/ad_accounts/a/ads"

    limiter.slow_down(report, limit=10, pause_s=5.0)

    assert limiter.acquire(listing) == 0.0  # the general window is untouched
    assert limiter.acquire(report) == pytest.approx(5.0)  # paused as asked
    assert [limiter.acquire(report) for _ in range(9)] == pytest.approx(
        [0.0] * 8 + [30.0]
    )


def test_the_client_learns_from_a_429_and_stops_hammering() -> None:
    time = FakeTime()
    sent: list[float] = []

    def api(request: httpx.Request) -> httpx.Response:
        sent.append(time.now)
        if len(sent) == 3:
            headers = {"Retry-After": "7", "X-RateLimit-Limit": "2"}
            return httpx.Response(
                429, json={"messages": ["slow down"]}, headers=headers
            )
        return httpx.Response(200, json={})

    client = make_client(TokenServer(api), time=time, rate_per_s=50.0)
    for _ in range(4):
        client.get("/ad_accounts/a/ads", op="getAds")

    # 2 fine, the 3rd refused: from then on 1 per 30 s (95 % of 2), which is
    # later than the 7 s asked for — so the retry is not refused again
    assert [round(t - sent[0], 3) for t in sent] == [0.0, 0.0, 0.0, 30.0, 60.0]


def test_a_long_rate_limit_wait_never_sends_an_expired_token() -> None:
    time = FakeTime()
    server = TokenServer(lambda request: httpx.Response(200, json={}), ttl=10)
    client = make_client(server, time=time, rate_per_s=0.1)  # 2 requests per 30 s

    for _ in range(3):  # the 3rd waits 30 s, long past the 10 s token
        client.get("/ad_accounts/a/ads", op="getAds")

    tokens = [exchange.authorization for exchange in server.exchanges]
    assert len(tokens) == 3  # no 401 and no retry: the token was fresh when sent
    assert tokens[2] != tokens[0]
    assert len(server.issued) == 2
