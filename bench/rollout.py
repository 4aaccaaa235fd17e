"""Templated rollouts at scale (printed figures, not timed tests).

    .venv/bin/python bench/rollout.py [--rows 10000] [--repeat 3]

1. Render + validate: a rollout of N rows (one ad set with one ad each, from
   one template and a CSV) is loaded the way ``validate``/``plan`` load it:
   templates rendered row by row, YAML parsed, defaults cascaded, models and
   API rules checked, asset files read, desired state built. Best of
   ``--repeat`` runs, with a breakdown of the phases.
2. Plan: the same N ad sets (and their ads) are seeded in bulk into a
   sandbox database, served over HTTP by ``campaignctl sandbox serve`` in its
   own process, and ``plan`` runs against it through the real provider (all
   of make_plan: manifests, list pages, planning, spend facts). Requests
   made are compared with the minimum number of list pages:
   1 + ⌈C/50⌉ + ⌈S/50⌉ + ⌈A/50⌉ + ⌈assets/50⌉.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import math
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from campaignctl.commands.planning import make_plan
from campaignctl.manifest import inspect_workspace, load_workspace
from campaignctl.output import Output
from campaignctl.provider.connection import open_api
from campaignctl.sandbox import SandboxConfig, create_app, seeding
from campaignctl.sandbox.store import Record

ACCOUNT = "00000000-0000-4000-a000-000000000001"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "rollout"
COUNTRIES = [
    "US",
    "GB",
    "DE",
    "SE",
    "FR",
    "BR",
    "MX",
    "JP",
    "AU",
    "CA",
    "ES",
    "IT",
    "NL",
    "PL",
]
PROJECT = f"""\
accounts:
  sandbox: {{id: {ACCOUNT}, currency: USD}}
defaults:
  account: sandbox
  ad: {{advertiser_name: Nightjar Records, logo: assets/logo.png}}
"""
ROLLOUT = """\
apiVersion: campaignctl/v1
kind: Rollout
name: Bench rollout
template: ad-set.yaml.j2
values: markets.csv
key: market
each: ad_set
vars: {url: "https://example.com/nightjar/midnight"}
campaign:
  name: Bench Campaign
  objective: REACH
  prune: true
  defaults:
    ad_set:
      category: ADV_21_182
      format: AUDIO
      bid: {max_cpm: 9 USD}
      frequency_caps: {day: 3, week: 10}
      targets: {ages: [18-24, 25-34], placements: [music]}
"""
TEMPLATE = """\
name: {{ row.name | yaml }}
schedule:
  start: {{ row.start | date }}
  end: {{ row.start | date(days=90) }}
budget: {daily: {{ row.daily_budget | money('USD') }}}
targets:
  geo: {country: {{ row.country }}}
  language: {{ row.language }}
ads:
  - name: Lead Single
    tagline: {{ row.tagline | yaml }}
    audio: {{ row.audio }}
    companion: assets/cover.png
    call_to_action: {key: LISTEN_NOW, url: "{{ vars.url }}?market={{ row.market }}"}
"""


# -- the project ---------------------------------------------------------------------
def write_project(root: Path, rows: int) -> None:
    (root / "assets").mkdir(parents=True)
    for name in ("logo.png", "cover.png", "spot-en.wav"):
        shutil.copy(EXAMPLE / "assets" / name, root / "assets" / name)
    (root / "campaignctl.yaml").write_text(PROJECT)
    (root / "launch.yaml").write_text(ROLLOUT)
    (root / "ad-set.yaml.j2").write_text(TEMPLATE)
    lines = ["market,name,country,language,daily_budget,start,audio,tagline"]
    for index in range(rows):
        name = "Bench set" if index == 0 else f"Bench set #{index}"
        lines.append(
            f"m{index:05d},{name},US,en,{50 + index % 200},2034-03-01,"
            "assets/spot-en.wav,The new album. Out at midnight."
        )
    (root / "markets.csv").write_text("\n".join(lines) + "\n")


# -- 1. render + validate --------------------------------------------------------------
def measure_validate(root: Path, repeat: int, profile: bool) -> None:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        inspection = inspect_workspace([root])
        timings.append(time.perf_counter() - started)
        assert inspection.workspace is not None, inspection.diagnostics[:3]
    desired = inspection.workspace.desired
    ad_sets = sum(len(c.ad_sets) for c in desired.campaigns)
    size = sum(len(s.ads) for c in desired.campaigns for s in c.ad_sets)
    print(
        f"render + validate {ad_sets:,} ad sets ({size:,} ads): "
        f"best {min(timings):.2f} s, runs {', '.join(f'{t:.2f}' for t in timings)}"
    )
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(inspect_workspace, [root])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


# -- 2. plan over HTTP ------------------------------------------------------------
def seed(app: Any, root: Path) -> tuple[int, int, int, int]:
    """The rollout's objects, stored as an apply would have left them."""
    sb = app.state.sandbox
    workspace = load_workspace([root])
    [campaign] = workspace.desired.campaigns
    ids = {}
    for asset in workspace.desired.assets:
        content = (root / asset.path).read_bytes()
        body = {"name": asset.name, "asset_type": asset.asset_type}
        if asset.asset_subtype:
            body["asset_subtype"] = asset.asset_subtype
        ids[asset.digest] = seeding.create_asset(sb, body, content=content)["id"]
    live = seeding.create_campaign(sb, campaign.body)
    first, *others = campaign.ad_sets
    ad_set = seeding.create_ad_set(sb, {**first.body, "campaign_id": live["id"]})
    [ad] = first.ads
    assets = {k: ids[v] for k, v in ad.body["assets"].items()}
    stored_ad = seeding.create_ad(
        sb, {**ad.body, "assets": assets, "ad_set_id": ad_set["id"]}
    )
    clone_ids = seeding.clone_ad_sets(sb, ad_set, len(others))
    for desired, clone_id in zip(others, clone_ids, strict=True):
        assert desired.name == f"Bench set #{clone_ids.index(clone_id) + 1}"
    _clone_ads(sb, stored_ad, clone_ids, [s.ads[0] for s in others])
    _match_budgets(sb, others, clone_ids)
    return 1, len(campaign.ad_sets), len(campaign.ad_sets), len(ids)


def _clone_ads(
    sb: Any, template: dict[str, Any], parents: list[str], desired: list[Any]
) -> None:
    """Copies of a stored ad, one per ad set, with each row's own link."""
    source = sb.store.get("ad", template["id"])
    now = sb.now()
    records = []
    for index, (parent, ad) in enumerate(zip(parents, desired, strict=True)):
        body = copy.deepcopy(source.body)
        body["id"] = sb.new_id()
        body["ad_set_id"] = parent
        url = ad.body["call_to_action"]["clickthrough_url"]
        body["call_to_action"]["clickthrough_url"] = url
        records.append(
            Record(
                "ad",
                body["id"],
                ACCOUNT,
                body,
                created=now + index * 1e-6,
                updated=now,
                parent_id=parent,
                state=copy.deepcopy(source.state),
                due=source.due,
            )
        )
    sb.store.insert_many(records)


def _match_budgets(sb: Any, desired: list[Any], ids: list[str]) -> None:
    """Clones copy the first ad set's budget; give each its own."""
    with sb.store.transaction() as store:
        for ad_set, ad_set_id in zip(desired, ids, strict=True):
            record = store.get("ad_set", ad_set_id)
            record.body["budget"] = dict(ad_set.body["budget"])
            store.update(record)


def measure_plan(root: Path, folder: Path) -> None:
    database = folder / "sandbox.db"
    config = SandboxConfig(
        db=str(database),
        clock_start="2030-01-01T00:00:00Z",
        rate_limit=0,
        processing_ms=0,
    )
    app = create_app(config)
    started = time.perf_counter()
    counts = seed(app, root)
    app.state.sandbox.close()
    print(
        f"seeded {counts[1]:,} ad sets and {counts[2]:,} ads in "
        f"{time.perf_counter() - started:.1f} s"
    )
    with _served(database) as server:
        os.environ.update(
            CAMPAIGNCTL_API_URL=f"{server}/ads/v3",
            CAMPAIGNCTL_TOKEN_URL=f"{server}/api/token",
            SPOTIFY_ADS_CLIENT_ID="sandbox-client",
            SPOTIFY_ADS_CLIENT_SECRET="sandbox-secret",
            SPOTIFY_ADS_REFRESH_TOKEN="sandbox-refresh",
        )
        before = httpx.get(f"{server}/_sandbox/stats").json()["requests_total"]
        started = time.perf_counter()
        workspace = load_workspace([root])
        loaded = time.perf_counter() - started
        api = open_api(
            sandbox=False, project_root=workspace.root, parallelism=8, out=Output()
        )
        with closing(api):
            plan = make_plan(workspace, api, parallelism=8)
        total = time.perf_counter() - started
        after = httpx.get(f"{server}/_sandbox/stats").json()
    changed = [a for a in plan.actions if a.action.value != "no-op"]
    assert not changed, (plan.counts(), changed[0])
    made = after["requests_total"] - before
    campaigns, ad_sets, ads, assets = counts
    minimum = 1 + sum(max(1, math.ceil(n / 50)) for n in counts)
    print(
        f"plan {ad_sets:,} unchanged ad sets ({ads:,} ads) over HTTP: {total:.2f} s "
        f"({loaded:.2f} s loading manifests, {total - loaded:.2f} s reading the "
        f"account and planning), {made} requests; minimum 1 + ⌈{campaigns}/50⌉ + "
        f"⌈{ad_sets}/50⌉ + ⌈{ads}/50⌉ + ⌈{assets}/50⌉ = {minimum}"
    )
    print(f"  by operation: {after['requests']}")


@contextmanager
def _served(database: Path) -> Iterator[str]:
    """``campaignctl sandbox serve`` in its own process (the client runs here)."""
    command = [sys.executable, "-m", "campaignctl", "sandbox", "serve", "--port", "0"]
    command += ["--db", str(database), "--rate-limit", "0"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
        found = re.search(r"listening on (http://\S+)", first)
        assert found, first
        yield found.group(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--skip-plan", action="store_true")
    args = parser.parse_args()
    print(f"CPUs: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        write_project(root, args.rows)
        measure_validate(root, args.repeat, args.profile)
        if not args.skip_plan:
            measure_plan(root, Path(folder))


if __name__ == "__main__":
    main()
