"""Where a planned object came from: the rollout (and values row) it was rendered from.

The manifest layer produces these (``Workspace.origins``); ``plan/blast.py``
reads them. Kept apart so both import it without importing each other.
"""

from __future__ import annotations

from campaignctl.frozen import Frozen


class RolloutOrigin(Frozen):
    """Where a planned object was rendered from."""

    rollout: str  # the rollout's name (or its file when it has none)
    file: str  # the file declaring the rollout (a Rollout manifest or template)
    row: str | None = None  # the row key; None for a rollout's own campaign
    values_file: str | None = None
    line: int | None = None  # the row's line in the values file
