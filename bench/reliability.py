"""Reliability under faults: how many applies it takes to converge, and what survives.

For each fault profile a fresh sandbox is served over HTTP on loopback and
``examples/rollout`` (52 ad sets, 104 ads, 11 creative files) is applied
until a plan shows no changes (at most 5 runs). Then every live object is
checked: each must exist exactly once under its parent. A last scenario kills
``campaignctl apply`` with SIGKILL at seeded exact moments (before or after a
write is committed) on ``examples/quickstart`` and reruns it.

    .venv/bin/python bench/reliability.py            # the table in the README
"""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import httpx

from campaignctl.cli import main
from campaignctl.manifest import load_workspace
from campaignctl.output import Output
from campaignctl.provider.connection import open_api
from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    DEFAULT_ACCOUNT_ID,
    REFRESH_TOKEN,
    SandboxConfig,
    create_app,
)
from campaignctl.sandbox.chaos import ClientKiller
from campaignctl.sandbox.server import running

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MAX_RUNS = 5
KILLS = 20
PROFILES: list[tuple[str, dict[str, Any]]] = [
    ("5xx before acting, 20 %", {"fail_rate": 0.2}),
    ("committed, then 5xx or cut, 20 %", {"ambiguous_rate": 0.2}),
    ("rate limit 10 requests/s", {"rate_limit": 10}),
    ("tokens expire every 2 s", {"token_ttl": 2}),
    ("latency 50 ms", {"latency_ms": 50}),
    (
        "all at once (the CI fault matrix)",
        {
            "fail_rate": 0.2,
            "ambiguous_rate": 0.05,
            "rate_limit": 10,
            "latency_ms": 5,
            "token_ttl": 2,
        },
    ),
]


def env_for(root: str) -> dict[str, str]:
    return {
        "CAMPAIGNCTL_API_URL": f"{root}/ads/v3",
        "CAMPAIGNCTL_TOKEN_URL": f"{root}/api/token",
        "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
        "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
        "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
        "NO_COLOR": "1",
    }


def quiet(*args: str) -> int:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return main(list(args))


def check_objects(root: str, project: Path) -> tuple[int, int, int]:
    """(objects checked, duplicates, missing) by identity: name under parent."""
    environ = env_for(root)
    out = Output(stdout=io.StringIO(), stderr=io.StringIO())
    with open_api(
        sandbox=False, project_root=project, parallelism=4, out=out, environ=environ
    ) as api:
        live = [
            *api.list_campaigns(DEFAULT_ACCOUNT_ID),
            *api.list_ad_sets(DEFAULT_ACCOUNT_ID),
            *api.list_ads(DEFAULT_ACCOUNT_ID),
        ]
    names = {str(item["id"]): str(item["name"]) for item in live}
    found = Counter(
        (names.get(str(item.get("ad_set_id", item.get("campaign_id")))), item["name"])
        for item in live
        if "(replaced " not in str(item["name"])
    )
    expected: Counter[tuple[str | None, str]] = Counter()
    for campaign in load_workspace([project]).desired.campaigns:
        expected[None, campaign.name] += 1
        for ad_set in campaign.ad_sets:
            expected[campaign.name, ad_set.name] += 1
            expected.update((ad_set.name, ad.name) for ad in ad_set.ads)
    duplicates = sum(n - 1 for n in found.values() if n > 1)
    missing = sum((expected - found).values())
    return sum(expected.values()), duplicates, missing


def faults(root: str) -> int:
    stats = httpx.get(f"{root}/_sandbox/stats").json()
    return int(sum(stats.get("faults", {}).values()))


def converge(project: Path) -> int:
    """Apply until plan is empty; the number of applies it took."""
    for run in range(1, MAX_RUNS + 1):
        quiet("apply", str(project), "--auto-approve")
        if quiet("plan", str(project), "--detailed-exitcode") == 0:
            return run
    return MAX_RUNS + 1


def profile_row(name: str, options: dict[str, Any], work: Path) -> list[str]:
    project = work / "rollout"
    shutil.copytree(EXAMPLES / "rollout", project, ignore=shutil.ignore_patterns(".*"))
    app = create_app(SandboxConfig(processing_ms=50, seed=7, **options))
    started = time.perf_counter()
    with running(app) as root:
        os.environ.update(env_for(root))
        runs = converge(project)
        checked, duplicates, missing = check_objects(root, project)
        injected = faults(root)
    app.state.sandbox.close()
    shutil.rmtree(project)
    runs_text = str(runs) if runs <= MAX_RUNS else f"> {MAX_RUNS}"
    seconds = f"{time.perf_counter() - started:.1f} s"
    return [
        name,
        str(injected),
        runs_text,
        str(checked),
        str(duplicates),
        str(missing),
        seconds,
    ]


def crash_row(work: Path) -> list[str]:
    totals = Counter[str]()
    started = time.perf_counter()
    for seed in range(KILLS):
        rng = random.Random(seed)
        project = work / f"quickstart-{seed}"
        shutil.copytree(
            EXAMPLES / "quickstart", project, ignore=shutil.ignore_patterns(".*")
        )
        app = create_app(SandboxConfig(rate_limit=0, processing_ms=0, seed=seed))
        killer = ClientKiller(
            app, at=rng.randint(1, 16), after_commit=rng.random() < 0.5
        )
        with running(killer) as root:  # type: ignore[arg-type]
            os.environ.update(env_for(root))
            command = [
                sys.executable,
                "-m",
                "campaignctl",
                "apply",
                str(project),
                "--auto-approve",
            ]
            doomed = subprocess.Popen(
                command,
                env=os.environ.copy(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            killer.victim = doomed.pid
            totals["killed"] += doomed.wait() == -signal.SIGKILL
            killer.at = 0
            totals["runs"] += converge(project)
            checked, duplicates, missing = check_objects(root, project)
        totals.update(
            {"checked": checked, "duplicates": duplicates, "missing": missing}
        )
        app.state.sandbox.close()
    seconds = f"{time.perf_counter() - started:.1f} s"
    return [
        f"kill -9 at {KILLS} exact moments (quickstart)",
        f"{totals['killed']} kills",
        f"{totals['runs'] / KILLS:.1f} after the kill",
        str(totals["checked"]),
        str(totals["duplicates"]),
        str(totals["missing"]),
        seconds,
    ]


def main_bench() -> None:
    head = [
        "scenario",
        "faults injected",
        "applies to converge",
        "objects checked",
        "duplicates",
        "missing",
        "wall time",
    ]
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        for name, options in PROFILES:
            rows.append(profile_row(name, options, work))
            print(" | ".join(rows[-1]), file=sys.stderr)
        rows.append(crash_row(work))
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main_bench()
