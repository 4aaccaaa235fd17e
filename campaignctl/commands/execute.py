"""Running a plan from the command line: journal, progress, result table."""

from __future__ import annotations

from pathlib import Path

from campaignctl.apply.executor import Broadcast, apply_plan, operations_of
from campaignctl.apply.journal import Journal, interrupted_runs, settle
from campaignctl.apply.operations import Step
from campaignctl.apply.render import render_result
from campaignctl.apply.result import ApplyResult, Outcome
from campaignctl.commands.drafting import discard_all
from campaignctl.commands.ledger import Ledger
from campaignctl.output import Output
from campaignctl.plan.model import Plan
from campaignctl.progress import ApplyProgress
from campaignctl.provider.base import AdsApi


def report_interrupted(root: Path, *, out: Output) -> None:
    """Say so when an earlier apply in this project never finished."""
    for run in interrupted_runs(root):
        out.warn(run.describe())


def execute(
    plan: Plan,
    api: AdsApi,
    *,
    root: Path,
    out: Output,
    parallelism: int,
    via_drafts: bool = False,
) -> int:
    """Apply ``plan``, journaling each write; return the exit code.

    ``via_drafts`` publishes the plan's staged drafts; without it, drafts the
    plan kept are deleted first (they would only go stale).
    """
    if plan.drafts and not via_drafts:
        discard_all(api, plan.drafts, root)
    earlier = interrupted_runs(root)
    total = len(operations_of(plan, via_drafts=via_drafts))
    journal = Journal.create(root, total=total)
    with ApplyProgress(out, total=total) as progress:
        result = apply_plan(
            plan,
            api,
            root=root,
            parallelism=parallelism,
            events=Broadcast(progress, journal),
            via_drafts=via_drafts,
        )
    journal.close(result)
    if via_drafts:
        forget_published(result, plan, root)
    settle(earlier, root)
    list_done = out.verbosity > 0 or not progress.streamed
    out.info(render_result(result, color=out.err_color, list_done=list_done))
    if result.interrupted:
        return 130
    return 0 if result.ok else 1


def finish_converged(root: Path) -> None:
    """Nothing left to apply: earlier interrupted runs are settled."""
    settle(interrupted_runs(root), root)


def forget_published(result: ApplyResult, plan: Plan, root: Path) -> None:
    """Published hierarchies no longer have drafts to track."""
    ledger = Ledger(root)
    published = {
        r.operation.action.address
        for r in result.results
        if r.operation.step is Step.PUBLISH and r.outcome is Outcome.DONE
    }
    for draft in plan.drafts:
        if draft.campaign in published:
            ledger.forget(draft.account_id, draft.campaign)
