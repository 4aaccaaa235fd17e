"""Fixtures for the sandbox's own tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .contract import Contract


@pytest.fixture(scope="session")
def contract(spec_path: Path) -> Contract:
    """The spec validator, built once per session (loading the spec is slow)."""
    return Contract(spec_path)


@pytest.fixture
def checked_client(
    sandbox_client: httpx.Client, contract: Contract
) -> Iterator[httpx.Client]:
    """``sandbox_client`` whose every API response is validated against the spec."""
    sandbox_client.event_hooks["response"] = [contract.check]
    yield sandbox_client
