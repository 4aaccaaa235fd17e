"""Files: ``sync --to csv:|jsonl:|parquet:`` exports and ``report run`` CSVs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from campaignctl.errors import ConfigError
from campaignctl.output import Output
from campaignctl.reports.definition import Account, ReportDefinition
from campaignctl.reports.destinations import Destination, open_warehouse
from campaignctl.reports.sql import SqlWarehouse

EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}


@dataclass
class Preview:
    """The warehouse ``sync --plan`` reads state from (None: nothing synced yet)."""

    store: SqlWarehouse | None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def preview_warehouse(destination: Destination) -> Preview:
    if destination.kind != "postgresql":
        assert destination.path is not None
        if not destination.path.exists():
            return Preview(None)
    return Preview(open_warehouse(destination))


def export_files(
    destination: Destination,
    warehouse: SqlWarehouse,
    definitions: Sequence[ReportDefinition],
) -> list[Path]:
    """Each report table as a file in the destination directory."""
    if destination.kind != "files":
        return []
    from campaignctl.reports.duckdb_store import DuckDbWarehouse

    assert isinstance(warehouse, DuckDbWarehouse)
    assert destination.export_dir is not None and destination.export_format
    fmt = destination.export_format
    written = []
    for definition in definitions:
        target = destination.export_dir / f"{definition.table}.{EXTENSIONS[fmt]}"
        warehouse.export(definition.table, target, fmt)
        written.append(target)
    return written


def write_csv_files(
    files: Mapping[Account, bytes], out_file: Path | None, *, out: Output
) -> list[str]:
    """One account: FILE (or stdout); several: FILE-<account>.csv each."""
    if len(files) == 1 and out_file is None:
        out.document(next(iter(files.values())).decode("utf-8-sig"))
        return []
    if out_file is None:
        raise ConfigError(
            f"this report covers {len(files)} ad accounts: one CSV file each",
            hint="pass --out FILE; campaignctl writes FILE-<account>.csv per account",
        )
    lines = []
    for account, data in files.items():
        target = out_file
        if len(files) > 1:
            target = out_file.with_name(
                f"{out_file.stem}-{account.label}{out_file.suffix}"
            )
        _write(target, data)
        rows = max(0, data.count(b"\n") - 1)
        lines.append(f"wrote {target} ({rows} row(s), ad account {account.label})")
    return lines


def _write(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
    except OSError as error:
        raise ConfigError(
            f"cannot write {target}: {error.strerror or error}",
            hint="pass --out a path in a writable directory",
        ) from None
