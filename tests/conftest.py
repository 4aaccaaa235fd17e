"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "spotify-ads-v3" / "openapi.yaml"


def spec_file() -> Path | None:
    """The v3 OpenAPI description, or None when this checkout has none."""
    path = Path(os.environ.get("CAMPAIGNCTL_SPEC", DEFAULT_SPEC))
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def spec_path() -> Path:
    """Path of openapi.yaml; skips (or fails in CI) when it is absent."""
    path = spec_file()
    if path is None:
        reason = (
            f"Spotify Ads v3 spec not found at {DEFAULT_SPEC} (set CAMPAIGNCTL_SPEC)"
        )
        if os.environ.get("CAMPAIGNCTL_REQUIRE_SPEC"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path
