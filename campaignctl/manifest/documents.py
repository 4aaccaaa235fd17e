"""Files → checked documents: read, parse, cascade defaults, validate models.

Loading (YAML → nodes) and rendering (defaults merged) stay separate from
validation: rendered template rows (``expand``) join hand-written documents
between the two.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.cascade import Defaults, apply_defaults, project_defaults
from campaignctl.manifest.diagnose import translate_errors
from campaignctl.manifest.discover import display_path
from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.node import Node, YamlDocument, YamlError, plain
from campaignctl.manifest.spec import CampaignSpec, ProjectConfig
from campaignctl.manifest.spec.campaign import API_VERSION
from campaignctl.manifest.spec.report import REPORT_KIND, ReportSpec
from campaignctl.manifest.spec.rollout import RolloutSpec
from campaignctl.manifest.yaml import load_yaml

KINDS: dict[str, type[BaseModel]] = {
    "Campaign": CampaignSpec,
    "Rollout": RolloutSpec,
    REPORT_KIND: ReportSpec,
}
ASSET_SLOTS = ("audio", "video", "image", "companion", "logo", "canvas")


@dataclass(frozen=True)
class Rendered:
    """A document after the defaults cascade: its merged nodes and source."""

    file: Path  # absolute
    shown: str  # how diagnostics name the file
    kind: str
    node: Node
    label: str | None = None  # where `render` says it came from, if not `shown`


@dataclass(frozen=True)
class Project:
    config: ProjectConfig
    node: Node | None  # the file's root, for defaults locations
    defaults: Defaults


def read_documents(file: Path, out: list[Diagnostic]) -> list[YamlDocument]:
    """Every YAML document of ``file``; problems go to ``out``."""
    shown = display_path(file)
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        out.append(Diagnostic(f"not UTF-8 text: {error.reason}", Location(shown)))
        return []
    except OSError as error:
        out.append(
            Diagnostic(
                f"cannot read the file: {error.strerror or error}", Location(shown)
            )
        )
        return []
    try:
        return load_yaml(text, shown)
    except YamlError as error:
        out.append(error.diagnostic)
        return []


def load_project(file: Path | None, out: list[Diagnostic]) -> Project:
    """campaignctl.yaml parsed and validated (an empty project without one)."""
    if file is None:
        return Project(ProjectConfig(), None, Defaults())
    documents = read_documents(file, out)
    if len(documents) > 1:
        out.append(
            Diagnostic("campaignctl.yaml must hold one document", documents[1].root.loc)
        )
    node = documents[0].root if documents else None
    config = ProjectConfig()
    if node is not None:
        config = _validated(ProjectConfig, node, out) or config
    defaults = project_defaults(node if node is not None and node.is_mapping else None)
    out.extend(defaults.diagnostics)
    return Project(config, node, defaults)


def render_document(
    file: Path, document: YamlDocument, project: Project, out: list[Diagnostic]
) -> Rendered | None:
    """A document checked for kind and apiVersion, with defaults merged in."""
    root = document.root
    if not root.is_mapping:
        out.append(
            Diagnostic(
                "a manifest document must be a mapping",
                root.loc,
                hint="start with apiVersion: campaignctl/v1 and kind: Campaign",
            )
        )
        return None
    kind = _kind(root, out)
    if kind is None:
        return None
    if kind == REPORT_KIND:  # campaign defaults do not apply to reports
        return Rendered(file, document.file, kind, root)
    merged, problems = apply_defaults(root, project.defaults)
    out.extend(problems)
    return Rendered(file, document.file, kind, merged)


def _kind(root: Node, out: list[Diagnostic]) -> str | None:
    known = ", ".join(KINDS)
    node = root.get("kind")
    if node is None:
        out.append(
            Diagnostic(
                "missing required field 'kind'", root.loc, hint=f"known kinds: {known}"
            )
        )
        return None
    if not isinstance(node.value, str) or node.value not in KINDS:
        guess = did_you_mean(str(node.value), KINDS)
        hint = f"{guess} known kinds: {known}" if guess else f"known kinds: {known}"
        out.append(Diagnostic(f"unknown kind {node.value!r}", node.loc, hint=hint))
        return None
    version = root.get("apiVersion")
    if version is not None and version.value != API_VERSION:
        out.append(
            Diagnostic(
                f"unsupported apiVersion {version.value!r}",
                version.loc,
                hint=f"write apiVersion: {API_VERSION}",
            )
        )
        return None
    return str(node.value)


def validate_campaign(
    rendered: Rendered, out: list[Diagnostic]
) -> tuple[CampaignSpec, Any] | None:
    """The validated campaign and the plain data it was validated from."""
    try:
        data = plain(rendered.node)
    except YamlError as error:
        out.append(error.diagnostic)
        return None
    spec = _checked(CampaignSpec, rendered.node, data, out)
    return (spec, data) if isinstance(spec, CampaignSpec) else None


def _validated(model: type[Any], node: Node, out: list[Diagnostic]) -> Any:
    try:
        data = plain(node)
    except YamlError as error:
        out.append(error.diagnostic)
        return None
    return _checked(model, node, data, out)


def _checked(model: type[Any], node: Node, data: Any, out: list[Diagnostic]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        out.extend(translate_errors(error, node, model))
        return None


def render_data(rendered: Rendered, sources: Mapping[str, Path] | None = None) -> Any:
    """The plain data ``campaignctl render`` prints for a document.

    File paths that came from defaults in another file (``sources`` maps shown
    names to absolute paths) are rewritten relative to this document, so the
    output loads the same files when validated on its own.
    """
    data = plain(rendered.node)
    for path, node in _asset_nodes(rendered.node):
        source = (sources or {}).get(node.loc.file)
        if source is None or node.loc.file == rendered.shown:
            continue
        target = source.parent / str(node.value)
        rebased = Path(os.path.relpath(target, rendered.file.parent)).as_posix()
        ad = data["ad_sets"][path[0]]["ads"][path[1]]
        ad[path[2]] = rebased
    return data


def _asset_nodes(root: Node) -> Iterator[tuple[tuple[int, int, str], Node]]:
    ad_sets = root.get("ad_sets")
    for i, ad_set in enumerate(
        ad_sets.value if ad_sets and isinstance(ad_sets.value, list) else []
    ):
        ads = ad_set.get("ads")
        for j, ad in enumerate(
            ads.value if ads and isinstance(ads.value, list) else []
        ):
            for slot in ASSET_SLOTS:
                node = ad.get(slot)
                if node is not None and isinstance(node.value, str):
                    yield (i, j, slot), node
