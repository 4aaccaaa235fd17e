"""Manifests: YAML files → strict models → offline API rules → DesiredState.

Public API::

    load_workspace(paths, *, now=None) -> Workspace      # raises ManifestError
    validate_workspace(paths, *, now=None) -> diagnostics  # never raises for input
    inspect_workspace(paths, *, now=None) -> Inspection    # both at once
    render_workspace(paths) -> [(file, data)]              # after the defaults cascade

Money and time helpers for renderers live in ``manifest.money`` and
``manifest.times`` (``format_micros``, ``parse_money``, ``parse_time``).
"""

from campaignctl.manifest.workspace import (
    Inspection,
    Workspace,
    inspect_workspace,
    load_workspace,
    render_workspace,
    validate_workspace,
)

__all__ = [
    "Inspection",
    "Workspace",
    "inspect_workspace",
    "load_workspace",
    "render_workspace",
    "validate_workspace",
]
