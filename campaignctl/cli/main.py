"""Run the CLI: errors are printed once, here, with the documented exit codes."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

import click

from campaignctl.cli.base import cli
from campaignctl.errors import CampaignctlError, DiagnosticsError
from campaignctl.output import Output


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
