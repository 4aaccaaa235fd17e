"""`campaignctl plan`: show what apply would change; optionally save it."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.commands.planning import (
    EVERYTHING,
    NOTHING_REMOTE,
    PlanOptions,
    Remote,
    Selectors,
    ask_the_api,
    load_manifests,
    make_plan,
    own_principal,
    render_plan,
)
from campaignctl.errors import ConfigError, PlanError, PolicyError
from campaignctl.output import Output
from campaignctl.plan.model import Plan
from campaignctl.plan.render_json import render_json
from campaignctl.provider.connection import open_api


def run(
    paths: Sequence[Path],
    *,
    out: Output,
    sandbox: bool,
    fmt: str,
    out_file: Path | None,
    detailed_exitcode: bool,
    parallelism: int,
    selectors: Selectors = EVERYTHING,
    remote: Remote = NOTHING_REMOTE,
) -> int:
    if remote.keep_drafts and out_file is None:
        raise ConfigError(
            "--keep-drafts keeps the drafts for `apply PLANFILE --via-drafts`, so it "
            "needs --out",
            hint="plan --validate-remote --keep-drafts --out plan.json",
        )
    workspace = load_manifests(paths, out=out)
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
        plan = ask_the_api(plan, workspace, api, remote=remote, sandbox=sandbox)
    verbose = out.verbosity > 0
    out.document(render_plan(plan, fmt=fmt, color=out.color, verbose=verbose))
    if out_file is not None:
        save_plan(plan, out_file)
        out.info(f"Saved the plan to {out_file}.")
    if plan.violations:
        raise policy_error(plan)
    if plan.validation is not None and plan.validation.problems:
        raise remote_validation_error(plan)
    return 2 if detailed_exitcode and plan.has_changes else 0


def save_plan(plan: Plan, out_file: Path) -> None:
    """Write the plan JSON (no credentials: the plan never holds any)."""
    try:
        out_file.write_text(render_json(plan), encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            f"cannot save the plan to {out_file}: {error.strerror or error}",
            hint="pass --out a path in an existing, writable directory",
        ) from None


def remote_validation_error(plan: Plan) -> PlanError:
    """Exit 1: the API's own validation refused the change (shown in the plan)."""
    assert plan.validation is not None
    count = len(plan.validation.problems)
    return PlanError(
        f"the API's validation found {count} problem(s) (listed in the plan)",
        hint="fix the manifests and plan again; nothing was changed",
    )


def policy_error(plan: Plan) -> PolicyError:
    """Exit 3, naming every violation (they are in the plan output too)."""
    lines = [f"blocked by policy ({len(plan.violations)} violation(s)):"]
    for v in plan.violations:
        where = f"{v.address}: " if v.address else ""
        at = f" ({v.location})" if v.location else ""
        lines.append(f"  - [{v.rule}] {where}{v.message}{at}")
    return PolicyError(
        "\n".join(lines),
        hint="change the manifests, or the policy in campaignctl.yaml, and plan again",
    )
