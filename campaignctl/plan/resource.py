"""One desired object (and its live match, if any) → one ResourceAction.

Bodies follow the ``ResourceAction`` contract: remote ids known now go into
the body (an existing parent's id, existing assets' UUIDs); ids of objects
created by the same apply go into ``refs`` as body path → address.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from campaignctl.plan.assets import AssetIndex
from campaignctl.plan.diff import diff_fields, list_fields
from campaignctl.plan.fields import TABLES, Context, Value
from campaignctl.plan.model import Action, FieldChange, Kind, ResourceAction
from campaignctl.plan.normalise import Node, compiled, managed_fields, normalise
from campaignctl.plan.state import DesiredAd, DesiredAdSet, DesiredCampaign, JSONObject

Desired = DesiredCampaign | DesiredAdSet | DesiredAd
LiveObject = Mapping[str, Any]
PARENT_LINK = {Kind.AD_SET: "campaign_id", Kind.AD: "ad_set_id"}


@dataclass(frozen=True)
class Parent:
    """What a child needs to know about the object it lives under."""

    address: str
    remote_id: str | None  # the live parent children attach to, if it stays
    fresh: Action | None  # CREATE or REPLACE: every child is created under it
    replaced: bool  # it, or an ancestor, is being replaced
    prune: bool  # the campaign switches off children left out of manifests
    objective: str | None  # the campaign's objective (video format defaults)


@dataclass(frozen=True)
class Target:
    """A desired object with the context it is planned in."""

    kind: Kind
    desired: Desired
    account_id: str
    parent: Parent | None
    assets: AssetIndex

    @property
    def desired_ctx(self) -> Context:
        return Context(objective=self._objective, asset_token=self.assets.desired_token)

    @property
    def live_ctx(self) -> Context:
        return Context(objective=self._objective, asset_token=self.assets.live_token)

    @property
    def _objective(self) -> str | None:
        if self.parent is None:
            return _text(self.desired.body.get("objective"))
        return self.parent.objective


def plan_create(target: Target, *, reason: str | None = None) -> ResourceAction:
    """A new object: every field it sets, and its full create body."""
    shown = normalise(
        target.kind, target.desired.body, ctx=target.desired_ctx, defaults=False
    )
    body, refs = create_body(target)
    return _action(
        target,
        Action.CREATE,
        changes=_labelled(target, list_fields(target.kind, shown)),
        body=body,
        refs=refs,
        reason=reason,
    )


def plan_existing(target: Target, live: LiveObject) -> ResourceAction:
    """A matched object: no-op, update (PATCH) or replace (create-only change)."""
    want, have = comparable_forms(target, live)
    stamp = {"remote_id": str(live.get("id")), "updated_at": live.get("updated_at")}
    if want == have:
        return _unchanged(_action(target, Action.NOOP, **stamp))
    changes = _labelled(target, diff_fields(target.kind, have, want))
    blocking = [c for c in changes if c.forces_replace]
    if blocking:
        body, refs = create_body(target)
        reason = "; ".join(_replace_reason(c) for c in blocking)
        return _action(
            target, Action.REPLACE, changes=changes, body=body, refs=refs,
            reason=reason, **stamp,
        )  # fmt: skip
    body, refs = patch_body(target, changes, want, have, live)
    return _action(
        target, Action.UPDATE, changes=changes, body=body, refs=refs, **stamp
    )


def comparable_forms(target: Target, live: LiveObject) -> tuple[JSONObject, JSONObject]:
    """Desired and live normal forms over the same managed fields."""
    desired_ctx = target.desired_ctx
    managed = managed_fields(target.kind, target.desired.body, desired_ctx)
    want = normalise(target.kind, target.desired.body, ctx=desired_ctx, managed=managed)
    have = normalise(target.kind, live, ctx=target.live_ctx, managed=managed)
    return want, have


def create_body(target: Target) -> tuple[JSONObject, dict[str, str]]:
    """The create request: the desired body plus parent link and asset ids."""
    body: JSONObject = {
        k: copy.deepcopy(v) for k, v in target.desired.body.items() if v is not None
    }
    refs: dict[str, str] = {}
    link = PARENT_LINK.get(target.kind)
    if link is not None and target.parent is not None:
        if target.parent.remote_id is not None and target.parent.fresh is None:
            body[link] = target.parent.remote_id
        else:
            refs[link] = target.parent.address
    if target.kind is Kind.AD and isinstance(body.get("assets"), dict):
        body["assets"], asset_refs = _asset_ids(target, body["assets"], {})
        refs.update(asset_refs)
    return body, refs


def patch_body(
    target: Target,
    changes: tuple[FieldChange, ...],
    want: JSONObject,
    have: JSONObject,
    live: LiveObject,
) -> tuple[JSONObject, dict[str, str]]:
    """The changed top-level fields, each with its whole desired value."""
    root = compiled(target.kind)
    body: JSONObject = {}
    refs: dict[str, str] = {}
    for name in sorted({c.path.split(".", 1)[0] for c in changes}):
        if name == "assets":
            current = live.get("assets") if isinstance(live.get("assets"), dict) else {}
            raw = target.desired.body.get("assets") or {}
            body[name], refs = _asset_ids(target, raw, current or {})
        elif name in want:
            body[name] = _with_clears(root.children[name], want[name], have.get(name))
        elif name in TABLES[target.kind].array_fields:
            body[name] = []  # written as empty in the manifest: clear it
    return body, refs


def _with_clears(node: Node, want: Any, have: Any) -> Any:
    """A deep copy of ``want`` that also empties arrays only ``have`` sets.

    Targets are sent whole; an explicit ``[]`` makes removing (say) every
    genre unambiguous whether the API merges or replaces the object.
    """
    value = copy.deepcopy(want)
    if node.value is not Value.OBJECT or not isinstance(value, dict):
        return value
    if not isinstance(have, dict):
        return value
    for name, child in node.children.items():
        if name not in have:
            continue
        if name not in value and child.value in (Value.SET, Value.LIST):
            value[name] = []
        elif name in value and child.value is Value.OBJECT:
            value[name] = _with_clears(child, value[name], have[name])
    return value


def _asset_ids(
    target: Target, digests: Mapping[str, Any], current: Mapping[str, Any]
) -> tuple[JSONObject, dict[str, str]]:
    """Desired asset digests → live UUIDs, or refs to assets created now."""
    ids: JSONObject = {}
    refs: dict[str, str] = {}
    for key, digest in sorted(digests.items()):
        if not isinstance(digest, str):
            continue
        now = current.get(key)
        ref = target.assets.ref(digest, current=now if isinstance(now, str) else None)
        if ref is None:
            raise MissingAssetError(digest)
        if ref.remote_id is not None:
            ids[key] = ref.remote_id
        elif ref.address is not None:
            refs[f"assets.{key}"] = ref.address
    return ids, refs


class MissingAssetError(LookupError):
    """An ad references a digest that no desired asset has (a loader bug)."""

    def __init__(self, digest: str) -> None:
        super().__init__(digest)
        self.digest = digest


def _labelled(
    target: Target, changes: tuple[FieldChange, ...]
) -> tuple[FieldChange, ...]:
    """Asset tokens shown as file names."""
    if target.kind is not Kind.AD:
        return changes
    label = target.assets.label
    return tuple(
        c.model_copy(update={"before": label(c.before), "after": label(c.after)})
        if c.path.startswith("assets.")
        else c
        for c in changes
    )


def _replace_reason(change: FieldChange) -> str:
    before, after = _brief(change.before), _brief(change.after)
    return f"{change.path} is create-only ({before} → {after})"


def _brief(value: Any) -> str:
    if value is None:
        return "unset"
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# The fields a no-op sets: the same for every no-op, which is most of a large
# plan. Each validated model carries a set of these names (728 bytes); no-ops
# share this one instead (20 MB at 30,000 objects). Safe because the model is
# frozen: pydantic copies the set before changing it (``model_copy``).
NOOP_FIELDS = {"address", "kind", "action", "account_id", "name", "parent"}
NOOP_FIELDS |= {"remote_id", "updated_at"}


def _unchanged(action: ResourceAction) -> ResourceAction:
    if action.model_fields_set == NOOP_FIELDS:
        object.__setattr__(action, "__pydantic_fields_set__", NOOP_FIELDS)
    return action


def _action(target: Target, action: Action, **fields: Any) -> ResourceAction:
    parent = target.parent.address if target.parent is not None else None
    return ResourceAction(
        address=target.desired.address,
        kind=target.kind,
        action=action,
        account_id=target.account_id,
        name=target.desired.name,
        parent=parent,
        **fields,
    )
