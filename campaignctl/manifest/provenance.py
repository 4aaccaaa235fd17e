"""Where rendered manifests came from: template lines and values rows.

Each rendered row is parsed under a synthetic file name
(``<rendered row N>``); nodes keep those locations through the cascade and
validation, which stay fast because nothing is remapped up front. At the end
every diagnostic in a rendered row is translated: its location becomes the
template line that produced it (read back from the line markers) and its
notes name the values row and the columns that line reads. The same problem
in many rows is reported once, with the rows it affects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest import linemap
from campaignctl.manifest.discover import display_path
from campaignctl.manifest.node import Node
from campaignctl.manifest.rollout import Rollout
from campaignctl.manifest.template import Templates
from campaignctl.manifest.values import Row
from campaignctl.plan.origins import RolloutOrigin

_SYNTHETIC = re.compile(r"<rendered row (\d+)>(?::(\d+)(?::(\d+))?)?")
_MORE_ROWS = 6  # row keys listed when one problem repeats in many rows


@dataclass
class RowSource:
    """One rendered row: the rollout, the row and the marked output."""

    rollout: Rollout
    row: Row
    marked: str
    _origins: list[linemap.Origin | None] | None = None
    _lines: list[str] | None = None

    def origin(self, line: int) -> linemap.Origin | None:
        if self._origins is None:
            self._origins = linemap.line_origins(self.marked)
        origins = self._origins
        if not origins:
            return None
        found = origins[min(max(line, 1), len(origins)) - 1]
        return found or next((o for o in reversed(origins) if o), None)

    def line(self, number: int) -> str:
        if self._lines is None:
            self._lines = linemap.strip_marks(self.marked).split("\n")
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""


@dataclass
class Provenance:
    """Synthetic row files → their sources; translates diagnostics."""

    templates: Templates
    rows: dict[str, RowSource] = field(default_factory=dict)
    wrappers: dict[Location, Rollout] = field(default_factory=dict)

    def register(self, rollout: Rollout, row: Row, marked: str) -> str:
        """The synthetic file name the row's YAML is parsed under."""
        name = f"<rendered row {len(self.rows) + 1}>"
        self.rows[name] = RowSource(rollout, row, marked)
        return name

    def sources(self) -> dict[str, Path]:
        """Synthetic names → the template file (relative paths resolve there)."""
        root = self.templates.root
        return {name: root / s.rollout.template for name, s in self.rows.items()}

    # -- diagnostics -----------------------------------------------------------------
    def translate(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Every diagnostic located in its template and values row."""
        grouped: dict[tuple[Any, ...], tuple[Diagnostic, list[str]]] = {}
        result: list[Diagnostic] = []
        for diagnostic in diagnostics:
            translated, row = self._translated(diagnostic)
            if row is None:
                result.append(translated)
                continue
            key = (
                translated.location,
                translated.message,
                translated.hint,
                translated.rule,
                translated.severity,
            )
            if key in grouped:
                grouped[key][1].append(row)
            else:
                grouped[key] = (translated, [row])
        for first, rows in grouped.values():
            result.append(with_rows(first, rows))
        return result

    def _translated(self, diagnostic: Diagnostic) -> tuple[Diagnostic, str | None]:
        message = self._rewrite(diagnostic.message)
        hint = self._rewrite(diagnostic.hint) if diagnostic.hint else diagnostic.hint
        where = diagnostic.location
        source = self.rows.get(where.file) if where is not None else None
        if source is None or where is None:
            if message == diagnostic.message and hint == diagnostic.hint:
                return diagnostic, None
            return replace(diagnostic, message=message, hint=hint), None
        place, notes = self.place(source, where.line, where.col)
        updated = replace(
            diagnostic,
            message=message,
            hint=hint,
            location=place,
            notes=(*notes, *diagnostic.notes),
        )
        return updated, source.row.key

    def place(
        self, source: RowSource, line: int, col: int
    ) -> tuple[Location, tuple[str, ...]]:
        """The template location of a rendered line, and the row notes."""
        origin = source.origin(line)
        if origin is None:  # the row rendered nothing: the template's first line
            where = Location(source.rollout.template_shown, 1, 1)
            return where, row_notes(source, (), ())
        template_id, template_line = origin
        template = self.templates.source(template_id)
        inside = 0 < template_line <= len(template.lines)
        text = template.lines[template_line - 1] if inside else ""
        column = linemap.template_column(text, source.line(line), col) if line else 0
        shown = display_path(self.templates.root / template.name)
        columns = self.templates.columns(template_id, template_line)
        used_vars = self.templates.vars_used(template_id, template_line)
        notes = row_notes(source, columns, used_vars)
        return Location(shown, template_line, column), notes

    def _rewrite(self, text: str) -> str:
        if "<rendered row " not in text:
            return text
        return _SYNTHETIC.sub(self._replacement, text)

    def _replacement(self, match: re.Match[str]) -> str:
        source = self.rows.get(f"<rendered row {match.group(1)}>")
        if source is None:
            return match.group(0)
        line = int(match.group(2) or 0)
        place, _ = self.place(source, line, int(match.group(3) or 0))
        return f"{place} (row {source.row.key})"

    # -- origins -----------------------------------------------------------------------
    def origins(
        self, nodes: Mapping[str, Node], asset_refs: Mapping[str, Sequence[str]]
    ) -> dict[str, RolloutOrigin]:
        """Address → the rollout (and row) it was rendered from."""
        found: dict[str, RolloutOrigin] = {}
        for address, node in nodes.items():
            origin = self._origin(node)
            if origin is not None:
                found[address] = origin
        for asset, ads in asset_refs.items():
            origin = _shared([found.get(ad) for ad in ads])
            if origin is not None:
                found[asset] = origin
        return found

    def _origin(self, node: Node) -> RolloutOrigin | None:
        source = self.rows.get(node.loc.file)
        if source is not None:
            rollout, row = source.rollout, source.row
            return RolloutOrigin(
                rollout=rollout.label,
                file=rollout.shown,
                row=row.key,
                values_file=rollout.table.file,
                line=row.where.line,
            )
        wrapper = self.wrappers.get(node.loc)
        if wrapper is None:
            return None
        return RolloutOrigin(rollout=wrapper.label, file=wrapper.shown)


def _shared(origins: list[RolloutOrigin | None]) -> RolloutOrigin | None:
    """One origin for an asset: its rollout, and its row when only one uses it."""
    if not origins or any(o is None for o in origins):
        return None
    known = [o for o in origins if o is not None]
    if len({o.rollout for o in known}) != 1:
        return None
    first = known[0]
    if len({o.row for o in known}) == 1:
        return first
    return RolloutOrigin(rollout=first.rollout, file=first.file)


def row_notes(
    source: RowSource, columns: Sequence[str], used_vars: Sequence[str]
) -> tuple[str, ...]:
    rollout, row = source.rollout, source.row
    notes = []
    for column in columns:
        if column not in row.values:
            continue
        word = "override" if column in row.overrides else "column"
        value = _brief(row.values[column])
        notes.append(
            f"{_where(row.cell(column))}: {word} {column} = {value} (row {row.key})"
        )
    places = {key: node.key_loc or node.loc for key, node in _vars(rollout).items()}
    for name in used_vars:
        if name in places:
            value = _brief(rollout.vars.get(name))
            notes.append(f"{_where(places[name])}: vars.{name} = {value}")
    if not notes:
        notes.append(f"{_where(row.where)}: row {row.key}")
    return tuple(notes)


def _vars(rollout: Rollout) -> dict[str, Node]:
    block = rollout.node.get("vars")
    return dict(block.value) if block is not None and block.is_mapping else {}


def _where(location: Location) -> str:
    if location.col <= 1 and location.line:
        return f"{location.file}:{location.line}"
    return str(location)


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def with_rows(diagnostic: Diagnostic, rows: list[str]) -> Diagnostic:
    if len(rows) == 1:
        return diagnostic
    listed = ", ".join(rows[1 : 1 + _MORE_ROWS])
    more = len(rows) - 1 - _MORE_ROWS
    tail = f" and {more} more" if more > 0 else ""
    note = f"the same problem in {len(rows) - 1} more row(s): {listed}{tail}"
    return replace(diagnostic, notes=(*diagnostic.notes, note))
