"""What plan, apply and show share: manifests + live account → a reviewed Plan.

``make_plan`` reads the live accounts (list endpoints only), plans, adds the
spend facts reviewers need, applies ``--only`` / ``--except``, attributes each
remaining update's fields through the account's change history (drift vs your
change) and checks the policy. The result also records what a saved plan
needs for staleness checks (manifest digest, paths) and never a credential.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from campaignctl.commands.drafting import validate_remotely
from campaignctl.commands.estimating import add_estimates, estimate_cache
from campaignctl.errors import ApiError, TransportError
from campaignctl.manifest import Workspace, load_workspace
from campaignctl.output import Output
from campaignctl.plan.attribution import attribute_changes, entities_to_check
from campaignctl.plan.blast import blast_radius
from campaignctl.plan.impact import add_spend_facts
from campaignctl.plan.model import Plan
from campaignctl.plan.planner import build_plan
from campaignctl.plan.policy import check_policy
from campaignctl.plan.select import select_actions
from campaignctl.plan.state import LiveState
from campaignctl.provider.base import JSON, AdsApi
from campaignctl.provider.connection import SANDBOX_CREDENTIALS
from campaignctl.provider.snapshot import read_live_state

HISTORY_DAYS = 180  # the change history's retention


@dataclass(frozen=True)
class Selectors:
    """``--only`` / ``--except`` address globs."""

    only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


EVERYTHING = Selectors()


@dataclass(frozen=True)
class Remote:
    """What to ask the API about a plan beyond live state (all advisory)."""

    estimate: bool = False  # plan --estimate
    validate: bool = False  # plan --validate-remote
    keep_drafts: bool = False  # keep the validated drafts for --via-drafts


NOTHING_REMOTE = Remote()


def ask_the_api(
    plan: Plan, workspace: Workspace, api: AdsApi, *, remote: Remote, sandbox: bool
) -> Plan:
    """``plan`` with estimates and/or the API's own validation, as asked."""
    if remote.estimate:
        cache = estimate_cache(workspace.root, sandbox=sandbox)
        plan = add_estimates(
            plan, workspace.desired, api, cache=cache, now=datetime.now(UTC)
        )
    if remote.validate:
        plan = validate_remotely(
            plan, api, root=workspace.root, keep=remote.keep_drafts
        )
    return plan


def load_manifests(paths: Sequence[Path], *, out: Output) -> Workspace:
    """Load and validate manifests; print warnings; raise on errors."""
    workspace = load_workspace(paths)
    for warning in workspace.warnings:
        out.warn(str(warning))
    return workspace


def read_live(workspace: Workspace, api: AdsApi, *, parallelism: int) -> LiveState:
    """The live accounts of the manifests' campaigns, with list endpoints."""
    desired = workspace.desired
    return read_live_state(
        api,
        desired.account_ids(),
        campaign_names={c.name for c in desired.campaigns},
        campaign_ids={c.id for c in desired.campaigns if c.id},
        parallelism=parallelism,
    )


@dataclass(frozen=True)
class Reviewed:
    """A reviewed plan and the change history its attribution was read from."""

    plan: Plan
    rows: list[JSON]  # change-history rows of the objects the plan updates
    unread: list[str]  # accounts whose history could not be read (why)


@dataclass(frozen=True)
class PlanOptions:
    """How to plan, beyond the manifests and the account."""

    selectors: Selectors = EVERYTHING
    paths: Sequence[Path] = ()  # PATH arguments, recorded for saved plans
    own_principal: str | None = None  # campaignctl's id in change history
    now: datetime | None = None


DEFAULTS = PlanOptions()


def make_plan(
    workspace: Workspace,
    api: AdsApi,
    *,
    parallelism: int,
    options: PlanOptions = DEFAULTS,
) -> Plan:
    """The reviewed plan of ``workspace`` against the live accounts."""
    return review_plan(workspace, api, parallelism=parallelism, options=options).plan


def review_plan(
    workspace: Workspace,
    api: AdsApi,
    *,
    parallelism: int,
    options: PlanOptions = DEFAULTS,
) -> Reviewed:
    """``make_plan``, with the change-history rows it attributed from."""
    live = read_live(workspace, api, parallelism=parallelism)
    return review_live(workspace, live, api, options=options)


def review_live(
    workspace: Workspace,
    live: LiveState,
    api: AdsApi,
    *,
    options: PlanOptions = DEFAULTS,
) -> Reviewed:
    """``review_plan`` on live state already read (the API only for history)."""
    selectors, paths = options.selectors, options.paths
    moment = options.now or datetime.now(UTC)
    desired = workspace.desired
    plan = build_plan(desired, live, now=moment)
    plan = add_spend_facts(plan, desired, live, now=moment)
    plan = select_actions(plan, only=selectors.only, exclude=selectors.exclude)
    rows, unread = read_history(api, plan, now=moment)  # selected updates only
    plan = attribute_changes(plan, rows, own_principal=options.own_principal)
    plan = plan.model_copy(update={"warnings": (*plan.warnings, *unread)})
    violations = check_policy(
        plan, desired, workspace.config.policy, locate=workspace.locate
    )
    plan = plan.model_copy(
        update={
            "violations": violations,
            "rollouts": blast_radius(plan, workspace.origins),
            "manifest_digest": workspace.digest,
            "project_dir": _relative(workspace.root, Path.cwd()),
            "paths": tuple(_relative(p.resolve(), workspace.root) for p in paths),
        }
    )
    return Reviewed(plan, rows, unread)


def read_history(
    api: AdsApi, plan: Plan, *, now: datetime
) -> tuple[list[JSON], list[str]]:
    """Change-history rows of the objects the plan updates, and read failures.

    Attribution only explains a plan, so an account whose history cannot be
    read (the API wants an admin, contributor or viewer role) gives a warning
    instead of failing the plan; its changes then count as yours.
    """
    since = (now - timedelta(days=HISTORY_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows: list[JSON] = []
    unread: list[str] = []
    for account, ids in entities_to_check(plan).items():
        try:
            rows += api.list_change_history(account, entity_ids=ids, created_gte=since)
        except (ApiError, TransportError) as error:
            unread.append(
                f"change history of ad account {account} could not be read, so "
                f"live changes made outside campaignctl are not told apart: {error}"
            )
    return rows, unread


def own_principal(*, sandbox: bool) -> str | None:
    """campaignctl's client id: how its own writes show in change history.

    The real API does not document the ``principal_id`` of an integration;
    the sandbox uses the client id. Without one (an access token alone),
    every API integration counts as campaignctl.
    """
    if sandbox:
        return SANDBOX_CREDENTIALS.client_id
    return os.environ.get("SPOTIFY_ADS_CLIENT_ID", "").strip() or None


def render_plan(plan: Plan, *, fmt: str, color: bool, verbose: bool = False) -> str:
    """The plan as text (Terraform-like), markdown (PR comments) or JSON."""
    from campaignctl.plan.render_json import render_json
    from campaignctl.plan.render_markdown import render_markdown
    from campaignctl.plan.render_text import render_text

    if fmt == "json":
        return render_json(plan)
    if fmt == "markdown":
        return render_markdown(plan)
    return render_text(plan, color=color, verbose=verbose)


def _relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` with POSIX separators (``..`` allowed)."""
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive (Windows): keep it absolute
        return path.as_posix()
