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
import cProfile
import os
import pstats
import tempfile
import time
from contextlib import closing
from pathlib import Path

import httpx
from _measure import time_inspections
from _seed import api_env, seed_database, served, write_rollout_project

from campaignctl.commands.planning import make_plan
from campaignctl.manifest import inspect_workspace, load_workspace
from campaignctl.output import Output
from campaignctl.provider.connection import open_api


# -- 1. render + validate --------------------------------------------------------------
def measure_validate(root: Path, repeat: int, profile: bool) -> None:
    timings, workspace = time_inspections(root, repeat)
    desired = workspace.desired
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
def measure_plan(root: Path, folder: Path) -> None:
    database = folder / "sandbox.db"
    started = time.perf_counter()
    seeded = seed_database(database, root)
    print(
        f"seeded {seeded.count('ad_sets'):,} ad sets and {seeded.count('ads'):,} ads "
        f"in {time.perf_counter() - started:.1f} s"
    )
    with served(database) as server:
        os.environ.update(api_env(server.url))
        stats = f"{server.url}/_sandbox/stats"
        before = httpx.get(stats).json()["requests_total"]
        started = time.perf_counter()
        workspace = load_workspace([root])
        loaded = time.perf_counter() - started
        api = open_api(
            sandbox=False, project_root=workspace.root, parallelism=8, out=Output()
        )
        with closing(api):
            plan = make_plan(workspace, api, parallelism=8)
        total = time.perf_counter() - started
        after = httpx.get(stats).json()
    changed = [a for a in plan.actions if a.action.value != "no-op"]
    assert not changed, (plan.counts(), changed[0])
    made = after["requests_total"] - before
    print(
        f"plan {seeded.count('ad_sets'):,} unchanged ad sets "
        f"({seeded.count('ads'):,} ads) over HTTP: {total:.2f} s "
        f"({loaded:.2f} s loading manifests, {total - loaded:.2f} s reading the "
        f"account and planning), {made} requests; minimum {seeded.formula()}"
    )
    print(f"  by operation: {after['requests']}")


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
        write_rollout_project(root, args.rows)
        measure_validate(root, args.repeat, args.profile)
        if not args.skip_plan:
            measure_plan(root, Path(folder))


if __name__ == "__main__":
    main()
