"""sync and report run: declared reports."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from campaignctl.cli.base import (
    PATHS,
    api_options,
    cli,
    output_for,
    sandbox_wanted,
)

UNTIL = click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Last UTC day to read (default: yesterday; today is never complete).",
)


@cli.command()
@PATHS
@click.option(
    "--to",
    "to",
    metavar="URL",
    help="duckdb:///file.duckdb (default .campaignctl/warehouse.duckdb), "
    "postgresql://..., or csv:DIR / jsonl:DIR / parquet:DIR.",
)
@click.option(
    "--plan", "preview", is_flag=True, help="Show what would be read; call no API."
)
@click.option(
    "--report", "only", multiple=True, metavar="NAME", help="Only this report."
)
@UNTIL
@click.option("--parallelism", type=click.IntRange(1, 16), default=4, show_default=True)
@api_options
@click.pass_context
def sync(
    ctx: click.Context,
    paths: tuple[Path, ...],
    to: str | None,
    preview: bool,
    only: tuple[str, ...],
    until: datetime | None,
    parallelism: int,
    sandbox_here: bool,
    verbose_here: int,
) -> None:
    """Load the declared reports into DuckDB, PostgreSQL or files (exactly once)."""
    from campaignctl.commands import sync as command

    ctx.exit(
        command.run(
            paths,
            out=output_for(ctx, verbose_here),
            sandbox=sandbox_wanted(ctx, sandbox_here),
            to=to,
            preview=preview,
            until=until.date() if until else None,
            only=only,
            parallelism=parallelism,
        )
    )


@cli.group()
def report() -> None:
    """Declared reports (kind: Report)."""


@report.command("run")
@click.argument("name")
@PATHS
@click.option(
    "--out", "out_file", type=click.Path(path_type=Path), help="CSV file to write."
)
@UNTIL
@click.option(
    "--timeout",
    type=click.FloatRange(1),
    default=1800,
    show_default=True,
    help="Seconds to wait for the report before giving up (rerun to resume).",
)
@api_options
@click.pass_context
def report_run(
    ctx: click.Context,
    name: str,
    paths: tuple[Path, ...],
    out_file: Path | None,
    until: datetime | None,
    timeout: float,
    sandbox_here: bool,
    verbose_here: int,
) -> None:
    """Run report NAME as an async CSV report (create, wait, download)."""
    from campaignctl.commands import report as command

    ctx.exit(
        command.run(
            name,
            paths,
            out=output_for(ctx, verbose_here),
            sandbox=sandbox_wanted(ctx, sandbox_here),
            out_file=out_file,
            until=until.date() if until else None,
            timeout_s=timeout,
        )
    )
