"""`campaignctl apply`: plan, confirm, execute -- or apply a saved plan exactly."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.commands.apply_saved import (
    apply_saved,
    is_plan_file,
    refuse_live_writes,
)
from campaignctl.commands.drafting import discard_all
from campaignctl.commands.execute import execute, finish_converged, report_interrupted
from campaignctl.commands.plan import policy_error, remote_validation_error
from campaignctl.commands.planning import (
    EVERYTHING,
    PlanOptions,
    Remote,
    Selectors,
    ask_the_api,
    load_manifests,
    make_plan,
    own_principal,
    render_plan,
)
from campaignctl.errors import ConfigError
from campaignctl.output import Output
from campaignctl.plan.model import Plan
from campaignctl.provider.connection import open_api

CONFIRM = "Apply these changes? Only 'yes' is accepted: "


def run(
    paths: Sequence[Path],
    *,
    out: Output,
    sandbox: bool,
    auto_approve: bool,
    parallelism: int,
    fmt: str,
    selectors: Selectors = EVERYTHING,
    via_drafts: bool = False,
) -> int:
    if is_plan_file(paths):
        if selectors.only or selectors.exclude:
            raise ConfigError(
                "--only / --except choose what to plan; a saved plan is applied "
                "exactly as it was reviewed",
                hint="make the plan with --only / --except, then apply that file",
            )
        return apply_saved(
            paths[0],
            out=out,
            sandbox=sandbox,
            parallelism=parallelism,
            fmt=fmt,
            via_drafts=via_drafts,
        )
    workspace = load_manifests(paths, out=out)
    if not auto_approve and not out.interactive:
        raise ConfigError(
            "refusing to apply without confirmation: standard input is not a terminal",
            hint="review the plan, then run again with --auto-approve (as CI does)",
        )
    report_interrupted(workspace.root, out=out)
    with closing(
        open_api(
            sandbox=sandbox,
            project_root=workspace.root,
            parallelism=parallelism,
            out=out,
        )
    ) as api:
        options = PlanOptions(selectors, paths, own_principal(sandbox=sandbox))
        plan = make_plan(workspace, api, parallelism=parallelism, options=options)
        if via_drafts:
            staging = Remote(validate=True, keep_drafts=True)
            plan = ask_the_api(plan, workspace, api, remote=staging, sandbox=sandbox)
        verbose = out.verbosity > 0
        out.document(render_plan(plan, fmt=fmt, color=out.color, verbose=verbose))
        try:
            proceed = _confirmed(plan, workspace.root, out, auto_approve=auto_approve)
            if proceed and via_drafts:
                refuse_live_writes(plan, "this plan")
        except BaseException:
            discard_all(api, plan.drafts, workspace.root)
            raise
        if not proceed:
            discard_all(api, plan.drafts, workspace.root)
            return 0 if not plan.has_changes else 1
        return execute(
            plan,
            api,
            root=workspace.root,
            out=out,
            parallelism=parallelism,
            via_drafts=via_drafts,
        )


def _confirmed(plan: Plan, root: Path, out: Output, *, auto_approve: bool) -> bool:
    """Whether to go on: refuses blocked or invalid plans, asks unless approved."""
    if plan.violations:
        raise policy_error(plan)
    if plan.validation is not None and plan.validation.problems:
        raise remote_validation_error(plan)
    if not plan.has_changes:
        finish_converged(root)
        return False
    if not auto_approve and not out.confirm(CONFIRM):
        out.info("Apply cancelled; nothing was changed.")
        return False
    return True
