"""What DuckDB and PostgreSQL warehouses share: DDL, partition replace, state.

The SQL here is the common subset of both (quoted identifiers, standard
types, ``ALTER TABLE ... ADD COLUMN IF NOT EXISTS``); each store supplies
the connection, its placeholder and a fast bulk insert. Writing a partition
is one transaction: delete the partition's rows (rows can vanish on a
re-pull: an entity that stopped matching a status filter), insert the new
ones, and move the watermark. A crash at any point leaves either the old
partition and watermark or the new ones.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from campaignctl.reports.rows import Row
from campaignctl.reports.tables import ENTITIES, STATE, Kind, Table

SQL_TYPES = {
    Kind.TEXT: "TEXT",
    Kind.DATE: "DATE",
    Kind.TIMESTAMP: "TIMESTAMP",
    Kind.BIGINT: "BIGINT",
    Kind.DECIMAL: "DECIMAL(18,6)",
    Kind.DOUBLE: "DOUBLE PRECISION",
    Kind.BOOLEAN: "BOOLEAN",
}


@dataclass(frozen=True)
class SyncState:
    """One row of ``_campaignctl_sync_state``: a report in one account."""

    report: str
    ad_account_id: str
    report_key: str
    shape: str
    watermark: date | None = None
    last_span_first: date | None = None
    last_span_last: date | None = None
    rows_written: int = 0
    last_success_at: datetime | None = None
    pending_async_report_id: str | None = None
    pending_request: str | None = None


@dataclass(frozen=True)
class Partition:
    """The rows a fetch replaces: one account's buckets in [first, stop)."""

    ad_account_id: str
    bucket: str  # the bucket column
    first: date | datetime
    stop: date | datetime  # exclusive
    attribution_window: str


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqlWarehouse(ABC):
    """A warehouse over a DB-API-like connection (see the module docstring)."""

    placeholder = "?"

    # -- what each store provides ---------------------------------------------
    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Row]
    ) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def table_columns(self, table: str) -> list[str] | None:
        """The columns of ``table`` in order, or None when it does not exist."""

    @abstractmethod
    def close(self) -> None: ...

    # -- schema ------------------------------------------------------------------
    def prepare(self, tables: Sequence[Table]) -> None:
        """Create what is missing; add new columns (never drop any)."""
        with self.transaction():
            for table in (STATE, ENTITIES, *tables):
                self._ensure(table)

    def missing_columns(self, table: Table) -> list[str] | None:
        """Columns ``prepare`` would add (None: the whole table is new)."""
        existing = self.table_columns(table.name)
        if existing is None:
            return None
        return [name for name in table.names if name not in existing]

    def _ensure(self, table: Table) -> None:
        existing = self.table_columns(table.name)
        if existing is None:
            columns = [f"{quote(c.name)} {SQL_TYPES[c.kind]}" for c in table.columns]
            key = ", ".join(quote(k) for k in table.key)
            body = ", ".join([*columns, f"PRIMARY KEY ({key})"])
            self.execute(f"CREATE TABLE {quote(table.name)} ({body})")
            return
        for column in table.columns:
            if column.name not in existing:
                self.execute(
                    f"ALTER TABLE {quote(table.name)} ADD COLUMN IF NOT EXISTS "
                    f"{quote(column.name)} {SQL_TYPES[column.kind]}"
                )

    # -- state ---------------------------------------------------------------------
    def state(self, report: str, account_id: str) -> SyncState | None:
        if self.table_columns(STATE.name) is None:
            return None  # nothing synced here yet
        names = [f.name for f in fields(SyncState)]
        p = self.placeholder
        rows = self.query(
            f"SELECT {', '.join(quote(n) for n in names)} FROM {quote(STATE.name)} "
            f"WHERE report = {p} AND ad_account_id = {p}",
            (report, account_id),
        )
        return SyncState(*rows[0]) if rows else None

    def save_pending(
        self, state: SyncState, fingerprint: str | None, report_id: str | None
    ) -> SyncState:
        """Record (or clear) the async report being made, at once."""
        updated = SyncState(
            **{
                **state.__dict__,
                "pending_async_report_id": report_id,
                "pending_request": fingerprint if report_id else None,
            }
        )
        with self.transaction():
            self._put_state(updated)
        return updated

    def _put_state(self, state: SyncState) -> None:
        p = self.placeholder
        self.execute(
            f"DELETE FROM {quote(STATE.name)} WHERE report = {p} "
            f"AND ad_account_id = {p}",
            (state.report, state.ad_account_id),
        )
        self.insert(STATE.name, STATE.names, [state.__dict__])

    # -- partitions ----------------------------------------------------------------
    def replace(
        self, table: Table, partition: Partition, rows: Sequence[Row], state: SyncState
    ) -> None:
        """Partition replace and the new state, in one transaction."""
        p = self.placeholder
        bucket = quote(partition.bucket)
        with self.transaction():
            self.execute(
                f"DELETE FROM {quote(table.name)} WHERE ad_account_id = {p} "
                f"AND {bucket} >= {p} AND {bucket} < {p} AND attribution_window = {p}",
                (
                    partition.ad_account_id,
                    partition.first,
                    partition.stop,
                    partition.attribution_window,
                ),
            )
            if rows:
                self.insert(table.name, table.names, rows)
            self._put_state(state)

    def replace_entities(self, account_id: str, rows: Sequence[Row]) -> None:
        with self.transaction():
            self.execute(
                f"DELETE FROM {quote(ENTITIES.name)} WHERE ad_account_id = "
                f"{self.placeholder}",
                (account_id,),
            )
            if rows:
                self.insert(ENTITIES.name, ENTITIES.names, rows)

    def refresh_views(self, statements: Iterator[str] | Sequence[str]) -> None:
        with self.transaction():
            for statement in statements:
                self.execute(statement)

    def rows(self, table: str, order: Sequence[str]) -> list[tuple[Any, ...]]:
        """Every row of ``table`` (tests and exports), in key order."""
        by = ", ".join(quote(c) for c in order)
        return self.query(f"SELECT * FROM {quote(table)} ORDER BY {by}")
