"""``campaignctl schema [--check] [--dir schemas]``: write or check JSON Schemas."""

from __future__ import annotations

from pathlib import Path

from campaignctl.errors import ConfigError
from campaignctl.manifest.jsonschema import schema_files
from campaignctl.output import Output


def run(*, directory: Path, check: bool, out: Output) -> int:
    expected = schema_files()
    if check:
        return _check(directory, expected, out)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in expected.items():
            (directory / name).write_text(text, encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot write schemas to {directory}: {error}") from None
    out.info(f"wrote {len(expected)} schema(s) to {directory}")
    return 0


def _check(directory: Path, expected: dict[str, str], out: Output) -> int:
    stale = [name for name, text in expected.items() if _read(directory / name) != text]
    if not stale:
        out.info(f"{len(expected)} schema(s) in {directory} are up to date")
        return 0
    for name in stale:
        out.error(f"{directory / name} is out of date")
    out.info("run `campaignctl schema` to regenerate them")
    return 1


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
