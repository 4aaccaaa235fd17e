"""`campaignctl apply PLANFILE`: apply a reviewed plan exactly, or refuse."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.commands.execute import execute, finish_converged, report_interrupted
from campaignctl.commands.plan import policy_error
from campaignctl.commands.planning import load_manifests, read_live, render_plan
from campaignctl.errors import ConfigError, PlanError, StalePlanError
from campaignctl.output import Output
from campaignctl.plan.drafts import not_staged
from campaignctl.plan.model import Plan
from campaignctl.plan.policy import check_policy
from campaignctl.plan.render_json import load_plan
from campaignctl.plan.stale import find_staleness, stale_error
from campaignctl.provider.base import AdsApi
from campaignctl.provider.connection import open_api


def is_plan_file(paths: Sequence[Path]) -> bool:
    """``apply plan.json``: one existing ``.json`` file."""
    return len(paths) == 1 and paths[0].is_file() and paths[0].suffix == ".json"


def apply_saved(
    plan_file: Path,
    *,
    out: Output,
    sandbox: bool,
    parallelism: int,
    fmt: str,
    via_drafts: bool = False,
) -> int:
    """Apply a reviewed plan exactly, unless anything changed since (exit 4)."""
    plan = _read_plan(plan_file)
    workspace = load_manifests(_manifest_paths(plan, plan_file), out=out)
    report_interrupted(workspace.root, out=out)
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
        if via_drafts:
            check_staged(plan, api, plan_file=plan_file)
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
            finish_converged(workspace.root)
            return 0
        return execute(
            plan,
            api,
            root=workspace.root,
            out=out,
            parallelism=parallelism,
            via_drafts=via_drafts,
        )


def check_staged(plan: Plan, api: AdsApi, *, plan_file: Path) -> None:
    """Exit 4 unless every staged hierarchy is exactly as it was validated."""
    refuse_live_writes(plan, str(plan_file))
    moved = []
    for draft in plan.drafts:
        live = api.get_draft(draft.account_id, "campaigns", draft.draft_id)
        if live is None:
            moved.append(f"{draft.campaign}: its drafts are gone")
        elif live.get("draft_hierarchy_version") != draft.version:
            moved.append(
                f"{draft.campaign}: the drafts moved from version {draft.version} to "
                f"{live.get('draft_hierarchy_version')} since they were validated"
            )
    if moved:
        raise StalePlanError(
            f"{plan_file} is stale:\n" + "\n".join(f"  - {m}" for m in moved),
            hint="plan again with --validate-remote --keep-drafts and review it",
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


def refuse_live_writes(plan: Plan, source: str) -> None:
    """--via-drafts promises drafts: refuse if some writes could not be staged."""
    missing = not_staged(plan)
    if missing:
        raise PlanError(
            f"{source} cannot be applied --via-drafts:\n"
            + "\n".join(f"  - {m}" for m in missing),
            hint="plan --validate-remote --keep-drafts --out FILE, then apply FILE "
            "--via-drafts (or apply without --via-drafts)",
        )
