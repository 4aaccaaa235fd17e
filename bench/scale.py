"""Performance at scale, side by side (printed figures, not timed tests).

    .venv/bin/python bench/scale.py [--sizes 1,3,10] [--base 100] [--quick]
                                    [--apply-creates 1000] [--profile DIR]
                                    [--baseline DIR] [--skip-per-object]

For each size (a multiple of a base of 100 campaigns x 10 ad sets x 2 ads;
10x = 1,000 campaigns / 10,000 ad sets / 20,000 ads), a project of plain
manifests and a sandbox database that already holds exactly those objects
(seeded in bulk, straight into SQLite), served over HTTP on loopback by
``campaignctl sandbox serve`` in its own process, unthrottled. Then:

* floor: the minimum requests (the account, then every list page of 50)
  fetched with plain httpx on 8 threads, bodies read, not parsed;
* plan: in a child process, the steps of ``campaignctl plan`` (load and
  validate manifests, read the account, plan, render), timed one by one;
  requests counted by the server; peak RSS (the child's VmHWM);
* per-object: one GET per object, as Terraform providers refresh, same
  client and threads as the floor; and what Spotify's 50 requests/s makes of
  that many requests.

Then an apply of 1,000 creates against a sandbox at its default rate limit
(50/s: 1,500 requests in any 30 s), the real CLI in a child process; then
render + validate of a 10,000-row rollout. ``--profile DIR`` samples the
largest plan, the server while it serves it, and the apply with py-spy.
``--baseline DIR`` plans each size again with the campaignctl package in DIR
(its server too), for before/after figures in one run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _measure import (
    Fetched,
    fetch_each,
    fetch_pages,
    profile_pid,
    run_child,
    server_stats,
    summarise_profile,
    time_inspections,
)
from _seed import (
    Seeded,
    Served,
    api_env,
    seed_database,
    served,
    write_account_project,
    write_rollout_project,
)

SPOTIFY_RPS = 50  # 1,500 requests per 30 s
CHILD = Path(__file__).with_name("_plan_child.py")
PARALLELISM = 8  # campaignctl's default --parallelism


# -- one size -------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    multiple: int
    seeded: Seeded
    seed_s: float
    floor: Fetched
    plan: dict[str, float]
    plan_process_s: float
    requests: int
    peak_rss_mb: float
    per_object: Fetched | None
    baseline: Baseline | None = None

    @property
    def objects(self) -> int:
        return sum(len(ids) for ids in self.seeded.ids.values())


def measure_size(
    multiple: int, base: int, folder: Path, args: argparse.Namespace
) -> Row:
    root = folder / f"x{multiple}"
    write_account_project(root, campaigns=base * multiple)
    started = time.perf_counter()
    seeded = seed_database(folder / f"x{multiple}.db", root)
    seed_s = time.perf_counter() - started
    with served(folder / f"x{multiple}.db", latency_ms=args.latency_ms) as server:
        fetch_pages(server.url, seeded, parallelism=PARALLELISM)  # warm the server
        floor = min(
            (
                fetch_pages(server.url, seeded, parallelism=PARALLELISM)
                for _ in range(2)
            ),
            key=lambda f: f.seconds,
        )
        before = server_stats(server.url)["requests_total"]
        child = run_child(
            [sys.executable, str(CHILD), str(root)], env=api_env(server.url)
        )
        requests = server_stats(server.url)["requests_total"] - before
        if child.code != 0:
            raise SystemExit(f"plan child failed:\n{child.stderr}")
        plan = json.loads(child.stdout.splitlines()[-1])
        assert plan["changes"] == 0, f"the seeded account must plan no changes: {plan}"
        per_object = None
        if not args.skip_per_object:
            per_object = fetch_each(server.url, seeded, parallelism=PARALLELISM)
        if args.profile and multiple == max(args.sizes):
            profile_plan(root, server, args.profile, multiple)
    baseline = None
    if args.baseline:
        baseline = measure_baseline(folder / f"x{multiple}.db", root, seeded, args)
    return Row(
        multiple,
        seeded,
        seed_s,
        floor,
        plan,
        child.seconds,
        requests,
        plan["peak_rss"],
        per_object,
        baseline,
    )


@dataclass(frozen=True)
class Baseline:
    floor: Fetched
    plan: dict[str, float]
    requests: int


def measure_baseline(
    database: Path, root: Path, seeded: Seeded, args: argparse.Namespace
) -> Baseline:
    """The same floor and plan with the code in ``--baseline`` (server too)."""
    code = args.baseline.resolve()
    with served(database, code=code) as server:
        fetch_pages(server.url, seeded, parallelism=PARALLELISM)  # warm the server
        floor = fetch_pages(server.url, seeded, parallelism=PARALLELISM)
        before = server_stats(server.url)["requests_total"]
        env = {**api_env(server.url), "PYTHONPATH": str(code)}
        child = run_child([sys.executable, str(CHILD), str(root)], env=env)
        requests = server_stats(server.url)["requests_total"] - before
    if child.code != 0:
        raise SystemExit(f"baseline plan failed:\n{child.stderr}")
    return Baseline(floor, json.loads(child.stdout.splitlines()[-1]), requests)


def profile_plan(root: Path, server: Served, out: Path, n: int) -> None:
    """py-spy the plan child and, meanwhile, the server."""
    url, pid = server.url, server.pid
    out.mkdir(parents=True, exist_ok=True)
    server_raw = out / f"server-plan-{n}x.txt"
    watcher = profile_pid(pid, server_raw, seconds=20)
    time.sleep(1)  # let py-spy attach before the plan starts
    client_raw = out / f"plan-{n}x.txt"
    run_child(
        [sys.executable, str(CHILD), str(root)],
        env=api_env(url),
        profile=client_raw,
    )
    watcher.wait()
    print(f"\nprofile of plan at {n}x (client, {client_raw}):")
    print(summarise_profile(client_raw))
    print(f"profile of the sandbox server meanwhile ({server_raw}):")
    print(summarise_profile(server_raw, only="campaignctl"))


# -- printing ------------------------------------------------------------------------
COLUMNS = (  # header, width
    ("size", 4),
    ("campaigns", 9),
    ("ad sets", 7),
    ("ads", 6),
    ("floor", 6),
    ("plan", 6),
    ("manifests", 9),
    ("read", 6),
    ("planning", 8),
    ("plan/floor", 10),
    ("read/floor", 10),
    ("requests = min", 14),
    ("peak RSS", 8),
    ("per-object", 10),
    ("/plan", 6),
    ("/read", 6),
    ("at 50/s", 8),
)


def table_row(r: Row) -> list[str]:
    p, floor, each = r.plan, r.floor.seconds, r.per_object
    minimum = r.seeded.minimum_requests()
    mark = "" if r.requests == minimum else " (!)"
    requests = (each.requests if each else r.objects) / SPOTIFY_RPS
    return [
        f"{r.multiple}x",
        f"{r.seeded.count('campaigns'):,}",
        f"{r.seeded.count('ad_sets'):,}",
        f"{r.seeded.count('ads'):,}",
        f"{floor:.2f}s",
        f"{p['total']:.2f}s",
        f"{p['manifests']:.2f}s",
        f"{p['read']:.2f}s",
        f"{p['plan']:.2f}s",
        f"{p['total'] / floor:.1f}x",
        f"{p['read'] / floor:.1f}x",
        f"{r.requests:,} = {minimum:,}{mark}",
        f"{r.peak_rss_mb:.0f} MB",
        f"{each.seconds:.1f}s" if each else "-",
        f"{each.seconds / p['total']:.1f}x" if each else "-",
        f"{each.seconds / p['read']:.0f}x" if each else "-",
        f"{requests / 60:.1f}min",
    ]


def print_table(rows: Sequence[Row]) -> None:
    line = " | ".join(f"{h:>{w}}" for h, w in COLUMNS)
    print("\n" + line + "\n" + "-" * len(line))
    for r in rows:
        cells = zip(table_row(r), COLUMNS, strict=True)
        print(" | ".join(f"{c:>{w}}" for c, (_, w) in cells))
    starts = ", ".join(f"{r.plan_process_s:.2f} s" for r in rows)
    print(
        "floor: the minimum requests fetched with plain httpx, 8 threads, bodies "
        "not parsed. plan = manifests (load + validate) + read (the account's "
        "list pages, parsed) + planning + render, in a child process after its "
        f"imports (the whole process, interpreter start included: {starts}). "
        "requests: counted by the server; min = 1 + C/50 + S/50 + A/50 + assets/50, "
        "each rounded up. per-object: one GET per object, measured unthrottled; "
        "/plan and /read: how many times longer it took than the plan and than "
        "its read. at 50/s: how long Spotify's 50 requests/s makes those GETs."
    )
    for r in rows:
        print(
            f"  {r.multiple}x: seeded {r.objects:,} objects in {r.seed_s:.1f} s; "
            f"min {r.seeded.formula()}; plan per 1,000 objects "
            f"{r.plan['total'] / r.objects * 1000:.3f} s; peak RSS after manifests "
            f"{r.plan['rss_after_manifests']:.0f} MB; planning CPU "
            f"{r.plan['plan_cpu']:.2f} s; floor {r.floor.megabytes:.1f} MB of JSON"
        )


def print_baseline(rows: Sequence[Row], code: Path) -> None:
    print(f"\nbefore (the code in {code}) -> after (this checkout), same account:")
    for r in rows:
        b = r.baseline
        if b is None:
            continue
        old, new = b.plan, r.plan
        print(
            f"  {r.multiple}x: plan {old['total']:.2f} -> {new['total']:.2f} s "
            f"(manifests {old['manifests']:.2f} -> {new['manifests']:.2f} s, read + "
            f"planning {old['read'] + old['plan']:.2f} -> "
            f"{new['read'] + new['plan']:.2f} s); requests {b.requests:,} -> "
            f"{r.requests:,} (min {r.seeded.minimum_requests():,}); peak RSS "
            f"{old['peak_rss']:.0f} -> {new['peak_rss']:.0f} MB; floor "
            f"{b.floor.seconds:.2f} -> {r.floor.seconds:.2f} s"
        )


# -- apply at the rate limit ---------------------------------------------------------
def measure_apply(folder: Path, creates: int, profile: Path | None) -> None:
    per_campaign = 1 + 8 + 16  # a campaign, 8 ad sets, 2 ads each
    campaigns = math.ceil(creates / per_campaign)
    root = folder / "apply"
    write_account_project(root, campaigns=campaigns, ad_sets=8, ads=2, tag="Apply ")
    with served(folder / "apply.db", rate_limit=SPOTIFY_RPS) as server:
        command = [sys.executable, "-m", "campaignctl", "-v", "apply", str(root)]
        command.append("--auto-approve")
        raw = profile / "apply.txt" if profile else None
        child = run_child(command, env=api_env(server.url), profile=raw)
        stats = server_stats(server.url)
    sent_429 = stats["faults"].get("rate_limited", 0)
    absorbed = len(re.findall(r"after 429", child.stderr))
    user_429 = len(re.findall(r"^error.*429", child.stderr, flags=re.MULTILINE))
    made = campaigns * per_campaign
    print(
        f"\napply of {made:,} creates ({campaigns} campaigns, "
        f"{campaigns * 8:,} ad sets, {campaigns * 16:,} ads, + 3 assets) "
        "against the sandbox at its default "
        f"rate limit ({SPOTIFY_RPS}/s = 1,500 per 30 s): exit {child.code}, "
        f"{stats['requests_total']:,} requests in {child.seconds:.1f} s "
        f"(whole command, interpreter start included) = "
        f"{stats['requests_total'] / child.seconds:.1f} requests/s; 429s: "
        f"{sent_429} sent by the server, {absorbed} absorbed by the client, "
        f"{user_429} reaching the user"
    )
    if child.code != 0:
        print(child.stderr[-3000:])
    if raw is not None:
        print(f"profile of apply ({raw}):")
        print(summarise_profile(raw))


# -- render + validate ---------------------------------------------------------------
def measure_validate(folder: Path, rows: int, repeat: int) -> None:
    root = folder / "rollout"
    write_rollout_project(root, rows)
    timings = time_inspections(root, repeat)[0]
    print(
        f"render + validate a rollout of {rows:,} rows → {rows:,} ad sets + "
        f"{rows:,} ads: best {min(timings):.2f} s of "
        f"{', '.join(f'{t:.2f}' for t in timings)}"
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1,3,10", help="multiples of the base")
    parser.add_argument("--base", type=int, default=100, help="campaigns at 1x")
    parser.add_argument(
        "--quick", action="store_true", help="sizes up to 3x, one validate run (25 s)"
    )
    parser.add_argument("--apply-creates", type=int, default=1000)
    parser.add_argument("--rollout-rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-per-object", action="store_true")
    parser.add_argument(
        "--latency-ms",
        type=int,
        default=0,
        help="added to every API call of the plan sandbox, like a far-away API "
        "(e.g. 100; combine with --skip-per-object and --skip-apply)",
    )
    parser.add_argument("--skip-apply", action="store_true")
    parser.add_argument("--profile", type=Path, help="write py-spy samples here")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="also plan with the campaignctl package in this directory (server "
        "too), e.g. from `git archive HEAD | tar -x -C DIR`: before/after figures",
    )
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",")]
    if args.quick:
        args.sizes = [s for s in args.sizes if s <= 3] or [1]
        args.repeat = 1
    return args


def main() -> None:
    args = parse_args()
    print(f"CPUs: {os.cpu_count()}; parallelism {PARALLELISM}; sizes {args.sizes}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows = []
        for multiple in args.sizes:
            rows.append(measure_size(multiple, args.base, folder, args))
            print(f"  measured {multiple}x", file=sys.stderr)
        print_table(rows)
        if args.baseline:
            print_baseline(rows, args.baseline)
        if not args.skip_apply:
            measure_apply(folder, args.apply_creates, args.profile)
        measure_validate(folder, args.rollout_rows, args.repeat)
        largest = rows[-1]
        print(
            f"plan CPU for {largest.objects:,} unchanged objects ({largest.multiple}x, "
            f"the planning step on the live state already read): "
            f"{largest.plan['plan_cpu']:.2f} s CPU, {largest.plan['plan']:.2f} s wall"
        )


if __name__ == "__main__":
    main()
