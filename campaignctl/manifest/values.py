"""Values files: the rows a rollout renders its template with.

CSV (``.csv``, ``.tsv``) rows are text: a UTF-8 byte-order mark is dropped,
headers and cells are trimmed, empty cells are ``none``, blank lines are
skipped. YAML and JSON files (``.yaml``, ``.yml``, ``.json``) hold a list of
mappings and keep their types (numbers exact, lists, nested mappings). Every
row needs a unique, non-empty key in the rollout's ``key`` column. Each cell
remembers where it was written, so an error in a rendered row can point at
``markets.csv:17: column daily_budget``.
"""

from __future__ import annotations

from pathlib import Path

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.node import Node, YamlError, plain
from campaignctl.manifest.rows import Row, Table, keyed_row, keyed_table
from campaignctl.manifest.values_csv import csv_table
from campaignctl.manifest.yaml import load_yaml

CSV_SUFFIXES = {".csv": ",", ".tsv": "\t"}
DATA_SUFFIXES = (".yaml", ".yml", ".json")
SUFFIXES = (*CSV_SUFFIXES, *DATA_SUFFIXES)

__all__ = ["Row", "Table", "inline_table", "read_table"]


def read_table(path: Path, shown: str, key: str, out: list[Diagnostic]) -> Table | None:
    """The rows of a values file; every problem goes to ``out`` (None then)."""
    text = _text(path, shown, out)
    if text is None:
        return None
    suffix = path.suffix.lower()
    problems: list[Diagnostic] = []
    if suffix in CSV_SUFFIXES:
        table = csv_table(text, shown, key, CSV_SUFFIXES[suffix], problems)
    elif suffix in DATA_SUFFIXES:
        table = _data_table(text, shown, key, problems)
    else:
        problems.append(
            Diagnostic(
                f"values file {shown} is not CSV, TSV, YAML or JSON",
                Location(shown),
                hint=f"name it with one of: {', '.join(SUFFIXES)}",
            )
        )
        table = None
    if table is not None and not table.rows and not problems:
        problems.append(
            Diagnostic(
                f"{shown} has no rows",
                Location(shown, 1, 1),
                hint="a rollout without rows would switch off everything it "
                "manages; add rows, or remove the rollout",
            )
        )
    out.extend(problems)
    return None if problems else table


def _text(path: Path, shown: str, out: list[Diagnostic]) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        out.append(
            Diagnostic(
                f"{shown} is not UTF-8 text (byte {error.start + 1})",
                Location(shown),
                hint="save it as UTF-8 (in Excel: 'CSV UTF-8')",
            )
        )
    except OSError as error:
        out.append(
            Diagnostic(
                f"cannot read values file {shown}: {error.strerror or error}",
                Location(shown),
            )
        )
    return None


# -- YAML / JSON -------------------------------------------------------------------
def _data_table(text: str, shown: str, key: str, out: list[Diagnostic]) -> Table | None:
    try:
        documents = load_yaml(text, shown)
    except YamlError as error:
        out.append(error.diagnostic)
        return None
    if not documents:
        return Table(shown, key, (), ())
    root = documents[0].root
    if len(documents) > 1 or not isinstance(root.value, list):
        out.append(
            Diagnostic(
                "a values file holds one list of rows (mappings)",
                root.loc,
                hint=f"write one '- {key}: ...' item per row",
            )
        )
        return None
    rows = [r for item in root.value if (r := _data_row(item, key, out)) is not None]
    columns = tuple(dict.fromkeys(c for r in rows for c in r.values))
    return keyed_table(shown, key, columns, rows, out)


def inline_table(node: Node, key: str, out: list[Diagnostic]) -> Table | None:
    """Rows written in the rollout itself (``values:`` as a list of mappings)."""
    problems: list[Diagnostic] = []
    items = node.value if isinstance(node.value, list) else []
    rows = [r for item in items if (r := _data_row(item, key, problems)) is not None]
    columns = tuple(dict.fromkeys(c for r in rows for c in r.values))
    table = keyed_table(node.loc.file, key, columns, rows, problems)
    if table is not None and not table.rows and not problems:
        problems.append(Diagnostic("values: the list of rows is empty", node.loc))
    out.extend(problems)
    return None if problems else table


def _data_row(item: Node, key: str, out: list[Diagnostic]) -> Row | None:
    if not item.is_mapping:
        out.append(
            Diagnostic(
                "each row must be a mapping of column: value",
                item.loc,
                hint=f"write rows like '- {{{key}: SE, daily_budget: 90}}'",
            )
        )
        return None
    try:
        values = {name: plain(node) for name, node in item.value.items()}
    except YamlError as error:
        out.append(error.diagnostic)
        return None
    places = {name: node.key_loc or node.loc for name, node in item.value.items()}
    return keyed_row(values, key, item.loc, places, out)
