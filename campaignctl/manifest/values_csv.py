"""CSV and TSV values files: Excel's habits tolerated, every problem located.

A UTF-8 byte-order mark is dropped (by the caller), headers and cells are
trimmed, empty cells are ``none``, blank lines are skipped; a row with more
or fewer cells than the header, a duplicate or unnamed column holding data,
and a missing key column are errors at the line that has them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.rows import Row, Table, keyed_row, keyed_table


def _records(
    text: str, delimiter: str, shown: str, out: list[Diagnostic]
) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, trimmed cells) for non-blank records."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            trimmed = [c.strip() for c in cells]
            if any(trimmed):
                yield start, trimmed
    except csv.Error as error:
        out.append(
            Diagnostic(
                f"malformed CSV: {error}",
                Location(shown, line, 1),
                hint="check the quotes: a quoted cell must end with a quote",
            )
        )


def csv_table(
    text: str, shown: str, key: str, delimiter: str, out: list[Diagnostic]
) -> Table | None:
    records = _records(text, delimiter, shown, out)
    first = next(records, None)
    if first is None:
        return Table(shown, key, (), ()) if not out else None
    header_line, header = first
    columns = _header(header, header_line, shown, key, delimiter, out)
    if columns is None:
        return None
    rows = []
    for line, cells in records:
        row = _csv_row(cells, columns, line, shown, key, out)
        if row is not None:
            rows.append(row)
    return keyed_table(shown, key, tuple(c for c in columns if c), rows, out)


def _header(
    header: list[str],
    line: int,
    shown: str,
    key: str,
    delimiter: str,
    out: list[Diagnostic],
) -> list[str] | None:
    seen: dict[str, int] = {}
    ok = True
    for index, name in enumerate(header, start=1):
        if name in seen and name:
            out.append(
                Diagnostic(
                    f"column {name!r} appears twice in the header",
                    Location(shown, line, 1),
                    hint=f"columns {seen[name]} and {index} have the same name",
                )
            )
            ok = False
        seen.setdefault(name, index)
    if key not in seen:
        out.append(_missing_key(key, header, Location(shown, line, 1), delimiter))
        ok = False
    return header if ok else None


def _missing_key(
    key: str, header: list[str], where: Location, delimiter: str
) -> Diagnostic:
    hint = did_you_mean(key, [h for h in header if h])
    if delimiter == "," and len(header) == 1 and ";" in header[0]:
        hint = "the header looks separated by ';': save the file comma-separated"
    shown = ", ".join(h for h in header if h) or "none"
    return Diagnostic(
        f"the key column {key!r} is not in the header (columns: {shown})",
        where,
        hint=hint or "name the column that identifies a row with key:",
    )


def _csv_row(
    cells: list[str],
    columns: list[str],
    line: int,
    shown: str,
    key: str,
    out: list[Diagnostic],
) -> Row | None:
    where = Location(shown, line, 1)
    if len(cells) != len(columns):
        out.append(
            Diagnostic(
                f"this row has {len(cells)} cells but the header has "
                f"{len(columns)} columns",
                where,
                hint="every row needs one cell per column (empty cells are fine: a,,c)",
            )
        )
        return None
    values: dict[str, Any] = {}
    for name, cell in zip(columns, cells, strict=True):
        if name:
            values[name] = cell or None
        elif cell:
            out.append(
                Diagnostic(
                    f"the cell {cell!r} is in a column without a name",
                    where,
                    hint="give the column a name in the header",
                )
            )
            return None
    cell_places = {name: where for name in values}
    return keyed_row(values, key, where, cell_places, out)
