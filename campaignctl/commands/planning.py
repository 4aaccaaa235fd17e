"""What plan and apply share: manifests + live account → Plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from campaignctl.manifest import Workspace, load_workspace
from campaignctl.output import Output
from campaignctl.plan.model import Plan
from campaignctl.plan.planner import build_plan
from campaignctl.provider.base import AdsApi
from campaignctl.provider.snapshot import read_live_state


@dataclass(frozen=True)
class Planned:
    workspace: Workspace
    plan: Plan


def load_manifests(paths: Sequence[Path], *, out: Output) -> Workspace:
    """Load and validate manifests; print warnings; raise on errors."""
    workspace = load_workspace(paths)
    for warning in workspace.warnings:
        out.warn(str(warning))
    return workspace


def make_plan(workspace: Workspace, api: AdsApi, *, parallelism: int) -> Plan:
    """Read the live accounts with list endpoints and plan against them."""
    desired = workspace.desired
    live = read_live_state(
        api,
        desired.account_ids(),
        campaign_names={c.name for c in desired.campaigns},
        campaign_ids={c.id for c in desired.campaigns if c.id},
        parallelism=parallelism,
    )
    return build_plan(desired, live, now=datetime.now(UTC))


def render_plan(plan: Plan, *, fmt: str, color: bool) -> str:
    """The plan as text (Terraform-like), markdown (PR comments) or JSON."""
    from campaignctl.plan.render_json import render_json
    from campaignctl.plan.render_text import render_text

    if fmt == "json":
        return render_json(plan)
    if fmt == "markdown":
        return "```diff\n" + render_text(plan, color=False) + "\n```\n"
    return render_text(plan, color=color)
