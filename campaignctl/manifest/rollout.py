"""Rollouts: a template, its values rows and per-row overrides, checked.

A rollout comes from a ``kind: Rollout`` manifest or from a template's own
front matter. Everything it points at is read here (the template compiled,
the values file parsed, overrides applied) so rendering can run row by row.
Paths are relative to the file that writes them and stay inside the project.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.diagnose import translate_errors
from campaignctl.manifest.discover import TEMPLATE_SUFFIX, display_path
from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.frontmatter import front_matter_block
from campaignctl.manifest.node import Node, YamlDocument, YamlError, plain
from campaignctl.manifest.spec.rollout import FrontMatter, RolloutFields, RolloutSpec
from campaignctl.manifest.template import Failure, Templates
from campaignctl.manifest.values import Row, Table, inline_table, read_table
from campaignctl.manifest.yaml import load_yaml


@dataclass(frozen=True)
class Rollout:
    """A checked rollout, ready to render row by row."""

    label: str  # its name, else the file that declares it
    file: Path  # the declaring file (a Rollout manifest, or the template)
    shown: str
    node: Node  # the rollout mapping, for locations
    fields: RolloutFields
    template: str  # template name, relative to the project root
    template_shown: str
    table: Table
    overridden: frozenset[str] = frozenset()  # row keys with overrides

    @property
    def vars(self) -> dict[str, Any]:
        return dict(self.fields.vars)


def is_rollout(document: YamlDocument) -> bool:
    kind = document.root.get("kind") if document.root.is_mapping else None
    return kind is not None and kind.value == "Rollout"


def referenced_templates(file: Path, document: YamlDocument) -> set[Path]:
    """The template a Rollout document names, resolved (even if it is invalid)."""
    return referenced(file, document.root, "template")


def referenced_values(file: Path, root: Node) -> set[Path]:
    """The values file a rollout names, resolved (not a manifest to load)."""
    return referenced(file, root, "values")


def referenced(file: Path, root: Node, key: str) -> set[Path]:
    node = root.get(key) if root.is_mapping else None
    if node is None or not isinstance(node.value, str):
        return set()
    return {(file.parent / node.value).resolve()}


def failure_diagnostic(failure: Failure, templates: Templates) -> Diagnostic:
    """A template failure located in its file (shown as diagnostics show files).

    Jinja knows the line only; the column is the line's first ``{{`` (or
    ``{%``), where the failing expression most likely is.
    """
    shown = display_path(templates.root / failure.file)
    column = 0
    template_id = templates.id_of(failure.file)
    if failure.line and template_id >= 0:
        lines = templates.source(template_id).lines
        text = lines[failure.line - 1] if failure.line <= len(lines) else ""
        found = [i for i in (text.find("{{"), text.find("{%")) if i >= 0]
        column = min(found) + 1 if found else 1
    where = Location(shown, failure.line, column)
    return Diagnostic(failure.message, where, hint=failure.hint)


def rollout_from_document(
    file: Path, document: YamlDocument, templates: Templates, out: list[Diagnostic]
) -> Rollout | None:
    """A ``kind: Rollout`` document, checked with everything it references."""
    spec = _validated(RolloutSpec, document.root, out)
    if not isinstance(spec, RolloutSpec):
        return None
    where = document.root.get("template") or document.root
    template = _template(file.parent / spec.template, spec.template, where, out)
    if template is None or not _compiles(template, templates, out):
        return None
    name = templates.name_of(template)
    assert name is not None  # _template checked confinement
    return _finish(file, document.file, document.root, spec, name, templates, out)


def rollout_from_template(
    path: Path, templates: Templates, out: list[Diagnostic]
) -> Rollout | bool | None:
    """The rollout in a template's front matter; False when it has none."""
    shown = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        out.append(Diagnostic(f"cannot read template: {reason}", Location(shown)))
        return None
    block, end = front_matter_block(text)
    if not end:
        return False
    try:
        documents = load_yaml(block, shown)
    except YamlError as error:
        out.append(error.diagnostic)
        return None
    root = documents[0].root if documents else Node.located({}, Location(shown, 1, 1))
    spec = _validated(FrontMatter, root, out)
    name = templates.name_of(path)
    if not isinstance(spec, FrontMatter) or name is None:
        return None
    if not _compiles(path, templates, out):
        return None
    return _finish(path, shown, root, spec, name, templates, out)


def _validated(model: type[Any], node: Node, out: list[Diagnostic]) -> Any:
    if not node.is_mapping:
        out.append(Diagnostic("a rollout must be a mapping", node.loc))
        return None
    try:
        return model.model_validate(plain(node))
    except ValidationError as error:
        out.extend(translate_errors(error, node, model))
    except YamlError as error:
        out.append(error.diagnostic)
    return None


def _template(
    path: Path, written: str, where: Node, out: list[Diagnostic]
) -> Path | None:
    if not written.endswith(TEMPLATE_SUFFIX):
        out.append(
            Diagnostic(
                f"template {written} is not a *.j2 file",
                where.loc,
                hint="name templates like ad-set.yaml.j2",
            )
        )
        return None
    if not path.is_file():
        out.append(
            Diagnostic(
                f"template not found: {written}",
                where.loc,
                hint="paths are relative to the rollout file",
            )
        )
        return None
    return path


def _compiles(path: Path, templates: Templates, out: list[Diagnostic]) -> bool:
    name = templates.name_of(path)
    if name is None:
        out.append(
            Diagnostic(
                f"template {display_path(path)} is outside the project directory "
                f"{templates.root}",
                Location(display_path(path)),
                hint="keep templates inside the project (where campaignctl.yaml is)",
            )
        )
        return False
    failure = templates.check(name)
    if failure is not None:
        out.append(failure_diagnostic(failure, templates))
    return failure is None


def _finish(
    file: Path,
    shown: str,
    node: Node,
    fields: RolloutFields,
    template: str,
    templates: Templates,
    out: list[Diagnostic],
) -> Rollout | None:
    problems: list[Diagnostic] = []
    _check_each(fields, node, problems)
    table = _table(file, node, fields, templates.root, problems)
    if table is not None:
        table, overridden = _overridden(table, node, fields, problems)
    out.extend(problems)
    if problems or table is None:
        return None
    return Rollout(
        label=fields.name or shown,
        file=file,
        shown=shown,
        node=node,
        fields=fields,
        template=template,
        template_shown=display_path(templates.root / template),
        table=table,
        overridden=overridden,
    )


def _check_each(fields: RolloutFields, node: Node, out: list[Diagnostic]) -> None:
    block = node.get("campaign")
    if fields.each == "ad_set" and block is None:
        out.append(
            Diagnostic(
                "each: ad_set needs a campaign: block",
                (node.get("each") or node).loc,
                hint="write the campaign the rows' ad sets go in under campaign:",
            )
        )
    elif fields.each == "campaign" and block is not None:
        out.append(
            Diagnostic(
                "campaign: is only used with each: ad_set",
                block.key_loc or block.loc,
                hint="with each: campaign the template renders whole campaigns",
            )
        )


def _table(
    file: Path, node: Node, fields: RolloutFields, root: Path, out: list[Diagnostic]
) -> Table | None:
    written = node.get("values")
    assert written is not None  # required by the model
    if not isinstance(fields.values, str):
        return inline_table(written, fields.key, out)
    path = (file.parent / fields.values).resolve()
    if not path.is_relative_to(root):
        out.append(
            Diagnostic(
                f"values file {fields.values} is outside the project directory {root}",
                written.loc,
                hint="keep values files inside the project (where campaignctl.yaml is)",
            )
        )
        return None
    if not path.is_file():
        out.append(
            Diagnostic(
                f"values file not found: {fields.values}",
                written.loc,
                hint="paths are relative to the file that names them",
            )
        )
        return None
    return read_table(path, display_path(path), fields.key, out)


def _overridden(
    table: Table, node: Node, fields: RolloutFields, out: list[Diagnostic]
) -> tuple[Table, frozenset[str]]:
    block = node.get("overrides")
    if block is None or not block.is_mapping:
        return table, frozenset()
    rows = {row.key: row for row in table.rows}
    changed: dict[str, Row] = {}
    for key, values in block.value.items():
        row = rows.get(key)
        if row is None:
            guess = did_you_mean(key, rows) or f"row keys: {_some(list(rows))}"
            out.append(
                Diagnostic(
                    f"overrides: no row has the key {key!r}",
                    values.key_loc or values.loc,
                    hint=guess,
                )
            )
            continue
        changed[key] = _override(row, values, table, out)
    rows.update(changed)
    updated = tuple(rows[row.key] for row in table.rows)
    return replace(table, rows=updated), frozenset(changed)


def _override(row: Row, block: Node, table: Table, out: list[Diagnostic]) -> Row:
    if not block.is_mapping:
        return row
    values, cells = dict(row.values), dict(row.cells)
    overrides = set(row.overrides)
    for column, node in block.value.items():
        where = node.key_loc or node.loc
        if column == table.key:
            out.append(
                Diagnostic(
                    f"overrides cannot change the key column {column!r}",
                    where,
                    hint="change the key in the values file instead",
                )
            )
        elif column not in table.columns:
            hint = did_you_mean(column, table.columns)
            out.append(
                Diagnostic(
                    f"overrides: {table.file} has no column {column!r}",
                    where,
                    hint=hint or f"columns: {', '.join(table.columns)}",
                )
            )
        else:
            values[column], cells[column] = plain(node), where
            overrides.add(column)
    return replace(row, values=values, cells=cells, overrides=frozenset(overrides))


def _some(keys: list[str]) -> str:
    shown = ", ".join(keys[:8])
    return shown + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
