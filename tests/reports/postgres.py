"""A throwaway PostgreSQL cluster for tests: ``initdb`` + ``pg_ctl`` on a free port.

The binaries come from PATH or Debian's ``/usr/lib/postgresql/<version>/bin``.
PostgreSQL refuses to run as root, so as root the cluster runs as the
``postgres`` OS user (created by Debian's package) through ``runuser``.
Without the binaries the tests skip with a reason — except in CI, where
``CAMPAIGNCTL_REQUIRE_POSTGRES=1`` turns that into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRE = "CAMPAIGNCTL_REQUIRE_POSTGRES"


def binaries() -> Path | None:
    """The directory holding initdb and pg_ctl, if PostgreSQL is installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


def skip_or_fail(reason: str) -> None:
    if os.environ.get(REQUIRE):
        pytest.fail(f"{reason} ({REQUIRE} is set, as in CI)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield the base URL ``postgresql://postgres@127.0.0.1:P``."""
    bin_dir = binaries()
    if bin_dir is None:
        skip_or_fail("PostgreSQL is not installed (apt-get install postgresql)")
        raise AssertionError("unreachable")
    root = Path(tempfile.mkdtemp(prefix="campaignctl-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group="postgres")
    data, port = root / "data", _free_port()
    run = _runner(root)
    run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
        ]
    )
    options = f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off -c full_page_writes=off"
    run(
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "log"),
            "-w",
            "start",
        ]
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def _runner(root: Path):  # type: ignore[no-untyped-def]
    def run(command: list[str]) -> None:
        done = subprocess.run(
            _as_owner(command), capture_output=True, text=True, cwd=root, check=False
        )
        if done.returncode != 0:
            log = (root / "log").read_text() if (root / "log").exists() else ""
            raise RuntimeError(
                f"{command[0]} failed ({done.returncode}): {done.stderr}\n{log}"
            )

    return run
