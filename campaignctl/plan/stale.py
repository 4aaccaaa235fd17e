"""Is a saved plan still the plan? (pure: saved plan + digest + live state in).

There is no local state, so staleness is read from the world as it is now:

* the manifests changed: their digest differs from the one the plan recorded;
* a planned object changed live: its ``updated_at`` differs, or it is gone;
* a create's object already exists: an object with that name is live under
  the same parent (an asset: a usable asset with that content name).

The last two are also how an applied plan is recognised: after an apply,
creates find their objects and updates find new ``updated_at`` stamps.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from campaignctl.errors import StalePlanError
from campaignctl.plan.assets import USABLE
from campaignctl.plan.match import is_replaced_leftover
from campaignctl.plan.model import Action, Kind, Plan, ResourceAction
from campaignctl.plan.state import LiveAccount, LiveState

NOUN = {Kind.CAMPAIGN: "campaign", Kind.AD_SET: "ad set", Kind.AD: "ad"}
NOUN[Kind.ASSET] = "asset"
LiveObject = Mapping[str, Any]
_LISTS = {
    Kind.CAMPAIGN: "campaigns",
    Kind.AD_SET: "ad_sets",
    Kind.AD: "ads",
    Kind.ASSET: "assets",
}
_PARENT_LINK = {Kind.AD_SET: "campaign_id", Kind.AD: "ad_set_id"}


@dataclass(frozen=True)
class Staleness:
    """Why a saved plan no longer holds; empty when it does."""

    manifests: str | None  # what changed in the manifests, or None
    objects: tuple[tuple[str, str], ...]  # (address, what changed live)
    looks_applied: bool = False

    @property
    def stale(self) -> bool:
        return self.manifests is not None or bool(self.objects)


def find_staleness(plan: Plan, *, digest: str, live: LiveState) -> Staleness:
    """Everything that changed since ``plan`` was made."""
    manifests = None
    if plan.manifest_digest != digest:
        manifests = (
            "the manifests changed since the plan was made (digest "
            f"{_short(plan.manifest_digest)} → {_short(digest)})"
        )
    found = [(a, why) for a in plan.actions if (why := _changed(a, live)) is not None]
    objects = tuple((a.address, why) for a, why in found)
    checkable = {a.address for a in plan.actions if _checkable(a)}
    moved = {a.address for a, why in found if not why.startswith(_GONE)}
    # applied: exactly the plan's changes show live, and nothing else moved
    applied = bool(checkable) and manifests is None and checkable == moved
    applied = applied and len(moved) == len(found)
    return Staleness(manifests, objects, looks_applied=applied)


def _checkable(action: ResourceAction) -> bool:
    """A change whose effect can be seen live (not a child of a new parent)."""
    if action.action is Action.NOOP:
        return False
    if action.remote_id is not None or action.kind in (Kind.CAMPAIGN, Kind.ASSET):
        return True
    link = _PARENT_LINK.get(action.kind)
    return link is not None and (action.body or {}).get(link) is not None


def stale_error(plan_file: str, staleness: Staleness) -> StalePlanError:
    """The error naming every change (exit 4)."""
    lines = [f"the saved plan {plan_file} is stale; nothing was applied:"]
    if staleness.manifests:
        lines.append(f"  - {staleness.manifests}")
    lines += [f"  - {address}: {why}" for address, why in staleness.objects]
    if staleness.looks_applied:
        hint = (
            "every object this plan changes has changed since it was made: it looks "
            "applied already. Run `campaignctl plan` to see what is left to do"
        )
    else:
        hint = (
            "make a new plan (`campaignctl plan PATH... --out FILE`), review it, "
            "and apply that one"
        )
    return StalePlanError("\n".join(lines), hint=hint)


_GONE = "no longer exists live"


def _changed(action: ResourceAction, live: LiveState) -> str | None:
    account = live.accounts.get(action.account_id)
    if account is None:
        return f"ad account {action.account_id} is no longer readable"
    if action.remote_id is not None:
        return _moved(action, account)
    if action.action is Action.CREATE:
        return _exists(action, account)
    return None


def _moved(action: ResourceAction, account: LiveAccount) -> str | None:
    current = next(
        (
            o
            for o in _objects(account, action.kind)
            if str(o.get("id")) == action.remote_id
        ),
        None,
    )
    if current is None:
        return f"{_GONE} (id {action.remote_id})"
    now = current.get("updated_at")
    if action.updated_at is not None and now != action.updated_at:
        return f"changed live since planning (updated_at {action.updated_at} → {now})"
    return None


def _exists(action: ResourceAction, account: LiveAccount) -> str | None:
    noun = NOUN[action.kind]
    for obj in _namesakes(action, account):
        return (
            f"was to be created, but {_article(noun)} {noun} named {action.name!r} "
            f"now exists live (id {obj.get('id')})"
        )
    return None


def _namesakes(action: ResourceAction, account: LiveAccount) -> Iterator[LiveObject]:
    objects = _objects(account, action.kind)
    if action.kind is Kind.ASSET:
        yield from (
            o
            for o in objects
            if o.get("name") == action.name and o.get("status") in USABLE
        )
        return
    link = _PARENT_LINK.get(action.kind)
    parent = (action.body or {}).get(link) if link else None
    if link is not None and parent is None:
        return  # under a parent created by the same plan: the parent tells
    for obj in objects:
        name = str(obj.get("name", ""))
        if name != action.name or is_replaced_leftover(name):
            continue
        if link is None or str(obj.get(link)) == str(parent):
            yield obj


def _objects(account: LiveAccount, kind: Kind) -> Sequence[LiveObject]:
    items: Sequence[LiveObject] = getattr(account, _LISTS[kind])
    return items


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _short(digest: str | None) -> str:
    return digest[:12] if digest else "none"
