"""The command line: click lives here and only here.

Each command parses its options and calls ``campaignctl.commands.<name>``,
which returns an exit code. Errors are printed once, in ``main``. Modules:
``base`` (the group and shared options), one module per family of commands,
and ``main`` (error handling and exit codes).
"""

from campaignctl.cli import adopt, manifests, planning, reports, sandbox
from campaignctl.cli.base import cli
from campaignctl.cli.main import main

__all__ = ["adopt", "cli", "main", "manifests", "planning", "reports", "sandbox"]
