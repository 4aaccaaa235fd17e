"""``sync --to``: which warehouse (or files) the rows go to.

* nothing: ``<project>/.campaignctl/warehouse.duckdb``;
* ``duckdb:///abs/path.duckdb``, ``duckdb:rel/path.duckdb`` or a path ending in
  ``.duckdb`` / ``.db``: that DuckDB file;
* ``postgresql://user:password@host:5432/db`` (or ``postgres://``): PostgreSQL;
  the password is never printed;
* ``csv:DIR``, ``jsonl:DIR``, ``parquet:DIR`` (also ``csv:///abs/dir``): files,
  one per report table. They are exports of the project's DuckDB warehouse,
  which keeps the watermarks, so files get the same exactly-once rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from campaignctl.errors import ConfigError
from campaignctl.output import register_secret
from campaignctl.reports.sql import SqlWarehouse

DEFAULT_WAREHOUSE = Path(".campaignctl") / "warehouse.duckdb"
FILE_FORMATS = ("csv", "jsonl", "parquet")


@dataclass(frozen=True)
class Destination:
    kind: str  # duckdb, postgresql or files
    shown: str  # for messages: no password
    path: Path | None = None  # the DuckDB file
    url: str | None = None  # PostgreSQL
    export_format: str | None = None  # files: csv, jsonl or parquet
    export_dir: Path | None = None


def parse_destination(text: str | None, *, root: Path) -> Destination:
    default = root / DEFAULT_WAREHOUSE
    if text is None or not text.strip():
        return Destination("duckdb", f"duckdb:///{default}", path=default)
    text = text.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme in ("postgresql", "postgres"):
        return _postgres(text)
    if scheme == "duckdb":
        path = _path(text[len("duckdb:") :])
        return Destination("duckdb", f"duckdb:///{path}", path=path)
    if scheme in FILE_FORMATS:
        directory = _path(text[len(scheme) + 1 :])
        return Destination(
            "files",
            f"{scheme}:{directory}",
            path=default,
            export_format=scheme,
            export_dir=directory,
        )
    if text.endswith((".duckdb", ".db")):
        path = Path(text).absolute()
        return Destination("duckdb", f"duckdb:///{path}", path=path)
    raise ConfigError(
        f"--to {text!r} is not a destination campaignctl knows",
        hint="use duckdb:///path/warehouse.duckdb, postgresql://user@host/db, or "
        "csv:DIR, jsonl:DIR or parquet:DIR",
    )


def open_warehouse(destination: Destination) -> SqlWarehouse:
    """Connect (raises WarehouseError when the database cannot be opened)."""
    if destination.kind == "postgresql":
        from campaignctl.reports.postgres_store import PostgresWarehouse

        assert destination.url is not None
        return PostgresWarehouse(destination.url, shown=destination.shown)
    from campaignctl.reports.duckdb_store import DuckDbWarehouse

    assert destination.path is not None
    return DuckDbWarehouse(destination.path)


def _path(rest: str) -> Path:
    if rest.startswith("///"):
        rest = rest[2:]  # duckdb:///abs → /abs
    elif rest.startswith("//"):
        rest = rest[2:]
    if not rest:
        raise ConfigError("--to names no path", hint="e.g. duckdb:///tmp/ads.duckdb")
    return Path(rest).absolute()


def _postgres(text: str) -> Destination:
    parts = urlsplit(text)
    if parts.password:
        register_secret(parts.password)
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        raise ConfigError(
            "--to: the PostgreSQL URL has an invalid port",
            hint="write postgresql://user@host:5432/database",
        ) from None
    host = parts.hostname or "localhost"
    user = f"{parts.username}@" if parts.username else ""
    shown = urlunsplit(("postgresql", f"{user}{host}{port}", parts.path, "", ""))
    return Destination("postgresql", shown, url=text)
