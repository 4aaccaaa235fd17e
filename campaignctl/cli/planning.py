"""plan, show and apply."""

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
    selector_options,
)


@cli.command()
@PATHS
@click.option(
    "--out", "out_file", type=click.Path(path_type=Path), help="Save the plan."
)
@click.option("--format", "fmt", type=FORMATS, default="text")
@click.option(
    "--detailed-exitcode", is_flag=True, help="Exit 2 when changes are pending."
)
@click.option("--parallelism", type=click.IntRange(1, 64), default=8, show_default=True)
@click.option(
    "--estimate",
    is_flag=True,
    help="Reach and bid estimates for created and changed ad sets (advisory).",
)
@click.option(
    "--validate-remote",
    is_flag=True,
    help="Stage the changes as drafts and let the API validate them (exit 1).",
)
@click.option(
    "--keep-drafts",
    is_flag=True,
    help="Keep the validated drafts for `apply PLANFILE --via-drafts` (needs --out).",
)
@selector_options
@api_options
@click.pass_context
def plan(
    ctx: click.Context,
    paths: tuple[Path, ...],
    out_file: Path | None,
    fmt: str,
    detailed_exitcode: bool,
    parallelism: int,
    estimate: bool,
    validate_remote: bool,
    keep_drafts: bool,
    only: tuple[str, ...],
    exclude: tuple[str, ...],
    sandbox_here: bool,
    verbose_here: int,
) -> None:
    """Compare manifests with the live account and print what would change.

    Exit codes: 0 no changes (or changes without --detailed-exitcode), 1 error
    (or the API's validation refused the change), 2 changes pending
    (--detailed-exitcode), 3 blocked by policy.
    """
    from campaignctl.commands import plan as command
    from campaignctl.commands.planning import Remote, Selectors

    ctx.exit(
        command.run(
            paths,
            out=output_for(ctx, verbose_here),
            sandbox=sandbox_wanted(ctx, sandbox_here),
            fmt=fmt,
            out_file=out_file,
            detailed_exitcode=detailed_exitcode,
            parallelism=parallelism,
            selectors=Selectors(only=only, exclude=exclude),
            remote=Remote(
                estimate=estimate,
                validate=validate_remote or keep_drafts,
                keep_drafts=keep_drafts,
            ),
        )
    )


@cli.command()
@click.argument(
    "plan_file", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--format", "fmt", type=FORMATS, default="text")
@click.option(
    "-v", "--verbose", "verbose_here", count=True, help="List unchanged objects."
)
@click.pass_context
def show(ctx: click.Context, plan_file: Path, fmt: str, verbose_here: int) -> None:
    """Render a saved plan (from `plan --out`) without contacting the API."""
    from campaignctl.commands import show as command

    ctx.exit(command.run(plan_file, out=output_for(ctx, verbose_here), fmt=fmt))


@cli.command()
@PATHS
@click.option("--auto-approve", is_flag=True, help="Apply without asking.")
@click.option("--parallelism", type=click.IntRange(1, 64), default=8, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="text")
@click.option(
    "--via-drafts",
    is_flag=True,
    help="Stage, validate and publish each campaign hierarchy as drafts.",
)
@selector_options
@api_options
@click.pass_context
def apply(
    ctx: click.Context,
    paths: tuple[Path, ...],
    auto_approve: bool,
    parallelism: int,
    fmt: str,
    via_drafts: bool,
    only: tuple[str, ...],
    exclude: tuple[str, ...],
    sandbox_here: bool,
    verbose_here: int,
) -> None:
    """Plan, confirm, then apply the manifests -- or apply a saved plan file.

    `apply PLAN.json` applies a plan saved with `plan --out` exactly, without
    asking, after checking it is not stale (exit 4 when it is). Exit 3: blocked
    by policy; nothing is written. --via-drafts publishes the drafts a plan
    validated (saved with --keep-drafts), refusing (exit 4) if they moved.
    """
    from campaignctl.commands import apply as command
    from campaignctl.commands.planning import Selectors

    ctx.exit(
        command.run(
            paths,
            out=output_for(ctx, verbose_here),
            sandbox=sandbox_wanted(ctx, sandbox_here),
            auto_approve=auto_approve,
            parallelism=parallelism,
            fmt=fmt,
            selectors=Selectors(only=only, exclude=exclude),
            via_drafts=via_drafts,
        )
    )
