"""Measuring against a served sandbox: plain-httpx baselines, child processes, py-spy.

* ``fetch_pages``: the page-fetch floor, the minimum list pages fetched
  concurrently with plain httpx (same URLs and parallelism as a plan, bodies
  read but not parsed).
* ``fetch_each``: the per-object refresh, one GET per object (as Terraform
  providers refresh), same client and parallelism.
* ``run_child``: a command in its own process and its wall time, optionally
  under ``py-spy record``.
* ``summarise_profile``: the hottest frames of a py-spy raw (collapsed) file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from _seed import ACCOUNT, LISTINGS, PAGE, Seeded

SWEEP = {"sort_field": "CREATED_AT", "sort_direction": "ASC", "limit": PAGE}
Request = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Fetched:
    seconds: float
    requests: int
    megabytes: float


def list_requests(seeded: Seeded) -> list[Request]:
    """The minimum requests that read an account: the account, then list pages."""
    base = f"/ads/v3/ad_accounts/{ACCOUNT}"
    wanted: list[Request] = [(base, {})]
    for listing in LISTINGS:
        for offset in range(0, max(1, seeded.count(listing)), PAGE):
            wanted.append((f"{base}/{listing}", {**SWEEP, "offset": offset}))
    return wanted


def object_requests(seeded: Seeded) -> list[Request]:
    """One GET per object of the account."""
    base = f"/ads/v3/ad_accounts/{ACCOUNT}"
    return [
        (f"{base}/{listing}/{object_id}", {})
        for listing in LISTINGS
        for object_id in seeded.ids[listing]
    ]


def fetch_pages(server: str, seeded: Seeded, *, parallelism: int) -> Fetched:
    return fetch_all(server, list_requests(seeded), parallelism=parallelism)


def fetch_each(server: str, seeded: Seeded, *, parallelism: int) -> Fetched:
    return fetch_all(server, object_requests(seeded), parallelism=parallelism)


def fetch_all(server: str, wanted: Sequence[Request], *, parallelism: int) -> Fetched:
    """GET every request on ``parallelism`` threads sharing one httpx client."""
    with httpx.Client(base_url=server, timeout=60) as http:
        http.headers["Authorization"] = f"Bearer {_token(http)}"

        def get(request: Request) -> int:
            reply = http.get(request[0], params=request[1])
            if reply.status_code != 200:
                raise RuntimeError(f"GET {request[0]} → {reply.status_code}")
            return len(reply.content)

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=parallelism) as pool:
            sizes = list(pool.map(get, wanted))
        seconds = time.perf_counter() - started
    return Fetched(seconds, len(wanted), sum(sizes) / 1e6)


def _token(http: httpx.Client) -> str:
    reply = http.post(
        "/api/token",
        data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
        auth=("sandbox-client", "sandbox-secret"),
    )
    return str(reply.json()["access_token"])


def server_stats(server: str) -> dict[str, Any]:
    stats: dict[str, Any] = httpx.get(f"{server}/_sandbox/stats").json()
    return stats


def requests_during(server: str, action: Callable[[], Any]) -> tuple[Any, int]:
    """``action()``'s result and the API requests the server counted meanwhile."""
    before = server_stats(server)["requests_total"]
    result = action()
    return result, server_stats(server)["requests_total"] - before


# -- child processes --------------------------------------------------------------
@dataclass(frozen=True)
class Child:
    code: int
    seconds: float
    stdout: str
    stderr: str


def run_child(
    command: Sequence[str],
    *,
    env: dict[str, str],
    cwd: Path | None = None,
    profile: Path | None = None,
) -> Child:
    """Run ``command``; with ``profile``, under ``py-spy record`` (raw stacks)."""
    if profile is not None:
        command = [*py_spy(profile), "--subprocesses", "--", *command]
    started = time.perf_counter()
    done = subprocess.run(
        command, env={**os.environ, **env}, cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    return Child(done.returncode, seconds, done.stdout, done.stderr)


def py_spy(output: Path) -> list[str]:
    found = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    return [
        found,
        "record",
        "--gil",
        "--format",
        "raw",
        "--rate",
        "200",
        "-o",
        str(output),
    ]


def profile_pid(pid: int, output: Path, seconds: float) -> subprocess.Popen[bytes]:
    """Sample a running process (the sandbox server) for ``seconds``."""
    command = [*py_spy(output), "--pid", str(pid), "--duration", str(int(seconds))]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def summarise_profile(raw: Path, *, top: int = 12, only: str = "") -> str:
    """Own and inclusive sample shares of the hottest frames (py-spy raw format)."""
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or (only and only not in stack):
            continue
        samples = int(count)
        total += samples
        frames = [_short(frame) for frame in stack.split(";")]
        own[frames[-1]] += samples
        for frame in set(frames):
            inclusive[frame] += samples
    if not total:
        return "  (no samples)"
    lines = [f"  {total} samples; own time:"]
    lines += [f"    {n / total:6.1%}  {f}" for f, n in own.most_common(top)]
    lines.append("  inclusive (campaignctl frames):")
    ours = [(f, n) for f, n in inclusive.most_common() if "campaignctl/" in f]
    lines += [f"    {n / total:6.1%}  {f}" for f, n in ours[:top]]
    return "\n".join(lines)


def _short(frame: str) -> str:
    """``name (path/to/module.py:12)`` → ``name (module.py)``, campaignctl kept."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    if "campaignctl/" in path:
        path = "campaignctl/" + path.split("campaignctl/")[-1]
    else:
        path = Path(path).name
    return f"{name} ({path})"


def time_inspections(root: Path, repeat: int) -> tuple[list[float], Any]:
    """Seconds of ``repeat`` loads (render + validate) of ``root``, and the last
    workspace; fails loudly when the project does not validate."""
    from campaignctl.manifest import inspect_workspace

    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        inspection = inspect_workspace([root])
        timings.append(time.perf_counter() - started)
        assert inspection.workspace is not None, inspection.diagnostics[:3]
    return timings, inspection.workspace
