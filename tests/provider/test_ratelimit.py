"""Token-bucket arithmetic with an injected clock."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from campaignctl.provider.ratelimit import RateLimiter, TokenBucket, is_reporting

from .fakes import FakeTime, TokenServer, make_client


def test_bucket_hands_out_the_burst_then_queues_at_the_rate() -> None:
    time = FakeTime()
    bucket = TokenBucket(10.0, burst=2, clock=time.clock)

    waits = [bucket.reserve() for _ in range(5)]

    # 2 saved tokens, then debts of 1, 2, 3 tokens at 10/s
    assert waits == pytest.approx([0.0, 0.0, 0.1, 0.2, 0.3])


def test_bucket_refills_with_time_up_to_its_capacity() -> None:
    time = FakeTime()
    bucket = TokenBucket(10.0, burst=2, clock=time.clock)
    assert [bucket.reserve(), bucket.reserve()] == [0.0, 0.0]

    time.now += 0.15  # 1.5 tokens back
    assert bucket.reserve() == 0.0
    assert bucket.reserve() == pytest.approx(0.05)

    time.now += 60  # refills to capacity 2, no more
    assert [bucket.reserve(), bucket.reserve()] == [0.0, 0.0]
    assert bucket.reserve() == pytest.approx(0.1)


def test_default_burst_is_a_tenth_of_a_second() -> None:
    bucket = TokenBucket(50.0, clock=FakeTime().clock)

    assert bucket.capacity == 5.0


def test_limiter_sleeps_the_reserved_time() -> None:
    time = FakeTime()
    limiter = RateLimiter(50.0, clock=time.clock, sleep=time.sleep)

    waits = [limiter.acquire("/ad_accounts/a/campaigns") for _ in range(8)]

    assert waits == pytest.approx([0, 0, 0, 0, 0, 0.02, 0.02, 0.02])
    assert time.sleeps == pytest.approx([0.02, 0.02, 0.02])


def test_reporting_endpoints_get_a_tenth_of_the_rate() -> None:
    time = FakeTime()
    limiter = RateLimiter(50.0, clock=time.clock, sleep=time.sleep)
    path = "/ad_accounts/a/aggregate_reports"

    waits = [limiter.acquire(path) for _ in range(3)]

    # reporting bucket: 5/s with a burst of 1 → 0, then 0.2 s per request
    assert waits == pytest.approx([0.0, 0.2, 0.2])
    assert time.now == pytest.approx(1000.4)


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
    time = FakeTime()  # frozen: only reservations change the bucket
    bucket = TokenBucket(10.0, burst=2, clock=time.clock)

    with ThreadPoolExecutor(8) as pool:
        waits = list(pool.map(lambda _: bucket.reserve(), range(50)))

    assert sorted(waits) == pytest.approx([0.0, 0.0] + [i / 10 for i in range(1, 49)])


def test_all_threads_of_a_client_share_one_bucket() -> None:
    time = FakeTime(advance=False)
    server = TokenServer(lambda request: httpx.Response(200, json={}))
    client = make_client(server, time=time, rate_per_s=10.0)  # burst 1

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: client.get("/x", op="x"), range(21)))

    assert sorted(time.sleeps) == pytest.approx([i / 10 for i in range(1, 21)])
    assert client.request_counts() == {"x": 21, "token": 1}
