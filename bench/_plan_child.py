"""``campaignctl plan``'s steps, timed, in a process of their own (see scale.py).

    python bench/_plan_child.py PROJECT_DIR   (CAMPAIGNCTL_API_URL etc. set)

Prints one JSON line: seconds per step (manifests, read, plan, render), the
planning step's CPU time, requests the client sent, objects planned, changes
(0 for a converged account) and peak RSS. Imports nothing from bench/, so that
``PYTHONPATH=OTHER_CHECKOUT`` measures that code (``scale.py --baseline``);
code without ``review_live`` is timed as one read-and-plan step.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

PARALLELISM = 8  # campaignctl's default --parallelism


def peak_rss_mb() -> float:
    """This process's peak RSS: ``VmHWM``, the high-water mark of its memory.

    Not ``os.wait4``'s ``ru_maxrss`` in the parent: on Linux that counts the
    parent's own RSS at spawn time (measured: a child peaking at 9 MB reported
    523 MB under a 500 MB parent), and the benchmark's parent holds a seeded
    account.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(root: Path) -> dict[str, Any]:
    from campaignctl.commands import planning
    from campaignctl.output import Output
    from campaignctl.provider.connection import open_api

    out = Output(stdout=io.StringIO())
    marks = [time.perf_counter()]
    workspace = planning.load_manifests([root], out=out)
    marks.append(time.perf_counter())
    rss_loaded = peak_rss_mb()
    api = open_api(
        sandbox=False, project_root=workspace.root, parallelism=PARALLELISM, out=out
    )
    with closing(api):
        if hasattr(planning, "review_live"):
            live = planning.read_live(workspace, api, parallelism=PARALLELISM)
            marks.append(time.perf_counter())
            cpu = time.process_time()
            options = planning.PlanOptions(paths=[root])
            plan = planning.review_live(workspace, live, api, options=options).plan
        else:  # older code: reading and planning in one step
            cpu = time.process_time()
            plan = planning.make_plan(workspace, api, parallelism=PARALLELISM)
            marks.append(marks[-1])
        marks.append(time.perf_counter())
        plan_cpu = time.process_time() - cpu
        text = planning.render_plan(plan, fmt="text", color=False)
        marks.append(time.perf_counter())
        counts = api.request_counts()
    return {
        "manifests": marks[1] - marks[0],
        "read": marks[2] - marks[1],
        "plan": marks[3] - marks[2],
        "plan_cpu": plan_cpu,
        "render": marks[4] - marks[3],
        "total": marks[4] - marks[0],
        "client_requests": sum(v for k, v in counts.items() if k != "token"),
        "objects": len(plan.actions),
        "changes": sum(1 for a in plan.actions if a.action.value != "no-op"),
        "rss_after_manifests": rss_loaded,
        "peak_rss": peak_rss_mb(),
        "first_line": text.splitlines()[0] if text else "",
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
