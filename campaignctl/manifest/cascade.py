"""The defaults cascade: project → campaign ``defaults`` → ad set ``ad_defaults``.

Mappings merge deeply (the more specific level wins key by key); lists and
scalars replace; ``null`` cancels a default. ``budget``, ``bid``,
``frequency_caps`` and ``brand_safety`` are one-of shapes and replace as a
whole. Merged values keep the location where they were written, so an error
in a default points at the project file, not at every ad set using it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

from campaignctl.errors import Diagnostic
from campaignctl.manifest.diagnose import field_names
from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.node import Node
from campaignctl.manifest.spec import AdSetSpec, AdSpec, CampaignSpec

ATOMIC_KEYS = frozenset({"budget", "bid", "frequency_caps", "brand_safety"})
_IDENTITY = {
    "campaign": {"apiVersion", "kind", "name", "id", "ad_sets", "defaults", "account"},
    "ad set": {"name", "id", "ads", "ad_defaults"},
    "ad": {"name", "id"},
}
_MODELS: dict[str, type[BaseModel]] = {
    "campaign": CampaignSpec,
    "ad set": AdSetSpec,
    "ad": AdSpec,
}


@dataclass
class Defaults:
    """Checked default mappings, one per level; diagnostics found checking them."""

    campaign: tuple[Node, ...] = ()
    ad_set: tuple[Node, ...] = ()
    ad: tuple[Node, ...] = ()
    account: Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def merge(base: Node | None, over: Node) -> Node:
    """``over`` deep-merged onto ``base`` (see module docstring)."""
    if base is None or not (base.is_mapping and over.is_mapping):
        return over
    result: dict[str, Node] = {}
    for key, value in over.value.items():
        below = base.value.get(key)
        if below is not None and key not in ATOMIC_KEYS and below.is_mapping:
            result[key] = merge(below, value)  # keeps the key of value
        else:
            result[key] = value
    for key, value in base.value.items():
        result.setdefault(key, value)
    return over.holding(result)


def merge_all(layers: Iterable[Node | None], own: Node) -> Node:
    merged: Node | None = None
    for layer in layers:
        if layer is not None:
            merged = merge(merged, layer)
    return merge(merged, own)


def project_defaults(root: Node | None) -> Defaults:
    """The ``defaults:`` block of campaignctl.yaml, checked."""
    defaults = Defaults()
    block = root.get("defaults") if root else None
    if block is None or not block.is_mapping:
        return defaults
    defaults.account = block.get("account")
    defaults.campaign = _level(block.get("campaign"), "campaign", defaults.diagnostics)
    defaults.ad_set = _level(block.get("ad_set"), "ad set", defaults.diagnostics)
    defaults.ad = _level(block.get("ad"), "ad", defaults.diagnostics)
    return defaults


def apply_defaults(root: Node, project: Defaults) -> tuple[Node, list[Diagnostic]]:
    """A campaign document with every default merged in and defaults removed."""
    diagnostics: list[Diagnostic] = []
    own = {k: v for k, v in root.value.items() if k != "defaults"}
    ad_set_layers, ad_layers = _campaign_layers(
        root.get("defaults"), project, diagnostics
    )
    campaign = merge_all(project.campaign, root.holding(own))
    if "account" not in campaign.value and project.account is not None:
        campaign = campaign.holding(
            {**campaign.value, "account": project.account}, keyed=False
        )
    ad_sets = campaign.get("ad_sets")
    if ad_sets is not None and isinstance(ad_sets.value, list):
        items = [
            _ad_set(item, ad_set_layers, ad_layers, diagnostics)
            for item in ad_sets.value
        ]
        merged_sets = ad_sets.holding(items)
        campaign = campaign.holding(
            {**campaign.value, "ad_sets": merged_sets}, keyed=False
        )
    return campaign, diagnostics


def _campaign_layers(
    block: Node | None, project: Defaults, diagnostics: list[Diagnostic]
) -> tuple[tuple[Node, ...], tuple[Node, ...]]:
    ad_set, ad = project.ad_set, project.ad
    if block is None or block.value is None:
        return ad_set, ad
    if not block.is_mapping:
        diagnostics.append(Diagnostic("defaults: expected a mapping", block.loc))
        return ad_set, ad
    for key, value in block.value.items():
        if key not in ("ad_set", "ad"):
            hint = did_you_mean(key, ["ad_set", "ad"]) or "allowed fields: ad, ad_set"
            diagnostics.append(
                Diagnostic(f"unknown field {key!r}", value.key_loc, hint=hint)
            )
    ad_set = ad_set + _level(block.get("ad_set"), "ad set", diagnostics)
    ad = ad + _level(block.get("ad"), "ad", diagnostics)
    return ad_set, ad


def _ad_set(
    item: Node,
    ad_set_layers: tuple[Node, ...],
    ad_layers: tuple[Node, ...],
    diagnostics: list[Diagnostic],
) -> Node:
    if not item.is_mapping:
        return item
    own_ad = _level(item.get("ad_defaults"), "ad", diagnostics)
    own = {k: v for k, v in item.value.items() if k != "ad_defaults"}
    merged = merge_all(ad_set_layers, item.holding(own))
    ads = merged.get("ads")
    if ads is None or not isinstance(ads.value, list):
        return merged
    layers = ad_layers + own_ad
    items = [merge_all(layers, ad) if ad.is_mapping else ad for ad in ads.value]
    return merged.holding({**merged.value, "ads": ads.holding(items)}, keyed=False)


def _level(
    block: Node | None, what: str, diagnostics: list[Diagnostic]
) -> tuple[Node, ...]:
    """A defaults mapping with unknown and identity keys reported and dropped."""
    if block is None or block.value is None:
        return ()
    if not block.is_mapping:
        diagnostics.append(
            Diagnostic(f"{what} defaults: expected a mapping", block.loc)
        )
        return ()
    allowed = [f for f in field_names(_MODELS[what], ()) if f not in _IDENTITY[what]]
    kept: dict[str, Node] = {}
    for key, value in block.value.items():
        if key in _IDENTITY[what]:
            diagnostics.append(
                Diagnostic(
                    f"{key!r} cannot have a default",
                    value.key_loc,
                    hint=f"set {key} on each {what}",
                )
            )
        elif key not in allowed:
            hint = did_you_mean(key, allowed) or f"allowed fields: {', '.join(allowed)}"
            diagnostics.append(
                Diagnostic(f"unknown field {key!r}", value.key_loc, hint=hint)
            )
        else:
            kept[key] = value
    return (block.holding(kept),)
