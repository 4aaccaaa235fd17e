"""End-to-end helpers: run the real CLI against the sandbox."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from campaignctl.cli import main
from campaignctl.sandbox import CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WRITE_PREFIXES = (
    "create",
    "update",
    "upload",
    "start",
    "transfer",
    "complete",
    "publish",
)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``cli("plan", path, ...)`` runs campaignctl in-process and captures output."""

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def quickstart(tmp_path: Path) -> Path:
    """A private copy of examples/quickstart (its own .campaignctl/)."""
    target = tmp_path / "quickstart"
    shutil.copytree(
        EXAMPLES / "quickstart", target, ignore=shutil.ignore_patterns(".campaignctl")
    )
    return target


@dataclass
class ServedSandbox:
    """A sandbox over real HTTP, with the env vars the CLI reads set."""

    api_url: str

    @property
    def root(self) -> str:
        return self.api_url.removesuffix("/ads/v3")

    def client(self) -> httpx.Client:
        token = httpx.post(
            f"{self.root}/api/token",
            data={"grant_type": "refresh_token", "refresh_token": REFRESH_TOKEN},
            auth=(CLIENT_ID, CLIENT_SECRET),
        ).json()["access_token"]
        return httpx.Client(
            base_url=self.api_url, headers={"Authorization": f"Bearer {token}"}
        )

    def stats(self) -> dict[str, int]:
        requests: dict[str, int] = httpx.get(f"{self.root}/_sandbox/stats").json()[
            "requests"
        ]
        return requests

    def writes(self) -> int:
        """How many write operations the sandbox has served."""
        return sum(n for op, n in self.stats().items() if op.startswith(WRITE_PREFIXES))


@pytest.fixture
def served(
    sandbox_server: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ServedSandbox]:
    monkeypatch.setenv("CAMPAIGNCTL_API_URL", sandbox_server)
    monkeypatch.setenv(
        "CAMPAIGNCTL_TOKEN_URL", sandbox_server.removesuffix("/ads/v3") + "/api/token"
    )
    monkeypatch.setenv("SPOTIFY_ADS_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("SPOTIFY_ADS_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("SPOTIFY_ADS_REFRESH_TOKEN", REFRESH_TOKEN)
    monkeypatch.delenv("SPOTIFY_ADS_ACCESS_TOKEN", raising=False)
    yield ServedSandbox(sandbox_server)


def find(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    [item] = [i for i in items if i["name"] == name]
    return item
