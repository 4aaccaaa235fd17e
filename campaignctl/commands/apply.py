"""`campaignctl apply`: plan, confirm, then execute the plan."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.apply.executor import apply_plan
from campaignctl.apply.operations import plan_operations
from campaignctl.apply.render import render_result
from campaignctl.commands.planning import load_manifests, make_plan, render_plan
from campaignctl.errors import ConfigError
from campaignctl.output import Output
from campaignctl.plan.model import Plan
from campaignctl.progress import ApplyProgress
from campaignctl.provider.base import AdsApi
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
) -> int:
    if len(paths) == 1 and paths[0].is_file() and paths[0].suffix == ".json":
        raise ConfigError(
            f"{paths[0]}: applying saved plan files is not supported yet",
            hint="apply the manifests instead: campaignctl apply PATH --auto-approve",
        )
    workspace = load_manifests(paths, out=out)
    if not auto_approve and not out.interactive:
        raise ConfigError(
            "refusing to apply without confirmation: standard input is not a terminal",
            hint="review the plan, then run again with --auto-approve (as CI does)",
        )
    with closing(
        open_api(
            sandbox=sandbox,
            project_root=workspace.root,
            parallelism=parallelism,
            out=out,
        )
    ) as api:
        plan = make_plan(workspace, api, parallelism=parallelism)
        out.document(render_plan(plan, fmt=fmt, color=out.color))
        if not plan.has_changes:
            return 0
        if not auto_approve and not out.confirm(CONFIRM):
            out.info("Apply cancelled; nothing was changed.")
            return 1
        return _execute(
            plan, api, root=workspace.root, out=out, parallelism=parallelism
        )


def _execute(
    plan: Plan, api: AdsApi, *, root: Path, out: Output, parallelism: int
) -> int:
    total = len(plan_operations(plan))
    with ApplyProgress(out, total=total) as progress:
        result = apply_plan(
            plan, api, root=root, parallelism=parallelism, events=progress
        )
    list_done = out.verbosity > 0 or not progress.streamed
    out.info(render_result(result, color=out.err_color, list_done=list_done))
    if result.interrupted:
        return 130
    return 0 if result.ok else 1
