"""Rendering a rollout row by row into manifest documents.

Each row renders separately (a problem in one row never hides another),
its YAML is parsed under a synthetic file name that ``provenance`` maps back
to the template line and values row, and the documents go through the same
defaults cascade and validation as hand-written manifests.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.documents import Project, Rendered, render_document
from campaignctl.manifest.linemap import strip_marks
from campaignctl.manifest.node import Node, YamlDocument, YamlError
from campaignctl.manifest.provenance import Provenance, RowSource, row_notes, with_rows
from campaignctl.manifest.rollout import Rollout, failure_diagnostic
from campaignctl.manifest.spec.campaign import API_VERSION
from campaignctl.manifest.template import Failure, TemplateFailure
from campaignctl.manifest.values import Row
from campaignctl.manifest.yaml import load_yaml


@dataclass
class _Expansion:
    rollout: Rollout
    provenance: Provenance
    project: Project
    out: list[Diagnostic]
    documents: list[Rendered] = field(default_factory=list)
    ad_sets: list[Node] = field(default_factory=list)
    failures: dict[tuple[Any, ...], tuple[Diagnostic, list[str]]] = field(
        default_factory=dict
    )


def expand(
    rollout: Rollout, provenance: Provenance, project: Project, out: list[Diagnostic]
) -> list[Rendered]:
    """The rollout's documents, after the defaults cascade."""
    state = _Expansion(rollout, provenance, project, out)
    base = {
        "vars": rollout.vars,
        "rollout": {"name": rollout.label, "key": rollout.table.key},
    }
    for row in rollout.table.rows:
        _render_row(state, row, {"row": dict(row.values), **base})
    for first, rows in state.failures.values():
        out.append(with_rows(first, rows))
    if rollout.fields.each == "ad_set":
        campaign = _campaign(state)
        if campaign is not None:
            state.documents.append(campaign)
    return state.documents


def _render_row(state: _Expansion, row: Row, context: dict[str, Any]) -> None:
    rollout, provenance = state.rollout, state.provenance
    try:
        marked = provenance.templates.render(rollout.template, context)
    except TemplateFailure as error:
        _failed(state, row, error.failure)
        return
    name = provenance.register(rollout, row, marked)
    try:
        documents = load_yaml(strip_marks(marked), name)
    except YamlError as error:
        state.out.append(error.diagnostic)
        return
    if rollout.fields.each == "ad_set":
        _collect_ad_sets(state, name, documents)
        return
    for document in documents:
        if _kind(document.root) == "Rollout":
            state.out.append(
                Diagnostic(
                    "a template cannot render a Rollout",
                    document.root.loc,
                    hint="templates render Campaign documents",
                )
            )
            continue
        item = render_document(
            state.provenance.templates.root / rollout.template,
            document,
            state.project,
            state.out,
        )
        if item is not None:
            label = f"{rollout.template_shown} (rollout {rollout.label}, row {row.key})"
            state.documents.append(replace(item, label=label))


def _failed(state: _Expansion, row: Row, failure: Failure) -> None:
    templates = state.provenance.templates
    diagnostic = failure_diagnostic(failure, templates)
    key = (diagnostic.location, diagnostic.message, diagnostic.hint)
    if key in state.failures:
        state.failures[key][1].append(row.key)
        return
    template_id = templates.id_of(failure.file)
    columns = templates.columns(template_id, failure.line) if template_id >= 0 else ()
    used = templates.vars_used(template_id, failure.line) if template_id >= 0 else ()
    source = RowSource(state.rollout, row, "")
    notes = row_notes(source, columns, used)
    state.failures[key] = (
        Diagnostic(
            diagnostic.message, diagnostic.location, hint=diagnostic.hint, notes=notes
        ),
        [row.key],
    )


def _collect_ad_sets(
    state: _Expansion, name: str, documents: list[YamlDocument]
) -> None:
    if len(documents) == 1 and isinstance(documents[0].root.value, dict | list):
        root = documents[0].root
        state.ad_sets += root.value if isinstance(root.value, list) else [root]
        return
    where = documents[1].root.loc if len(documents) > 1 else None
    state.out.append(
        Diagnostic(
            "with each: ad_set a row renders one ad set (a mapping) or a list of "
            "ad sets",
            where or (documents[0].root.loc if documents else Location(name, 1, 1)),
            hint="remove the '---' separators; the rollout's campaign: holds "
            "the campaign",
        )
    )


def _campaign(state: _Expansion) -> Rendered | None:
    rollout = state.rollout
    block = rollout.node.get("campaign")
    if block is None or not block.is_mapping:
        return None
    fields: dict[str, Node] = {
        "apiVersion": block.holding(API_VERSION, keyed=False),
        "kind": block.holding("Campaign", keyed=False),
        **block.value,
    }
    written = block.get("ad_sets")
    static = list(written.value) if written and isinstance(written.value, list) else []
    where = written or block
    fields["ad_sets"] = where.holding([*static, *state.ad_sets])
    composed = block.holding(fields)
    state.provenance.wrappers[block.loc] = rollout
    document = YamlDocument(rollout.shown, 0, composed)
    item = render_document(rollout.file, document, state.project, state.out)
    if item is None:
        return None
    rows = len(rollout.table.rows)
    label = (
        f"{rollout.shown} (rollout {rollout.label}: {rollout.template_shown}, "
        f"{rows} row{'s' if rows != 1 else ''})"
    )
    return replace(item, label=label)


def _kind(root: Node) -> Any:
    node = root.get("kind")
    return node.value if node is not None else None
