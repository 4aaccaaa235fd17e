"""order_actions: parents first, switch-offs children first, stable by address."""

from __future__ import annotations

from campaignctl.plan.model import Action, Kind, ResourceAction
from campaignctl.plan.order import order_actions


def act(kind: Kind, action: Action, address: str) -> ResourceAction:
    return ResourceAction(
        address=address, kind=kind, action=action, account_id="a", name=address
    )


def test_creates_parents_first_and_disables_children_first() -> None:
    shuffled = [
        act(Kind.AD_SET, Action.DISABLE, "c/old"),
        act(Kind.AD, Action.CREATE, "c/s/b"),
        act(Kind.AD, Action.DISABLE, "c/s/old"),
        act(Kind.CAMPAIGN, Action.UPDATE, "c"),
        act(Kind.AD, Action.UPDATE, "c/s/a"),
        act(Kind.ASSET, Action.CREATE, "asset:x.png"),
        act(Kind.AD_SET, Action.REPLACE, "c/s"),
        act(Kind.CAMPAIGN, Action.NOOP, "b"),
    ]
    assert [(a.kind, a.address) for a in order_actions(shuffled)] == [
        (Kind.ASSET, "asset:x.png"),
        (Kind.CAMPAIGN, "b"),
        (Kind.CAMPAIGN, "c"),
        (Kind.AD_SET, "c/s"),
        (Kind.AD, "c/s/a"),
        (Kind.AD, "c/s/b"),
        (Kind.AD, "c/s/old"),
        (Kind.AD_SET, "c/old"),
    ]
    assert order_actions(reversed(shuffled)) == order_actions(shuffled)
