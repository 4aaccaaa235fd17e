"""The manifest layer's entry point: paths → a validated ``Workspace``.

``load_workspace`` finds campaignctl.yaml, loads every manifest under the
paths, renders rollouts (a template for each values row), cascades defaults,
validates models, API rules and asset files, and builds the planner's
``DesiredState``. Problems are collected, never raised one at a time:
``ManifestError`` carries every diagnostic at once, each located in the file
(and, for rendered rows, the template line and values row) that caused it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from campaignctl.errors import Diagnostic, Location, ManifestError
from campaignctl.manifest.assets import AssetFiles
from campaignctl.manifest.build import Builder, Checked
from campaignctl.manifest.checks import Uniqueness, named_objects, resolve_account
from campaignctl.manifest.desired import manifest_paths
from campaignctl.manifest.documents import (
    Project,
    Rendered,
    render_data,
    validate_campaign,
)
from campaignctl.manifest.inputs import read_inputs
from campaignctl.manifest.node import Node, plain
from campaignctl.manifest.provenance import Provenance
from campaignctl.manifest.rules import Context, Where, check_campaign
from campaignctl.manifest.spec import CampaignSpec, ProjectConfig
from campaignctl.manifest.spec.report import REPORT_KIND
from campaignctl.memory import collector_paused
from campaignctl.plan.address import ASSET_PREFIX
from campaignctl.plan.origins import RolloutOrigin
from campaignctl.plan.state import DesiredState
from campaignctl.reports.definition import ReportDefinition
from campaignctl.reports.loading import check_reports


@dataclass(frozen=True)
class Workspace:
    """Everything the manifests declare, validated."""

    root: Path  # directory of campaignctl.yaml, else the paths' common parent
    config: ProjectConfig
    desired: DesiredState
    warnings: tuple[Diagnostic, ...] = ()
    reports: tuple[ReportDefinition, ...] = ()  # kind: Report, validated
    digest: str = ""  # sha256 of the rendered manifests + asset digests + config
    # address → the rollout (and values row) the object was rendered from
    origins: Mapping[str, RolloutOrigin] = field(default_factory=dict)
    _nodes: Mapping[str, Node] = field(default_factory=dict, repr=False)
    _kinds: Mapping[str, str] = field(default_factory=dict, repr=False)
    _assets: Mapping[str, Location] = field(default_factory=dict, repr=False)
    _provenance: Provenance | None = field(default=None, repr=False)

    @property
    def documents(self) -> tuple[CampaignSpec, ...]:
        """The validated campaigns after the defaults cascade, in order.

        Validated again from their manifest nodes when asked for: kept, these
        models cost about 100 MB at 30,000 objects, and planning never reads
        them.
        """
        return tuple(
            CampaignSpec.model_validate(plain(self._nodes[campaign.address]))
            for campaign in self.desired.campaigns
        )

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
        where = node.loc
        for path in manifest_paths(self._kinds[address], field) if field else []:
            found = node.find(path)
            if found is not None:
                where = found.key_loc or found.loc
                break
        return self._translated(where)

    def _translated(self, where: Location) -> Location:
        source = self._provenance.rows.get(where.file) if self._provenance else None
        if source is None or self._provenance is None:
            return where
        return self._provenance.place(source, where.line, where.col)[0]


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
    with collector_paused(promote=True):
        return _rendered(paths, out)


def _rendered(paths: Sequence[Path], out: list[Diagnostic]) -> list[tuple[str, Any]]:
    loaded = read_inputs(paths, out)
    if any(d.is_error for d in out):
        raise ManifestError(_sorted(loaded.provenance.translate(out)))
    sources = loaded.sources()
    return [(r.label or r.shown, render_data(r, sources)) for r in loaded.rendered]


def inspect_workspace(
    paths: Sequence[Path], *, now: datetime | None = None
) -> Inspection:
    """Validate everything; the workspace is None when any error was found."""
    with collector_paused(promote=True):
        return _inspect(paths, now=now)


def _inspect(paths: Sequence[Path], *, now: datetime | None) -> Inspection:
    out: list[Diagnostic] = []
    loaded = read_inputs(paths, out)
    project, rendered = loaded.project, loaded.rendered
    reports = [r for r in rendered if r.kind == REPORT_KIND]
    rendered = [r for r in rendered if r.kind != REPORT_KIND]
    checked = _check(rendered, project, now or datetime.now(UTC), out)
    definitions = check_reports(reports, project.config, checked, out, rendered)
    builder = Builder(AssetFiles(loaded.root), loaded.sources())
    texts = [c.data for c in checked]
    desired = builder.state(_drained(checked))  # each spec freed once built
    out.extend(builder.diagnostics)
    diagnostics = _sorted(loaded.provenance.translate(out))
    if any(d.is_error for d in diagnostics):
        return Inspection(None, diagnostics)
    workspace = Workspace(
        root=loaded.root,
        config=project.config,
        desired=desired,
        warnings=diagnostics,
        reports=definitions,
        digest=_digest(texts, project, desired),
        origins=loaded.provenance.origins(builder.nodes, builder.asset_refs),
        _nodes=builder.nodes,
        _kinds=builder.kinds,
        _assets=builder.asset_places,
        _provenance=loaded.provenance,
    )
    return Inspection(workspace, diagnostics)


def _check(
    rendered: list[Rendered], project: Project, now: datetime, out: list[Diagnostic]
) -> list[Checked]:
    checked = []
    for item in rendered:
        validated = validate_campaign(item, out)
        if validated is None:
            continue
        spec, data = validated
        where = Where(item.node)
        account = resolve_account(spec, project.config, where, out)
        if account is None:
            continue
        out.extend(check_campaign(spec, where, Context(now, account.currency)))
        checked.append(Checked(spec, item.node, item.file, account, _canonical(data)))
    uniqueness = Uniqueness(out)
    for campaign in checked:
        where = Where(campaign.node)
        uniqueness.check(*named_objects(campaign.spec, campaign.account.id, where))
    return checked


def _digest(texts: list[str], project: Project, desired: DesiredState) -> str:
    """What the manifests say (not how they are formatted), with file contents."""
    config = plain(project.node) if project.node is not None else None
    assets = sorted((a.path, a.digest) for a in desired.assets)
    # the canonical JSON of {"assets", "config", "manifests"}, keys sorted,
    # with each manifest's text made (and its data dropped) when validated
    digest = hashlib.sha256()
    digest.update(f'{{"assets":{_canonical(assets)},"config":'.encode())
    digest.update(f'{_canonical(config)},"manifests":['.encode())
    digest.update(",".join(texts).encode())
    digest.update(b"]}")
    return digest.hexdigest()


def _drained(items: list[Checked]) -> Iterator[Checked]:
    """The items in order, each dropped from ``items`` as it is handed out."""
    items.reverse()
    while items:
        yield items.pop()


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))


def _sorted(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    unique = dict.fromkeys(diagnostics)
    return tuple(sorted(unique, key=_order))


def _order(d: Diagnostic) -> tuple[str, int, int, str]:
    where = d.location or Location("")
    return (where.file, where.line, where.col, d.message)
