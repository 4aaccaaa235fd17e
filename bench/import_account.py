"""`campaignctl import` of a large account, then `plan` of the result.

    .venv/bin/python bench/import_account.py [--campaigns 100] [--ad-sets 20]

Seeds CAMPAIGNS campaigns with AD_SETS ad sets each (one ad per ad set, one
validated ad set cloned straight into the store), serves the sandbox over
HTTP, and times the real CLI: `import` (requests, seconds, peak memory of the
import) and `plan` of the imported directory (which must show no changes).
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import resource
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import httpx

from campaignctl.cli import main
from campaignctl.sandbox import SandboxConfig, create_app, seeding
from campaignctl.sandbox.server import running
from campaignctl.sandbox.store import Record
from tests.sandbox import media

ACCOUNT = "00000000-0000-4000-a000-000000000001"
AD_SET = {
    "name": "Market",
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


def seed(campaigns: int, ad_sets: int) -> object:
    config = SandboxConfig(
        clock_start="2030-01-01T00:00:00Z", rate_limit=0, processing_ms=0
    )
    app = create_app(config)
    sb = app.state.sandbox
    audio = seeding.create_asset(
        sb,
        {
            "name": "spot.wav",
            "asset_type": "AUDIO",
            "asset_subtype": "USER_UPLOADED_AUDIO",
        },
        content=media.wav(),
    )["id"]
    image = seeding.create_asset(
        sb, {"name": "cover.png", "asset_type": "IMAGE"}, content=media.png()
    )["id"]
    for c in range(campaigns):
        campaign = seeding.create_campaign(
            sb, {"name": f"Campaign {c:04d}", "objective": "REACH"}
        )
        template = seeding.create_ad_set(sb, {**AD_SET, "campaign_id": campaign["id"]})
        ids = [template["id"], *seeding.clone_ad_sets(sb, template, ad_sets - 1)]
        first = seeding.create_ad(
            sb,
            {
                "name": "Spot",
                "ad_set_id": template["id"],
                "tagline": "Out now",
                "advertiser_name": "Bench",
                "assets": {
                    "asset_id": audio,
                    "companion_asset_id": image,
                    "logo_asset_id": image,
                },
                "call_to_action": {"clickthrough_url": "https://example.com"},
            },
        )
        _clone_ad(sb, first, ids[1:])
    return app


def _clone_ad(sb: object, ad: dict, ad_set_ids: list[str]) -> None:
    source = sb.store.get("ad", ad["id"])  # type: ignore[attr-defined]
    records = []
    for index, ad_set_id in enumerate(ad_set_ids):
        body = copy.deepcopy(source.body)
        body["id"] = sb.new_id()  # type: ignore[attr-defined]
        body["ad_set_id"] = ad_set_id
        records.append(
            Record(
                "ad",
                body["id"],
                source.account_id,
                body,
                source.created + index * 1e-6,
                source.updated,
                parent_id=ad_set_id,
                state=copy.deepcopy(source.state),
            )
        )
    sb.store.insert_many(records)  # type: ignore[attr-defined]


def run(*args: str) -> tuple[int, float]:
    started = time.perf_counter()
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        code = main(list(args))
    return code, time.perf_counter() - started


def main_bench() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--campaigns", type=int, default=100)
    parser.add_argument("--ad-sets", type=int, default=20)
    options = parser.parse_args()
    app = seed(options.campaigns, options.ad_sets)
    with running(app) as root, tempfile.TemporaryDirectory() as directory:
        os.environ.update(
            CAMPAIGNCTL_API_URL=f"{root}/ads/v3",
            CAMPAIGNCTL_TOKEN_URL=f"{root}/api/token",
            SPOTIFY_ADS_CLIENT_ID="sandbox-client",
            SPOTIFY_ADS_CLIENT_SECRET="sandbox-secret",
            SPOTIFY_ADS_REFRESH_TOKEN="sandbox-refresh",
        )
        out = Path(directory) / "imported"
        before = sum(httpx.get(f"{root}/_sandbox/stats").json()["requests"].values())
        code, seconds = run("import", "--account", ACCOUNT, "--out", str(out))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        after = sum(httpx.get(f"{root}/_sandbox/stats").json()["requests"].values())
        objects = options.campaigns * options.ad_sets
        print(
            f"import: {options.campaigns} campaigns, {objects} ad sets, {objects} ads: "
            f"exit {code}, {seconds:.2f} s, {after - before} requests, "
            f"process peak RSS {peak / 1e6:.0f} MB (sandbox included)"
        )
        code, seconds = run("plan", str(out), "--detailed-exitcode")
        print(f"plan of the import: exit {code} (0 = no changes), {seconds:.2f} s")
    app.state.sandbox.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main_bench()
