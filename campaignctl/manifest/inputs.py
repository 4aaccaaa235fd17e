"""Everything validation reads: the project file, manifests and rendered rollouts.

``read_inputs`` finds the files under the PATHs, reads every YAML document,
renders each rollout (a ``kind: Rollout`` manifest, or a template with front
matter) row by row, and cascades defaults. Values files that rollouts read
are not manifests; templates nobody renders are reported and skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from campaignctl.errors import Diagnostic, Location, Severity
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
    render_document,
)
from campaignctl.manifest.expand import expand
from campaignctl.manifest.frontmatter import template_values
from campaignctl.manifest.node import YamlDocument
from campaignctl.manifest.provenance import Provenance
from campaignctl.manifest.rollout import (
    Rollout,
    is_rollout,
    referenced_templates,
    referenced_values,
    rollout_from_document,
    rollout_from_template,
)
from campaignctl.manifest.template import Templates


@dataclass(frozen=True)
class Inputs:
    """The documents to validate, after templating and the defaults cascade."""

    root: Path
    project: Project
    rendered: list[Rendered]
    provenance: Provenance

    def sources(self) -> dict[str, Path]:
        """File names as diagnostics show them → absolute paths."""
        sources = {r.shown: r.file for r in self.rendered}
        sources.update(self.provenance.sources())
        if self.project.node is not None:
            sources[self.project.node.loc.file] = self.root / PROJECT_FILE
        return sources


def read_inputs(paths: Sequence[Path], out: list[Diagnostic]) -> Inputs:
    """Every document under ``paths``; problems go to ``out``."""
    project_file = find_project_file(paths)
    root = project_root(paths, project_file).resolve()
    project = load_project(project_file, out)
    files, templates = manifest_files(paths)
    if not files and not templates:
        shown = ", ".join(display_path(p) for p in paths) or "."
        out.append(_warning(f"no manifests found in {shown}", Location(shown)))
    provenance = Provenance(Templates(root))
    read = {file: _read(file) for file in files}
    skipped = _values_files(read, templates)
    rendered: list[Rendered] = []
    used: set[Path] = set()
    for file, (documents, problems) in read.items():
        if file in skipped:
            continue  # a rollout's values file, not a manifest
        out.extend(problems)
        for document in documents:
            if is_rollout(document):
                used |= referenced_templates(file, document)
                rendered += _rollout(file, document, project, provenance, out)
                continue
            item = render_document(file, document, project, out)
            if item is not None:
                rendered.append(item)
    for template in templates:
        if template not in used and not template.name.startswith("_"):
            rendered += _front_matter(template, project, provenance, out)
    return Inputs(root, project, rendered, provenance)


def _read(file: Path) -> tuple[list[YamlDocument], list[Diagnostic]]:
    problems: list[Diagnostic] = []
    return read_documents(file, problems), problems


def _values_files(
    read: Mapping[Path, tuple[list[YamlDocument], list[Diagnostic]]],
    templates: Sequence[Path],
) -> set[Path]:
    """YAML/JSON files that rollouts read rows from (never loaded as manifests)."""
    found: set[Path] = set()
    for file, (documents, _) in read.items():
        for document in documents:
            if is_rollout(document):
                found |= referenced_values(file, document.root)
    for template in templates:
        found |= template_values(template)
    return found


def _rollout(
    file: Path,
    document: YamlDocument,
    project: Project,
    provenance: Provenance,
    out: list[Diagnostic],
) -> list[Rendered]:
    rollout = rollout_from_document(file, document, provenance.templates, out)
    return expand(rollout, provenance, project, out) if rollout else []


def _front_matter(
    template: Path, project: Project, provenance: Provenance, out: list[Diagnostic]
) -> list[Rendered]:
    rollout = rollout_from_template(template, provenance.templates, out)
    if rollout is False:
        out.append(_skipped(template))
    if isinstance(rollout, Rollout):
        return expand(rollout, provenance, project, out)
    return []


def _warning(message: str, where: Location, hint: str | None = None) -> Diagnostic:
    return Diagnostic(message, where, hint=hint, severity=Severity.WARNING)


def _skipped(template: Path) -> Diagnostic:
    return _warning(
        "template skipped: it has no front matter naming its values, and no "
        "Rollout given uses it",
        Location(display_path(template)),
        hint="render it through a kind: Rollout manifest, give it front matter "
        "(---, values: ..., key: ..., ---), or name it _partial.j2 if it is "
        "only included",
    )
