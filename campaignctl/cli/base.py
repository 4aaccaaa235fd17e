"""The ``campaignctl`` group and what its commands share (click only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from campaignctl import __version__
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


def api_options(func: F) -> F:
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


def selector_options(func: F) -> F:
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


def output_for(ctx: click.Context, verbose_here: int = 0) -> Output:
    root: Context = ctx.find_object(Context) or Context(sandbox=False, verbose=0)
    return Output(verbosity=root.verbose + verbose_here)


def sandbox_wanted(ctx: click.Context, sandbox_here: bool) -> bool:
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
