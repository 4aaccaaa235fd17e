"""Rows of a values file: keyed, each cell remembering where it was written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from campaignctl.errors import Diagnostic, Location

MAX_ROWS = 100_000


@dataclass(frozen=True)
class Row:
    """One row: its key, its values by column, and where each was written."""

    key: str
    values: Mapping[str, Any]
    where: Location  # where the row starts
    cells: Mapping[str, Location] = field(default_factory=dict)
    overrides: frozenset[str] = frozenset()  # columns a rollout's overrides set

    def cell(self, column: str) -> Location:
        return self.cells.get(column, self.where)


@dataclass(frozen=True)
class Table:
    file: str  # as diagnostics show it
    key: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def keyed_row(
    values: dict[str, Any],
    key: str,
    where: Location,
    cells: dict[str, Location],
    out: list[Diagnostic],
) -> Row | None:
    raw = values.get(key)
    if (
        isinstance(raw, bool)
        or not isinstance(raw, str | int | Decimal)
        or (isinstance(raw, str) and not raw.strip())
    ):
        out.append(
            Diagnostic(
                f"this row has no {key!r} (the rollout's key column)",
                cells.get(key, where),
                hint="every row needs a short, unique key, like SE or se-pop",
            )
        )
        return None
    return Row(str(raw).strip(), values, where, cells)


def keyed_table(
    shown: str,
    key: str,
    columns: tuple[str, ...],
    rows: list[Row],
    out: list[Diagnostic],
) -> Table | None:
    if len(rows) > MAX_ROWS:
        out.append(
            Diagnostic(
                f"{shown} has {len(rows):,} rows; at most {MAX_ROWS:,} are read",
                Location(shown),
            )
        )
        return None
    first: dict[str, Row] = {}
    unique = []
    for row in rows:
        if row.key in first:
            out.append(
                Diagnostic(
                    f"duplicate key {row.key!r} in column {key!r}",
                    row.cell(key),
                    hint=f"it was first used at {first[row.key].where}; each row "
                    "needs its own key",
                )
            )
            continue
        first[row.key] = row
        unique.append(row)
    return Table(shown, key, columns, tuple(unique))
