"""Reliability tests reuse the end-to-end fixtures (the real CLI, in-process)."""

from tests.e2e.conftest import cli, served

__all__ = ["cli", "served"]
