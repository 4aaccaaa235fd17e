"""The PostgreSQL warehouse. The only module importing psycopg (version 3).

Rows are loaded with ``COPY ... FROM STDIN`` (psycopg adapts dates,
timestamps, decimals and booleans), inside the same transaction as the
partition's delete and the watermark. Tables go in the connection's current
schema (set it with ``options=-csearch_path=...`` in the URL).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from campaignctl.errors import WarehouseError
from campaignctl.reports.rows import Row
from campaignctl.reports.sql import SqlWarehouse, quote


class PostgresWarehouse(SqlWarehouse):
    placeholder = "%s"

    def __init__(self, url: str, *, shown: str) -> None:
        self.url = shown  # the URL without its password, for messages
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise _error(f"cannot connect to PostgreSQL at {shown}", error) from None
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self.con.execute(sql.encode(), list(params) or None)
        except psycopg.Error as error:
            raise _error(f"PostgreSQL failed: {sql[:80]}", error) from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.con.execute(sql.encode(), list(params) or None).fetchall()
        except psycopg.Error as error:
            raise _error(f"PostgreSQL failed: {sql[:80]}", error) from None

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        names = ", ".join(quote(c) for c in columns)
        statement = f"COPY {quote(table)} ({names}) FROM STDIN"
        try:
            with self.con.cursor() as cursor, cursor.copy(statement.encode()) as copy:
                for row in rows:
                    copy.write_row([row.get(c) for c in columns])
        except psycopg.Error as error:
            raise _error(f"cannot write to {table}", error) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:  # already inside one: join it
            yield
            return
        self._depth += 1
        try:
            with self.con.transaction():
                yield
        except psycopg.Error as error:
            raise _error("PostgreSQL transaction failed", error) from None
        finally:
            self._depth -= 1

    def table_columns(self, table: str) -> list[str] | None:
        found = self.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND table_schema = current_schema() ORDER BY ordinal_position",
            (table,),
        )
        return [str(name) for (name,) in found] or None

    def close(self) -> None:
        self.con.close()


def _error(message: str, error: BaseException) -> WarehouseError:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return WarehouseError(
        f"{message}: {text or type(error).__name__}",
        hint="check the --to URL (host, port, database, user) and that the server "
        "is running",
    )
