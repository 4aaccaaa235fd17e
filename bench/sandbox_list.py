"""Sandbox list throughput and memory (prints figures; not a timed test).

    .venv/bin/python bench/sandbox_list.py [--seconds 3]

1. Seeds 10,000 ad sets straight into the store (one validated ad set cloned),
   then pages through ``GET /ad_sets?limit=50`` (CREATED_AT DESC, the default)
   for a few seconds in-process (``SyncASGITransport``) and over HTTP
   (uvicorn on 127.0.0.1, one keep-alive connection): pages per second.
2. Seeds 100,000 ad sets into a fresh in-memory store and reports the
   process's resident memory before and after.
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from pathlib import Path

import httpx
from starlette.applications import Starlette

from campaignctl.sandbox import SandboxConfig, SyncASGITransport, create_app, seeding
from campaignctl.sandbox.server import running

ACCOUNT = "00000000-0000-4000-a000-000000000001"
AD_SET = {
    "name": "Bench set",
    "category": "ADV_21_182",
    "asset_format": "AUDIO",
    "start_time": "2030-02-01T00:00:00Z",
    "end_time": "2030-02-28T00:00:00Z",
    "budget": {"micro_amount": 150_000_000, "type": "DAILY"},
    "bid_strategy": "MAX_BID",
    "bid_micro_amount": 12_000_000,
    "targets": {
        "placements": ["MUSIC", "PODCAST"],
        "age_ranges": [{"min": 18, "max": 34}],
        "geo_targets": {"country_code": "US", "region_ids": ["5128638", "5332921"]},
        "genre_ids": ["rock", "blues", "indie"],
        "platforms": ["IOS", "ANDROID"],
    },
}


def seeded_app(count: int) -> Starlette:
    app = create_app(SandboxConfig(clock_start="2030-01-01T00:00:00Z", rate_limit=0))
    sb = app.state.sandbox
    campaign = seeding.create_campaign(sb, {"name": "Bench", "objective": "REACH"})
    template = seeding.create_ad_set(sb, {**AD_SET, "campaign_id": campaign["id"]})
    seeding.clone_ad_sets(sb, template, count - 1)
    return app


def token(client: httpx.Client) -> str:
    reply = client.post(
        "/api/token",
        data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
        auth=("sandbox-client", "sandbox-secret"),
    )
    return str(reply.json()["access_token"])


def pages_per_second(client: httpx.Client, seconds: float, total: int) -> float:
    url = f"/ads/v3/ad_accounts/{ACCOUNT}/ad_sets"
    pages = 0
    offset = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        reply = client.get(url, params={"limit": 50, "offset": offset})
        assert reply.status_code == 200 and len(reply.json()["ad_sets"]) == 50
        pages += 1
        offset = (offset + 50) % total
    return pages / (time.perf_counter() - started)


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure_lists(seconds: float) -> None:
    started = time.perf_counter()
    app = seeded_app(10_000)
    print(f"seeded 10,000 ad sets in {time.perf_counter() - started:.2f} s")
    transport = SyncASGITransport(app)
    with httpx.Client(transport=transport, base_url="http://sandbox.test") as client:
        client.headers["Authorization"] = f"Bearer {token(client)}"
        rate = pages_per_second(client, seconds, 10_000)
    print(f"in-process (SyncASGITransport): {rate:,.0f} pages of 50 ad sets/s")
    with running(app) as root, httpx.Client(base_url=root) as client:
        client.headers["Authorization"] = f"Bearer {token(client)}"
        rate = pages_per_second(client, seconds, 10_000)
    print(f"over HTTP (uvicorn, 127.0.0.1):  {rate:,.0f} pages of 50 ad sets/s")
    app.state.sandbox.close()


def measure_memory() -> None:
    gc.collect()
    before = rss_mb()
    app = seeded_app(100_000)
    gc.collect()
    after = rss_mb()
    print(
        f"memory: RSS {before:,.0f} MB before, {after:,.0f} MB with 100,000 stored "
        f"ad sets (+{after - before:,.0f} MB, in-memory SQLite)"
    )
    app.state.sandbox.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    print(f"CPUs: {os.cpu_count()}")
    measure_lists(args.seconds)
    measure_memory()


if __name__ == "__main__":
    main()
