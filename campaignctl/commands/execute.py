"""Running a plan from the command line: journal, progress, result table."""

from __future__ import annotations

from pathlib import Path

from campaignctl.apply.executor import Broadcast, apply_plan
from campaignctl.apply.journal import Journal, interrupted_runs, settle
from campaignctl.apply.operations import plan_operations
from campaignctl.apply.render import render_result
from campaignctl.output import Output
from campaignctl.plan.model import Plan
from campaignctl.progress import ApplyProgress
from campaignctl.provider.base import AdsApi


def report_interrupted(root: Path, *, out: Output) -> None:
    """Say so when an earlier apply in this project never finished."""
    for run in interrupted_runs(root):
        out.warn(run.describe())


def execute(
    plan: Plan, api: AdsApi, *, root: Path, out: Output, parallelism: int
) -> int:
    """Apply ``plan``, journaling each write; return the exit code."""
    earlier = interrupted_runs(root)
    total = len(plan_operations(plan))
    journal = Journal.create(root, total=total)
    with ApplyProgress(out, total=total) as progress:
        result = apply_plan(
            plan,
            api,
            root=root,
            parallelism=parallelism,
            events=Broadcast(progress, journal),
        )
    journal.close(result)
    settle(earlier, root)
    list_done = out.verbosity > 0 or not progress.streamed
    out.info(render_result(result, color=out.err_color, list_done=list_done))
    if result.interrupted:
        return 130
    return 0 if result.ok else 1


def finish_converged(root: Path) -> None:
    """Nothing left to apply: earlier interrupted runs are settled."""
    settle(interrupted_runs(root), root)
