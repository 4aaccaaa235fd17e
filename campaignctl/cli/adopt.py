"""drift and import: what the account holds beyond the manifests."""

from __future__ import annotations

from pathlib import Path

import click

from campaignctl.cli.base import (
    FORMATS,
    PATHS,
    api_options,
    cli,
    output_for,
    sandbox_wanted,
)


@cli.command()
@PATHS
@click.option("--format", "fmt", type=FORMATS, default="text")
@click.option("--parallelism", type=click.IntRange(1, 64), default=8, show_default=True)
@api_options
@click.pass_context
def drift(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    parallelism: int,
    sandbox_here: bool,
    verbose_here: int,
) -> None:
    """Live changes made outside campaignctl, attributed via change history.

    Exit codes: 0 no drift, 2 drift found, 1 error.
    """
    from campaignctl.commands import drift as command

    ctx.exit(
        command.run(
            paths,
            out=output_for(ctx, verbose_here),
            sandbox=sandbox_wanted(ctx, sandbox_here),
            fmt=fmt,
            parallelism=parallelism,
        )
    )


@cli.command("import")
@click.option("--account", required=True, help="The ad account's UUID.")
@click.option(
    "--campaign",
    "names",
    multiple=True,
    metavar="NAME",
    help="Import only this campaign (repeatable; exact name). Default: all.",
)
@click.option(
    "--out",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write the manifests to.",
)
@click.option(
    "--download-assets",
    is_flag=True,
    help="Download the creative files into OUT/assets/.",
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.option("--parallelism", type=click.IntRange(1, 64), default=8, show_default=True)
@api_options
@click.pass_context
def import_(
    ctx: click.Context,
    account: str,
    names: tuple[str, ...],
    directory: Path,
    download_assets: bool,
    force: bool,
    parallelism: int,
    sandbox_here: bool,
    verbose_here: int,
) -> None:
    """Write manifests for live objects, so that planning them shows no changes."""
    from campaignctl.commands import importer as command

    ctx.exit(
        command.run(
            account=account,
            names=names,
            directory=directory,
            download=download_assets,
            force=force,
            out=output_for(ctx, verbose_here),
            sandbox=sandbox_wanted(ctx, sandbox_here),
            parallelism=parallelism,
        )
    )
