"""Execution order: parents before children, switch-offs children first.

Assets, then campaigns, ad sets and ads (creates, updates, replaces and
no-ops); then disables and archives of ads, ad sets and campaigns. Within a
phase, actions are sorted by address so the same inputs give the same plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from campaignctl.plan.model import KIND_ORDER, Action, ResourceAction

_RETIRING = (Action.DISABLE, Action.ARCHIVE)


def order_actions(actions: Iterable[ResourceAction]) -> tuple[ResourceAction, ...]:
    """``actions`` in the order apply runs them."""
    return tuple(sorted(actions, key=_position))


def _position(action: ResourceAction) -> tuple[int, str, str, str]:
    rank = KIND_ORDER.index(action.kind)
    # retiring runs last and children first: ads, then ad sets, then campaigns
    phase = 2 * len(KIND_ORDER) - rank if action.action in _RETIRING else rank
    return (phase, action.account_id, action.address, action.remote_id or "")
