"""The DuckDB warehouse (the embedded default). The only module importing duckdb.

Bulk inserts go through a staging CSV file that DuckDB reads with explicit
column types (much faster than row-by-row ``executemany``; exact for
decimals). File destinations are exports of these tables with DuckDB's own
``COPY ... TO`` (CSV, JSON lines, Parquet), written to a temporary name and
renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import csv
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from campaignctl.errors import WarehouseError
from campaignctl.reports.rows import Row
from campaignctl.reports.sql import SqlWarehouse, quote

FORMATS = {
    "csv": "(FORMAT csv, HEADER true)",
    "jsonl": "(FORMAT json)",
    "parquet": "(FORMAT parquet)",
}
STAGE_THRESHOLD = 64  # rows from which a staging file beats executemany


class DuckDbWarehouse(SqlWarehouse):
    placeholder = "?"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = f"duckdb:///{path}"
        self._types: dict[str, dict[str, str]] = {}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(path))
        except (duckdb.Error, OSError) as error:
            raise _error(f"cannot open the DuckDB warehouse {path}", error) from None
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self.con.execute(sql, list(params))
        except duckdb.Error as error:
            raise _error(f"DuckDB failed: {sql.split('(')[0][:80]}", error) from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.con.execute(sql, list(params)).fetchall()
        except duckdb.Error as error:
            raise _error(f"DuckDB failed: {sql[:80]}", error) from None

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        names = ", ".join(quote(c) for c in columns)
        if len(rows) < STAGE_THRESHOLD:
            marks = ", ".join("?" for _ in columns)
            values = [[row.get(c) for c in columns] for row in rows]
            try:
                self.con.executemany(
                    f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values
                )
            except duckdb.Error as error:
                raise _error(f"cannot write to {table}", error) from None
            return
        self._staged(table, columns, rows)

    def _staged(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        types = self._column_types(table)
        spec = ", ".join(f"'{c}': '{types[c]}'" for c in columns)
        with tempfile.NamedTemporaryFile(
            "w", suffix=".csv", newline="", delete=False, encoding="utf-8"
        ) as stage:
            writer = csv.writer(stage)
            for row in rows:
                writer.writerow([_csv_text(row.get(c)) for c in columns])
        try:
            names = ", ".join(quote(c) for c in columns)
            self.con.execute(
                f"INSERT INTO {quote(table)} ({names}) SELECT * FROM read_csv(?, "
                f"header = false, columns = {{{spec}}}, nullstr = '\\N', "
                "quote = '\"', escape = '\"')",
                [stage.name],
            )
        except duckdb.Error as error:
            raise _error(f"cannot write to {table}", error) from None
        finally:
            Path(stage.name).unlink(missing_ok=True)

    def _column_types(self, table: str) -> dict[str, str]:
        found = self.query(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? AND table_schema = current_schema()",
            (table,),
        )
        return {name: kind for name, kind in found}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:  # already inside one: join it
            yield
            return
        self._depth += 1
        try:
            self.con.begin()
            yield
            self.con.commit()
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth -= 1

    def _rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):  # gone already: nothing committed
            self.con.rollback()

    def table_columns(self, table: str) -> list[str] | None:
        found = self.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = current_schema() ORDER BY ordinal_position",
            (table,),
        )
        return [name for (name,) in found] or None

    def export(self, name: str, target: Path, fmt: str) -> None:
        """Write table or view ``name`` to ``target`` (atomically)."""
        temporary = target.with_name(f".{target.name}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.con.execute(
                f"COPY (SELECT * FROM {quote(name)}) TO '{_literal(temporary)}' "
                f"{FORMATS[fmt]}"
            )
            temporary.replace(target)
        except (duckdb.Error, OSError) as error:
            temporary.unlink(missing_ok=True)
            raise _error(f"cannot write {target}", error) from None

    def close(self) -> None:
        self.con.close()


def _csv_text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _literal(path: Path) -> str:
    return str(path).replace("'", "''")


def _error(message: str, error: BaseException) -> WarehouseError:
    text = (
        str(error).strip().splitlines()[0]
        if str(error).strip()
        else type(error).__name__
    )
    hint = None
    if "lock" in text.lower():
        hint = (
            "another campaignctl (or DuckDB client) has the warehouse open; wait for it"
        )
    return WarehouseError(f"{message}: {text}", hint=hint)
