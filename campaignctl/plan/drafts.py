"""A plan as draft hierarchies: what to stage, and what drafts cannot carry (pure).

Drafts (BRIEF §1.3, §8.1) let the API validate a whole campaign hierarchy
before anything goes live, and publish it as a unit. ``hierarchies`` turns
each campaign whose objects the plan creates or updates into one
``Hierarchy`` of ``DraftNode``s, parents first:

* an object the plan creates (or the new half of a replace) is a draft
  create with its create body;
* an existing object the plan updates is a draft *from the live object*
  (same id), patched with the update body;
* an unchanged parent of a staged child is a draft from the live object with
  nothing to patch (child drafts must hang under draft parents).

Drafts do not take every field: an ad set's ``delivery`` and an ad's
``delivery``, ``start_time`` and ``end_time`` stay live PATCHes after the
publish (``residual``). Ads that use files this plan uploads are *deferred*:
their asset ids exist only once apply has uploaded them. Asset uploads,
renames and switch-offs are never drafts. Campaigns with an objective the
draft API does not take are not staged (``unstageable``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from campaignctl.plan.model import Action, Kind, Plan, ResourceAction
from campaignctl.plan.state import JSONObject

DRAFT_FIELDS: Mapping[Kind, frozenset[str]] = {
    Kind.CAMPAIGN: frozenset(
        {"name", "purchase_order", "objective", "delivery_goal_group", "status"}
    ),
    Kind.AD_SET: frozenset(
        {"name", "start_time", "end_time", "frequency_caps", "dataset_id"}
        | {"category", "base_rate_micro_amount", "cost_modifiers", "budget"}
        | {"bid_micro_amount", "targets", "pacing", "asset_format", "bid_strategy"}
        | {"mobile_app_id", "delivery_goal", "promotion", "video_delivery_formats"}
        | {"slot_positions"}
    ),
    Kind.AD: frozenset(
        {"name", "advertiser_name", "assets", "tagline", "third_party_tracking"}
        | {"call_to_action", "catalog", "dv_client_code"}
    ),
}
# what stays a live PATCH after publishing
RESIDUAL: Mapping[Kind, tuple[str, ...]] = {
    Kind.CAMPAIGN: (),
    Kind.AD_SET: ("delivery",),
    Kind.AD: ("delivery", "start_time", "end_time"),
}
# objectives a draft campaign takes (CampaignDraftRequestProperties.objective)
DRAFT_OBJECTIVES = frozenset(
    {"REACH", "EVEN_IMPRESSION_DELIVERY", "CLICKS", "VIDEO_VIEWS", "PODCAST_STREAMS"}
)
STAGED = (Action.CREATE, Action.UPDATE, Action.REPLACE)
OUTSIDE_SELECTION = (
    "not staged: --only/--except left out an unchanged parent, and drafts hang "
    "under their parents; validate without selectors"
)
PARENT_LINK = {Kind.AD_SET: "campaign_id", Kind.AD: "ad_set_id"}


@dataclass(frozen=True)
class DraftNode:
    address: str
    kind: Kind
    live_id: str | None  # a draft of this live object (it keeps the id)
    fields: JSONObject  # create body, or the patch for a draft of a live object
    parent: str | None  # the parent node's address
    refs: Mapping[str, str]  # asset body paths → asset addresses (created now)
    deferred: bool = False  # an ad that waits for files this plan uploads

    @property
    def is_new(self) -> bool:
        return self.live_id is None


@dataclass(frozen=True)
class Hierarchy:
    """One campaign's drafts, parents before children."""

    account_id: str
    campaign: str
    nodes: tuple[DraftNode, ...]

    @property
    def root(self) -> DraftNode:
        return self.nodes[0]

    @property
    def staged_now(self) -> tuple[DraftNode, ...]:
        return tuple(n for n in self.nodes if not n.deferred)


def hierarchies(plan: Plan) -> tuple[list[Hierarchy], list[str]]:
    """The hierarchies to stage, and campaigns that cannot be (why)."""
    by_campaign: dict[str, list[ResourceAction]] = defaultdict(list)
    for action in plan.actions:
        if action.kind is not Kind.ASSET:
            by_campaign[action.address.split("/", 1)[0]].append(action)
    staged, skipped = [], []
    for address, actions in sorted(by_campaign.items()):
        if not any(_writes_drafts(a) for a in actions):
            continue
        nodes = _nodes(actions)
        if not nodes:  # --only / --except left the parents out
            skipped.append(f"{address}: {OUTSIDE_SELECTION}")
            continue
        why = _unstageable(nodes[0])
        if why:
            skipped.append(f"{address}: {why}")
            continue
        staged.append(Hierarchy(actions[0].account_id, address, tuple(nodes)))
    return staged, skipped


def _nodes(actions: Sequence[ResourceAction]) -> list[DraftNode]:
    by_address = {a.address: a for a in actions}
    wanted = {a.address for a in actions if _writes_drafts(a)}
    for address in list(wanted):  # the parents of staged objects are staged too
        wanted |= _ancestors(address)
    ordered = sorted(wanted, key=lambda a: (a.count("/"), a))
    if any(a not in by_address for a in ordered):
        return []  # a parent (unchanged) was not selected: no live id to draft
    return [_node(by_address[a]) for a in ordered]


def not_staged(plan: Plan) -> list[str]:
    """Campaigns whose writes ``--via-drafts`` would have to make live (why)."""
    staged, skipped = hierarchies(plan)
    kept = {d.campaign for d in plan.drafts}
    missing = [
        f"{h.campaign}: no drafts were kept" for h in staged if h.campaign not in kept
    ]
    return [*skipped, *missing]


def _writes_drafts(action: ResourceAction) -> bool:
    if action.action not in STAGED or action.kind is Kind.ASSET:
        return False
    return action.action is not Action.UPDATE or bool(draft_fields(action))


def _ancestors(address: str) -> set[str]:
    parts = address.split("/")
    return {"/".join(parts[:i]) for i in range(1, len(parts))}


def _node(action: ResourceAction) -> DraftNode:
    fresh = action.action in (Action.CREATE, Action.REPLACE)
    refs = {k: v for k, v in action.refs.items() if k.startswith("assets.")}
    return DraftNode(
        address=action.address,
        kind=action.kind,
        live_id=None if fresh else action.remote_id,
        fields=draft_fields(action) if action.action in STAGED else {},
        parent=action.parent,
        refs=refs if fresh else {},
        deferred=fresh and bool(refs),
    )


def draft_fields(action: ResourceAction) -> JSONObject:
    """The part of an action's body a draft carries (no parent link)."""
    allowed = DRAFT_FIELDS[action.kind]
    return {k: v for k, v in (action.body or {}).items() if k in allowed}


def residual(action: ResourceAction) -> JSONObject:
    """What a live PATCH must still set after publishing (drafts cannot).

    Published objects start with ``delivery: ON`` and inherit their ad set's
    flight, so a create needs only what differs from that.
    """
    body = action.body or {}
    fields = {k: body[k] for k in RESIDUAL[action.kind] if k in body}
    if (
        action.action in (Action.CREATE, Action.REPLACE)
        and fields.get("delivery") == "ON"
    ):
        del fields["delivery"]
    return fields


def _unstageable(root: DraftNode) -> str | None:
    objective = root.fields.get("objective")
    if root.is_new and objective not in DRAFT_OBJECTIVES:
        return (
            f"objective {objective} cannot be staged as a draft (the draft API "
            "takes " + ", ".join(sorted(DRAFT_OBJECTIVES)) + "); not validated"
        )
    return None


def address_of(ids: Mapping[str, str], entity_id: str) -> str | None:
    """The address whose draft id is ``entity_id`` (ids are UUIDs: any case)."""
    wanted = entity_id.lower()
    return next((a for a, i in ids.items() if i.lower() == wanted), None)


def with_ids(
    fields: JSONObject, refs: Mapping[str, str], ids: Callable[[str], str]
) -> JSONObject:
    """``fields`` with the asset ids of ``refs`` filled from ``ids`` (address → id)."""
    body = {k: (dict(v) if isinstance(v, dict) else v) for k, v in fields.items()}
    for path, address in refs.items():
        parent, _, key = path.partition(".")
        if parent != "assets":
            continue  # the parent link: a draft id, set by the caller
        body.setdefault("assets", {})[key] = ids(address)
    return body
