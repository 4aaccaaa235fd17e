"""SQLite persistence: one connection behind one lock.

Every object (accounts, campaigns, ad sets, ads, assets, drafts, upload
sessions) is a row of ``objects`` holding its public JSON (``body``, exactly
what the API returns) and private bookkeeping (``state``), plus a few
columns for filtering and sorting. Because ``body`` is always current (lazy
time-based transitions are materialised by ``due`` before each request),
list responses are built by concatenating stored JSON text.

All access goes through ``transaction()``, which holds the lock for the whole
read-modify-write, so concurrent requests never lose or duplicate writes.
Callers never ``await`` inside a transaction.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

JSON = dict[str, Any]

SCHEMA = resources.files("campaignctl.sandbox").joinpath("data/schema.sql")

ORDER_CACHE_SIZE = 32
_COLUMNS = "kind, id, account_id, parent_id, created, updated, due, body, state"


def dump(value: Any) -> str:
    """Compact JSON, the one serialisation used for stored bodies."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


@dataclass
class Record:
    """One stored object; ``body`` is its public JSON, ``state`` is private."""

    kind: str
    id: str
    account_id: str | None
    body: JSON
    created: float
    updated: float
    parent_id: str | None = None
    state: JSON = field(default_factory=dict)
    due: float | None = None


@dataclass(frozen=True)
class Page:
    total: int
    bodies: list[str]


class Store:
    """The sandbox database. Thread-safe; re-entrant transactions."""

    def __init__(self, path: str) -> None:
        if path != ":memory:" and not path.startswith("file:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            path, check_same_thread=False, isolation_level=None
        )
        # Unicode-aware lower-casing for name filters (SQLite's lower() is ASCII)
        self._conn.create_function("casefold", 1, _casefold, deterministic=True)
        self._lock = threading.RLock()
        self._depth = 0
        # list orderings cached per query until the next write (see ``page``)
        self._generation = 0
        self._orders: OrderedDict[tuple[Any, ...], tuple[int, list[int]]] = (
            OrderedDict()
        )
        if path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.executescript(SCHEMA.read_text(encoding="utf-8"))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Hold the lock; commit at the outermost level, roll back on error."""
        with self._lock:
            outermost = self._depth == 0
            if outermost:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outermost:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outermost:
                self._conn.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement under the lock (for modules owning a table)."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _write(self, sql: str, params: Sequence[Any]) -> None:
        with self._lock:
            self._generation += 1
            self._conn.execute(sql, params)

    # -- objects ---------------------------------------------------------------
    def get(self, kind: str, object_id: str) -> Record | None:
        rows = self.execute(
            f"SELECT {_COLUMNS} FROM objects WHERE kind = ? AND id = ?",
            (kind, object_id),
        )
        return _record(rows[0]) if rows else None

    def children(self, kind: str, parent_id: str) -> list[Record]:
        rows = self.execute(
            f"SELECT {_COLUMNS} FROM objects WHERE kind = ? AND parent_id = ? "
            "ORDER BY seq",
            (kind, parent_id),
        )
        return [_record(row) for row in rows]

    def records(self, kind: str, account_id: str | None = None) -> list[Record]:
        """Every object of a kind (in one account), oldest first."""
        where, params = ("kind = ?", [kind])
        if account_id is not None:
            where, params = ("kind = ? AND account_id = ?", [kind, account_id])
        rows = self.execute(
            f"SELECT {_COLUMNS} FROM objects WHERE {where} ORDER BY seq", params
        )
        return [_record(row) for row in rows]

    def insert(self, record: Record) -> None:
        self._write(
            "INSERT INTO objects (kind, id, account_id, parent_id, name, status, "
            "created, updated, due, body, state) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            _row(record),
        )

    def insert_many(self, records: Sequence[Record]) -> None:
        """Bulk insert (seeding); one statement per row, one transaction."""
        with self.transaction():
            self._generation += 1
            self._conn.executemany(
                "INSERT INTO objects (kind, id, account_id, parent_id, name, status, "
                "created, updated, due, body, state) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [_row(record) for record in records],
            )

    def update(self, record: Record) -> None:
        kind, object_id, *rest = _row(record)
        self._write(
            "UPDATE objects SET account_id=?, parent_id=?, name=?, status=?, "
            "created=?, updated=?, due=?, body=?, state=? WHERE kind=? AND id=?",
            (*rest, kind, object_id),
        )

    def delete(self, kind: str, object_id: str) -> None:
        self._write("DELETE FROM objects WHERE kind = ? AND id = ?", (kind, object_id))

    def any_due(self, now: float) -> bool:
        """Whether ``due`` would return anything."""
        rows = self.execute(
            "SELECT 1 FROM objects WHERE due IS NOT NULL AND due <= ? LIMIT 1", (now,)
        )
        return bool(rows)

    def due(self, now: float) -> list[Record]:
        """Objects whose next time-based transition is at or before ``now``."""
        rows = self.execute(
            f"SELECT {_COLUMNS} FROM objects WHERE due IS NOT NULL AND due <= ? "
            "ORDER BY due, seq",
            (now,),
        )
        return [_record(row) for row in rows]

    def page(
        self,
        kind: str,
        account_id: str,
        *,
        where: Sequence[str] = (),
        params: Sequence[Any] = (),
        order: str,
        limit: int,
        offset: int,
    ) -> Page:
        """A sorted page of stored bodies (raw JSON text) and the total count.

        ``where`` and ``order`` are SQL fragments from the caller's whitelist,
        never user text; user values travel in ``params``.
        """
        clause = " AND ".join(["kind = ?", "account_id = ?", *where])
        args = [kind, account_id, *params]
        with self._lock:
            order_of = self._ordering(clause, args, order)
            wanted = order_of[offset : offset + limit]
            marks = ",".join("?" * len(wanted))
            rows = self._conn.execute(
                f"SELECT seq, body FROM objects WHERE seq IN ({marks})", wanted
            ).fetchall()
        bodies = dict(rows)
        return Page(total=len(order_of), bodies=[bodies[seq] for seq in wanted])

    def _ordering(self, clause: str, args: list[Any], order: str) -> list[int]:
        """The sorted ``seq`` of every match, cached until the next write.

        A sweep through a large list then costs one sort plus one 50-row
        primary-key fetch per page, instead of an OFFSET scan and a count.
        """
        key = (clause, tuple(args), order)
        cached = self._orders.get(key)
        if cached is not None and cached[0] == self._generation:
            self._orders.move_to_end(key)
            return cached[1]
        rows = self._conn.execute(
            f"SELECT seq FROM objects WHERE {clause} ORDER BY {order}", args
        ).fetchall()
        ordering = [row[0] for row in rows]
        self._orders[key] = (self._generation, ordering)
        while len(self._orders) > ORDER_CACHE_SIZE:
            self._orders.popitem(last=False)
        return ordering

    # -- meta --------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        rows = self.execute("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def max_seq(self) -> int:
        """How many rows were ever written (deleted ones included)."""
        rows = self.execute(
            "SELECT coalesce(sum(seq), 0) FROM sqlite_sequence "
            "WHERE name IN ('objects', 'changes')"
        )
        return int(rows[0][0])


def _casefold(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else None


def _row(record: Record) -> tuple[Any, ...]:
    name = record.body.get("name")
    status = record.body.get("status")
    return (
        record.kind,
        record.id,
        record.account_id,
        record.parent_id,
        name.lower() if isinstance(name, str) else None,
        status if isinstance(status, str) else None,
        record.created,
        record.updated,
        record.due,
        dump(record.body),
        dump(record.state),
    )


def _record(row: tuple[Any, ...]) -> Record:
    kind, object_id, account_id, parent_id, created, updated, due, body, state = row
    return Record(
        kind=kind,
        id=object_id,
        account_id=account_id,
        parent_id=parent_id,
        body=json.loads(body),
        state=json.loads(state),
        created=created,
        updated=updated,
        due=due,
    )
