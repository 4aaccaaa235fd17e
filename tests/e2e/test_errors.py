"""Bad input and missing configuration end in a clear message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from campaignctl.provider.settings import MISSING_CREDENTIALS
from tests.e2e.conftest import Run, ServedSandbox


def test_broken_manifest_exits_1_with_location_and_writes_nothing(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    manifest = quickstart / "midnight-launch.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "budget: {daily: 150 USD}", "budjet: {daily: 150 USD}"
        )
    )
    for command in (("plan",), ("apply", "--auto-approve")):
        result = cli(*command, quickstart)
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            f"{manifest}:9:5: missing required field 'budget'\n"
            "  hint: e.g. budget: {daily: 150 USD}\n"
            f"{manifest}:13:5: unknown field 'budjet'\n"
            "  hint: did you mean 'budget'?\n"
            "error: 2 error(s) found\n"
        )
    assert sum(served.stats().values()) == 0  # not even a read


def test_missing_credentials_say_how_to_configure(
    cli: Callable[..., Run], quickstart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (
        "SPOTIFY_ADS_CLIENT_ID",
        "SPOTIFY_ADS_CLIENT_SECRET",
        "SPOTIFY_ADS_REFRESH_TOKEN",
        "SPOTIFY_ADS_ACCESS_TOKEN",
    ):
        monkeypatch.delenv(name, raising=False)
    result = cli("plan", quickstart)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"error: {MISSING_CREDENTIALS}\n",
    )


def test_apply_without_terminal_refuses_without_auto_approve(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    result = cli("apply", quickstart)
    assert result.code == 1
    assert "refusing to apply without confirmation" in result.err
    assert served.writes() == 0
