"""Fixtures for report tests: a delivering sandbox, a project, a warehouse.

The sandbox clock starts at 2030-01-01T00:00:00Z and moves only through
``advance``; the project's manifests declare the objects ``delivering``
creates (campaign "Summer Launch 2030", ad set "US Rock Fans 18-34", ads
"Spot 1" and "Spot 2"), so the ``__named`` views find them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from campaignctl.manifest import Workspace, load_workspace
from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.provider.auth import Credentials
from campaignctl.provider.call import Timing
from campaignctl.provider.client import HttpClient
from campaignctl.provider.reporting import ReportingApi
from campaignctl.reports.duckdb_store import DuckDbWarehouse
from campaignctl.reports.sql import SqlWarehouse
from campaignctl.reports.steps import plan_steps
from campaignctl.reports.sync import Syncer, SyncResult
from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SandboxConfig,
    SyncASGITransport,
    create_app,
)
from tests.e2e.conftest import EXAMPLES, Run
from tests.sandbox.reporting import Setup, delivering

from .manifests import project_files

ROOT = "http://sandbox.test"
ACCOUNT = "00000000-0000-4000-a000-000000000001"
CONFIG = SandboxConfig(
    clock_start="2030-01-01T00:00:00Z", rate_limit=0, processing_ms=0
)


def no_sleep(seconds: float) -> None:
    """Tests never really wait (backoff and polling delays are skipped)."""


def in_process_api(
    app: Any,
    *,
    transport: httpx.BaseTransport | None = None,
    timing: Timing | None = None,
) -> SpotifyAdsApi:
    """The real provider stack, wired to the in-process sandbox ``app``."""
    credentials = Credentials(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        refresh_token=REFRESH_TOKEN,
        token_url=f"{ROOT}/api/token",
    )
    client = HttpClient(
        httpx.Client(transport=transport or SyncASGITransport(app)),
        credentials,
        base_url=f"{ROOT}/ads/v3",
        rate_per_s=0,
        timing=timing or Timing(sleep=no_sleep),
    )
    return SpotifyAdsApi(client)


@dataclass
class World:
    """A sandbox with one delivering ad set, and a project describing it."""

    app: Any
    client: httpx.Client  # for setup and for the sandbox's own reports
    setup: Setup
    project: Path
    tmp: Path

    def advance(self, **units: float) -> None:
        reply = self.client.post(f"{ROOT}/_sandbox/advance", json=units)
        assert reply.status_code == 200, reply.text

    def write_reports(self, text: str) -> None:
        (self.project / "reports.yaml").write_text(text)

    def workspace(self) -> Workspace:
        return load_workspace([self.project])

    def warehouse(self, name: str = "warehouse.duckdb") -> DuckDbWarehouse:
        return DuckDbWarehouse(self.tmp / name)

    def sync(
        self,
        warehouse: SqlWarehouse,
        *,
        today: date,
        api: SpotifyAdsApi | None = None,
        only: tuple[str, ...] = (),
    ) -> SyncResult:
        workspace = self.workspace()
        definitions = [d for d in workspace.reports if not only or d.name in only]
        own = api or in_process_api(self.app)
        steps = plan_steps(definitions, warehouse, today=today)
        syncer = Syncer(
            own,
            ReportingApi(own.client),
            warehouse,
            today=today,
            campaigns=workspace.desired.campaigns,
            root=workspace.root,
        )
        return syncer.run(steps, definitions, lambda step, rows: None)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    app = create_app(CONFIG)
    transport = SyncASGITransport(app)
    from tests.conftest import SandboxBearer

    auth = SandboxBearer(transport, ROOT)
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(EXAMPLES / "quickstart" / "assets", project / "assets")
    for name, text in project_files().items():
        (project / name).write_text(text)
    with httpx.Client(
        transport=transport, base_url=f"{ROOT}/ads/v3", auth=auth
    ) as client:
        setup = delivering(client, ads=2)
        yield World(app, client, setup, project, tmp_path)
    app.state.sandbox.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One throwaway PostgreSQL cluster per test session (see ``postgres``)."""
    from .postgres import cluster

    with cluster() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's cluster."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"'.encode())
    return f"{postgres_server}/{name}"


@pytest.fixture
def quickstart(tmp_path: Path) -> Path:
    """A private copy of examples/quickstart (its own .campaignctl/)."""
    target = tmp_path / "quickstart"
    shutil.copytree(
        EXAMPLES / "quickstart", target, ignore=shutil.ignore_patterns(".campaignctl")
    )
    return target


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    from campaignctl.cli import main

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
