"""`campaignctl apply`: plan, confirm, execute -- or apply a saved plan exactly."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.apply.executor import apply_plan
from campaignctl.apply.operations import plan_operations
from campaignctl.apply.render import render_result
from campaignctl.commands.plan import policy_error
from campaignctl.commands.planning import (
    EVERYTHING,
    Selectors,
    load_manifests,
    make_plan,
    own_principal,
    read_live,
    render_plan,
)
from campaignctl.errors import ConfigError, PlanError
from campaignctl.output import Output
from campaignctl.plan.model import Plan
from campaignctl.plan.policy import check_policy
from campaignctl.plan.render_json import load_plan
from campaignctl.plan.stale import find_staleness, stale_error
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
            return 0
        if not auto_approve and not out.confirm(CONFIRM):
            out.info("Apply cancelled; nothing was changed.")
            return 1
        return _execute(
            plan, api, root=workspace.root, out=out, parallelism=parallelism
        )


def is_plan_file(paths: Sequence[Path]) -> bool:
    """``apply plan.json``: one existing ``.json`` file."""
    return len(paths) == 1 and paths[0].is_file() and paths[0].suffix == ".json"


def apply_saved(
    plan_file: Path, *, out: Output, sandbox: bool, parallelism: int, fmt: str
) -> int:
    """Apply a reviewed plan exactly, unless anything changed since (exit 4)."""
    plan = _read_plan(plan_file)
    workspace = load_manifests(_manifest_paths(plan, plan_file), out=out)
    with closing(
        open_api(
            sandbox=sandbox,
            project_root=workspace.root,
            parallelism=parallelism,
            out=out,
        )
    ) as api:
        live = read_live(workspace, api, parallelism=parallelism)
        staleness = find_staleness(plan, digest=workspace.digest, live=live)
        if staleness.stale:
            raise stale_error(str(plan_file), staleness)
        policy = workspace.config.policy
        violations = check_policy(
            plan, workspace.desired, policy, locate=workspace.locate
        )
        plan = plan.model_copy(update={"violations": violations})
        verbose = out.verbosity > 0
        out.document(render_plan(plan, fmt=fmt, color=out.color, verbose=verbose))
        if violations:
            raise policy_error(plan)
        if not plan.has_changes:
            return 0
        return _execute(
            plan, api, root=workspace.root, out=out, parallelism=parallelism
        )


def _read_plan(plan_file: Path) -> Plan:
    try:
        plan = load_plan(plan_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{plan_file}: cannot read the plan file ({error})") from None
    if plan.manifest_digest is None or not plan.paths:
        raise PlanError(
            f"{plan_file} records no manifest digest or paths, so it cannot be "
            "checked for staleness",
            hint="save plans with `campaignctl plan PATH... --out FILE`",
        )
    return plan


def _manifest_paths(plan: Plan, plan_file: Path) -> list[Path]:
    """The plan's PATH arguments, from the directory ``plan`` ran in."""
    root = Path.cwd() / (plan.project_dir or ".")
    paths = [root / p for p in plan.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ConfigError(
            f"{plan_file}: the manifests it was made from are not here: "
            + ", ".join(str(p) for p in missing),
            hint="run `campaignctl apply PLANFILE` from the directory `plan` ran in "
            "(paths are recorded relative to the project root)",
        )
    return paths


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
