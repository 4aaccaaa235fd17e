"""Finding the project file and the manifest files (the file-system edge)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

PROJECT_FILE = "campaignctl.yaml"
MANIFEST_SUFFIXES = (".yaml", ".yml")
TEMPLATE_SUFFIX = ".j2"
_SKIPPED_DIRS = {".campaignctl"}


def find_project_file(paths: Sequence[Path], *, cwd: Path | None = None) -> Path | None:
    """campaignctl.yaml walking up from the first path, else from the cwd."""
    starts = [paths[0]] if paths else []
    starts.append(cwd or Path.cwd())
    for start in starts:
        found = _walk_up(start.resolve())
        if found:
            return found
    return None


def _walk_up(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / PROJECT_FILE
        if path.is_file():
            return path
    return None


def project_root(
    paths: Sequence[Path], project_file: Path | None, *, cwd: Path | None = None
) -> Path:
    """The project file's directory, else the paths' common parent, else cwd."""
    if project_file is not None:
        return project_file.parent
    folders = [str(p.resolve() if p.is_dir() else p.resolve().parent) for p in paths]
    if not folders:
        return (cwd or Path.cwd()).resolve()
    return Path(os.path.commonpath(folders))


def manifest_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(manifests, skipped templates): files as given, directories recursively.

    Hidden directories, ``.campaignctl/`` and the project file are skipped;
    the result is sorted and without duplicates.
    """
    found: dict[Path, None] = {}
    templates: dict[Path, None] = {}
    for path in paths:
        for file in _expand(path):
            if file.name == PROJECT_FILE:
                continue
            target = templates if file.name.endswith(TEMPLATE_SUFFIX) else found
            target[file.resolve()] = None
    return sorted(found), sorted(templates)


def _expand(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    files = []
    for folder, dirs, names in os.walk(path):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS
        )
        for name in sorted(names):
            if name.startswith("."):
                continue
            if name.endswith(MANIFEST_SUFFIXES) or name.endswith(
                tuple(s + TEMPLATE_SUFFIX for s in MANIFEST_SUFFIXES)
            ):
                files.append(Path(folder) / name)
    return files


def display_path(path: Path) -> str:
    """``path`` relative to the cwd when inside it, else as given (POSIX)."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
