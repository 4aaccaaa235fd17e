"""`campaignctl apply`: plan, confirm, execute -- or apply a saved plan exactly."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.commands.apply_saved import apply_saved, is_plan_file
from campaignctl.commands.execute import execute, finish_converged, report_interrupted
from campaignctl.commands.plan import policy_error
from campaignctl.commands.planning import (
    EVERYTHING,
    Selectors,
    load_manifests,
    make_plan,
    own_principal,
    render_plan,
)
from campaignctl.errors import ConfigError
from campaignctl.output import Output
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
) -> int:
    if is_plan_file(paths):
        if selectors.only or selectors.exclude:
            raise ConfigError(
                "--only / --except choose what to plan; a saved plan is applied "
                "exactly as it was reviewed",
                hint="make the plan with --only / --except, then apply that file",
            )
        return apply_saved(
            paths[0], out=out, sandbox=sandbox, parallelism=parallelism, fmt=fmt
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
        plan = make_plan(
            workspace,
            api,
            parallelism=parallelism,
            selectors=selectors,
            paths=paths,
            own_principal=own_principal(sandbox=sandbox),
        )
        verbose = out.verbosity > 0
        out.document(render_plan(plan, fmt=fmt, color=out.color, verbose=verbose))
        if plan.violations:
            raise policy_error(plan)
        if not plan.has_changes:
            finish_converged(workspace.root)
            return 0
        if not auto_approve and not out.confirm(CONFIRM):
            out.info("Apply cancelled; nothing was changed.")
            return 1
        return execute(plan, api, root=workspace.root, out=out, parallelism=parallelism)
