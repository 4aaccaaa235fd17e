"""The manifest layer's entry point: paths → a validated ``Workspace``.

``load_workspace`` finds campaignctl.yaml, loads every manifest under the
paths, cascades defaults, validates models, API rules and asset files, and
builds the planner's ``DesiredState``. Problems are collected, never raised
one at a time: ``ManifestError`` carries every diagnostic at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from campaignctl.errors import Diagnostic, Location, ManifestError, Severity
from campaignctl.manifest.assets import AssetFiles
from campaignctl.manifest.build import Builder, Checked
from campaignctl.manifest.checks import Uniqueness, named_objects, resolve_account
from campaignctl.manifest.desired import manifest_paths
from campaignctl.manifest.discover import (
    PROJECT_FILE,
    display_path,
    find_project_file,
    manifest_files,
    project_root,
)
from campaignctl.manifest.documents import (
    Project,
    Rendered,
    load_project,
    read_documents,
    render_data,
    render_document,
    validate_campaign,
)
from campaignctl.manifest.memory import collector_paused
from campaignctl.manifest.rules import Context, Where, check_campaign
from campaignctl.manifest.spec import CampaignSpec, ProjectConfig
from campaignctl.manifest.yaml import Node, plain
from campaignctl.plan.address import ASSET_PREFIX
from campaignctl.plan.state import DesiredState


@dataclass(frozen=True)
class Workspace:
    """Everything the manifests declare, validated."""

    root: Path  # directory of campaignctl.yaml, else the paths' common parent
    config: ProjectConfig
    documents: tuple[CampaignSpec, ...]  # after the defaults cascade
    desired: DesiredState
    warnings: tuple[Diagnostic, ...] = ()
    digest: str = ""  # sha256 of the rendered manifests + asset digests + config
    _nodes: Mapping[str, Node] = field(default_factory=dict, repr=False)
    _kinds: Mapping[str, str] = field(default_factory=dict, repr=False)
    _assets: Mapping[str, Location] = field(default_factory=dict, repr=False)

    def locate(self, address: str, field: str | None = None) -> Location | None:
        """Where the object at ``address`` (and its API ``field``) is written.

        ``field`` is a dotted API body path (``budget.micro_amount``,
        ``targets.genre_ids``); unknown fields fall back to the object.
        """
        if address.startswith(ASSET_PREFIX):
            return self._assets.get(address)
        node = self._nodes.get(address)
        if node is None:
            return None
        for path in manifest_paths(self._kinds[address], field) if field else []:
            found = node.find(path)
            if found is not None:
                return found.key_loc or found.loc
        return node.loc


@dataclass(frozen=True)
class Inspection:
    """What validation found: the workspace (when error-free) and diagnostics."""

    workspace: Workspace | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)


def load_workspace(paths: Sequence[Path], *, now: datetime | None = None) -> Workspace:
    """The validated workspace; raises ManifestError with every diagnostic."""
    inspection = inspect_workspace(paths, now=now)
    if inspection.workspace is None:
        raise ManifestError(inspection.diagnostics)
    return inspection.workspace


def validate_workspace(
    paths: Sequence[Path], *, now: datetime | None = None
) -> tuple[Diagnostic, ...]:
    """Every diagnostic (errors and warnings), sorted; never raises for input."""
    return inspect_workspace(paths, now=now).diagnostics


def render_workspace(paths: Sequence[Path]) -> list[tuple[str, Any]]:
    """(file, data) per document after the defaults cascade; raises on load errors."""
    out: list[Diagnostic] = []
    with collector_paused():
        return _rendered(paths, out)


def _rendered(paths: Sequence[Path], out: list[Diagnostic]) -> list[tuple[str, Any]]:
    root, project, rendered = _render(paths, out)
    if any(d.is_error for d in out):
        raise ManifestError(_sorted(out))
    sources = _sources(root, project, rendered)
    return [(r.shown, render_data(r, sources)) for r in rendered]


def inspect_workspace(
    paths: Sequence[Path], *, now: datetime | None = None
) -> Inspection:
    """Validate everything; the workspace is None when any error was found."""
    with collector_paused():
        return _inspect(paths, now=now)


def _inspect(paths: Sequence[Path], *, now: datetime | None) -> Inspection:
    out: list[Diagnostic] = []
    root, project, rendered = _render(paths, out)
    checked = _check(rendered, project, now or datetime.now(UTC), out)
    builder = Builder(AssetFiles(root), _sources(root, project, rendered))
    desired = builder.state(checked)
    out.extend(builder.diagnostics)
    diagnostics = _sorted(out)
    if any(d.is_error for d in diagnostics):
        return Inspection(None, diagnostics)
    workspace = Workspace(
        root=root,
        config=project.config,
        documents=tuple(c.spec for c in checked),
        desired=desired,
        warnings=diagnostics,
        digest=_digest(rendered, project, desired),
        _nodes=builder.nodes,
        _kinds=builder.kinds,
        _assets=builder.asset_places,
    )
    return Inspection(workspace, diagnostics)


def _render(
    paths: Sequence[Path], out: list[Diagnostic]
) -> tuple[Path, Project, list[Rendered]]:
    project_file = find_project_file(paths)
    root = project_root(paths, project_file).resolve()
    project = load_project(project_file, out)
    files, templates = manifest_files(paths)
    out.extend(_skipped(template) for template in templates)
    if not files:
        shown = ", ".join(display_path(p) for p in paths) or "."
        out.append(_warning(f"no manifests found in {shown}", Location(shown)))
    rendered = []
    for file in files:
        for document in read_documents(file, out):
            item = render_document(file, document, project, out)
            if item is not None:
                rendered.append(item)
    return root, project, rendered


def _sources(root: Path, project: Project, rendered: list[Rendered]) -> dict[str, Path]:
    """File names as diagnostics show them → absolute paths."""
    sources = {r.shown: r.file for r in rendered}
    if project.node is not None:
        sources[project.node.loc.file] = root / PROJECT_FILE
    return sources


def _check(
    rendered: list[Rendered], project: Project, now: datetime, out: list[Diagnostic]
) -> list[Checked]:
    checked = []
    for item in rendered:
        spec = validate_campaign(item, out)
        if spec is None:
            continue
        where = Where(item.node)
        account = resolve_account(spec, project.config, where, out)
        if account is None:
            continue
        out.extend(check_campaign(spec, where, Context(now, account.currency)))
        checked.append(Checked(spec, item.node, item.file, account))
    uniqueness = Uniqueness(out)
    for campaign in checked:
        where = Where(campaign.node)
        uniqueness.check(*named_objects(campaign.spec, campaign.account.id, where))
    return checked


def _digest(rendered: list[Rendered], project: Project, desired: DesiredState) -> str:
    document = {
        "config": plain(project.node) if project.node is not None else None,
        "manifests": [render_data(r) for r in rendered],
        "assets": sorted((a.path, a.digest) for a in desired.assets),
    }
    text = json.dumps(document, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _sorted(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    unique = dict.fromkeys(diagnostics)
    return tuple(sorted(unique, key=_order))


def _order(d: Diagnostic) -> tuple[str, int, int, str]:
    where = d.location or Location("")
    return (where.file, where.line, where.col, d.message)


def _warning(message: str, where: Location, hint: str | None = None) -> Diagnostic:
    return Diagnostic(message, where, hint=hint, severity=Severity.WARNING)


def _skipped(template: Path) -> Diagnostic:
    return _warning(
        "templates (*.j2) are not rendered yet; skipped",
        Location(display_path(template)),
    )
