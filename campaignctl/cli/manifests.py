"""Offline commands: validate, render, schema."""

from __future__ import annotations

from pathlib import Path

import click

from campaignctl.cli.base import (
    PATHS,
    cli,
    output_for,
)


@cli.command()
@PATHS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str) -> None:
    """Check manifests offline: schema and the API's documented rules."""
    from campaignctl.commands import validate as command

    ctx.exit(command.run(paths, out=output_for(ctx), fmt=fmt))


@cli.command()
@PATHS
@click.pass_context
def render(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Print the manifests after templating, as YAML."""
    from campaignctl.commands import render as command

    ctx.exit(command.run(paths, out=output_for(ctx)))


@cli.command()
@click.option("--check", is_flag=True, help="Fail if schemas/ is out of date.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
)
@click.pass_context
def schema(ctx: click.Context, check: bool, directory: Path) -> None:
    """Write (or check) the JSON Schemas of the manifest format."""
    from campaignctl.commands import schema as command

    ctx.exit(command.run(directory=directory, check=check, out=output_for(ctx)))
