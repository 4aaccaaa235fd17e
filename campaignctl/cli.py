"""The command line: click lives here and only here.

Each command parses its options and calls ``campaignctl.commands.<name>``,
which returns an exit code. Errors are printed once, in ``main``.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from campaignctl import __version__
from campaignctl.errors import CampaignctlError, DiagnosticsError
from campaignctl.output import Output

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = click.Choice(["text", "markdown", "json"])
PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)


class Context:
    """Options given before the subcommand (``campaignctl --sandbox plan``)."""

    def __init__(self, *, sandbox: bool, verbose: int) -> None:
        self.sandbox = sandbox
        self.verbose = verbose


def _api_options(func: F) -> F:
    """Options shared by every command that talks to the API."""
    func = click.option(
        "--sandbox",
        "sandbox_here",
        is_flag=True,
        help="Use the embedded sandbox (.campaignctl/sandbox.db), no credentials.",
    )(func)
    func = click.option(
        "-v", "--verbose", "verbose_here", count=True, help="More detail (-vv: HTTP)."
    )(func)
    return func


def _selector_options(func: F) -> F:
    """``--only`` / ``--except`` address globs (repeatable)."""
    func = click.option(
        "--except",
        "exclude",
        multiple=True,
        metavar="GLOB",
        help="Leave out objects whose address matches (repeatable).",
    )(func)
    func = click.option(
        "--only",
        "only",
        multiple=True,
        metavar="GLOB",
        help="Plan only objects whose address matches, e.g. 'summer-*/us-*'.",
    )(func)
    return func


def _output(ctx: click.Context, verbose_here: int = 0) -> Output:
    root: Context = ctx.find_object(Context) or Context(sandbox=False, verbose=0)
    return Output(verbosity=root.verbose + verbose_here)


def _sandbox(ctx: click.Context, sandbox_here: bool) -> bool:
    root: Context | None = ctx.find_object(Context)
    return sandbox_here or bool(root and root.sandbox)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="campaignctl")
@click.option("--sandbox", is_flag=True, help="Use the embedded sandbox for API calls.")
@click.option("-v", "--verbose", count=True, help="More detail (-vv: HTTP).")
@click.pass_context
def cli(ctx: click.Context, sandbox: bool, verbose: int) -> None:
    """Campaigns-as-code for the Spotify Ads API."""
    ctx.obj = Context(sandbox=sandbox, verbose=verbose)


@cli.command()
@PATHS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str) -> None:
    """Check manifests offline: schema and the API's documented rules."""
    from campaignctl.commands import validate as command

    ctx.exit(command.run(paths, out=_output(ctx), fmt=fmt))


@cli.command()
@PATHS
@click.pass_context
def render(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Print the manifests after templating, as YAML."""
    from campaignctl.commands import render as command

    ctx.exit(command.run(paths, out=_output(ctx)))


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

    ctx.exit(command.run(directory=directory, check=check, out=_output(ctx)))


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
@_selector_options
@_api_options
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
            out=_output(ctx, verbose_here),
            sandbox=_sandbox(ctx, sandbox_here),
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

    ctx.exit(command.run(plan_file, out=_output(ctx, verbose_here), fmt=fmt))


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
@_selector_options
@_api_options
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
            out=_output(ctx, verbose_here),
            sandbox=_sandbox(ctx, sandbox_here),
            auto_approve=auto_approve,
            parallelism=parallelism,
            fmt=fmt,
            selectors=Selectors(only=only, exclude=exclude),
            via_drafts=via_drafts,
        )
    )


@cli.command()
@PATHS
@click.option("--format", "fmt", type=FORMATS, default="text")
@click.option("--parallelism", type=click.IntRange(1, 64), default=8, show_default=True)
@_api_options
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
            out=_output(ctx, verbose_here),
            sandbox=_sandbox(ctx, sandbox_here),
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
@_api_options
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
            out=_output(ctx, verbose_here),
            sandbox=_sandbox(ctx, sandbox_here),
            parallelism=parallelism,
        )
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
@_api_options
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
            out=_output(ctx, verbose_here),
            sandbox=_sandbox(ctx, sandbox_here),
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
@_api_options
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
            out=_output(ctx, verbose_here),
            sandbox=_sandbox(ctx, sandbox_here),
            out_file=out_file,
            until=until.date() if until else None,
            timeout_s=timeout,
        )
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

    ctx.exit(command.serve(out=_output(ctx), **options))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; print errors once; return the documented exit code."""
    try:
        # click >= 8.2 returns ctx.exit()'s code instead of raising Exit
        code = cli.main(
            args=list(argv) if argv is not None else None, standalone_mode=False
        )
        if isinstance(code, int):
            return code
    except DiagnosticsError as error:
        out = Output()
        for diagnostic in error.diagnostics:
            out.info(str(diagnostic))
        out.error(error.message)
        return error.exit_code
    except CampaignctlError as error:
        Output().error(error.render())
        return error.exit_code
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return 1 if error.exit_code == 2 else error.exit_code
    except click.exceptions.Abort:
        Output().error("aborted")
        return 130
    except KeyboardInterrupt:
        Output().error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: say so briefly, never dump secrets
        _report_bug(error, argv)
        return 1
    return 0


def _report_bug(error: Exception, argv: Sequence[str] | None) -> None:
    args = list(argv) if argv is not None else sys.argv[1:]
    out = Output()
    out.error(f"internal error: {type(error).__name__}: {error}")
    out.info("  hint: this is a bug in campaignctl; please report it with the command")
    if "-vv" in args or args.count("-v") + args.count("--verbose") >= 2:
        out.info("".join(traceback.format_exception(error)))
    else:
        out.info("  run again with -vv to see the traceback")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
