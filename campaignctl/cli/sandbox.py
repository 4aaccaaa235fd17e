"""The sandbox group: serve the API emulator."""

from __future__ import annotations

from typing import Any

import click

from campaignctl.cli.base import (
    cli,
    output_for,
)


@cli.group()
def sandbox() -> None:
    """The local emulator of the Spotify Ads API v3."""


@sandbox.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8787, show_default=True)
@click.option("--db", default=":memory:", show_default=True, help="SQLite file.")
@click.option("--account", "accounts", multiple=True, help="Extra ad account UUID.")
@click.option("--rate-limit", type=float, default=50.0, show_default=True)
@click.option("--fail-rate", type=click.FloatRange(0, 1), default=0.0)
@click.option("--ambiguous-rate", type=click.FloatRange(0, 1), default=0.0)
@click.option("--latency-ms", type=click.IntRange(0), default=0)
@click.option("--token-ttl", type=click.IntRange(1), default=3600, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--processing-ms", type=click.IntRange(0), default=500, show_default=True)
@click.pass_context
def sandbox_serve(ctx: click.Context, /, **options: Any) -> None:
    """Serve the sandbox over HTTP (uvicorn)."""
    from campaignctl.commands import sandbox as command

    ctx.exit(command.serve(out=output_for(ctx), **options))
