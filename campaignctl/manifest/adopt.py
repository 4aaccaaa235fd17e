"""Live API objects → manifest documents: the inverse of ``desired.py``.

``campaignctl import`` writes what ``campaign_document`` returns. Each part
mirrors its forward twin (``desired.py`` for campaigns, ad sets and ads,
``targeting.py`` for targets) and a property test round-trips them: money in
currency units, UTC times, enums spelled the way the manifest reference does,
server defaults (``plan/fields.py``) left out and every object pinned with
``id`` so a later rename is a PATCH. What the manifests cannot express (slot
positions, promotions, catalogs…) is reported in ``notes``, never written:
the planner does not compare it, so planning the import shows no changes.

Pure: no HTTP, no files. Asset references are decided by the caller
(``refer``: an asset id → a file path or ``{"id": uuid}``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from campaignctl.manifest.adopt_ad import Refer, ad_document
from campaignctl.manifest.money import format_micros
from campaignctl.manifest.spec.campaign import API_VERSION
from campaignctl.manifest.targeting import targets_document
from campaignctl.manifest.vocab import (
    ASSET_FORMATS,
    CAMPAIGN_STATUSES,
    OBJECTIVES,
    PACING,
)
from campaignctl.plan.address import slugify
from campaignctl.plan.fields import Context
from campaignctl.plan.match import is_replaced_leftover
from campaignctl.plan.model import Kind
from campaignctl.plan.normalise import canonical_time, is_server_default

LiveObject = Mapping[str, Any]
PACING_WRITTEN = {api: written.lower() for written, api in PACING.items()}
CAP_UNITS = ("DAY", "WEEK", "MONTH")
# live fields the manifests do not manage (left as they are, reported)
UNMANAGED = {
    Kind.AD_SET: (
        "dataset_id",
        "slot_positions",
        "base_rate_micro_amount",
        "cost_modifiers",
        "promotion",
    ),
    Kind.AD: ("catalog",),
}
_UNSET = (None, "", "UNSET")


@dataclass
class Notes:
    """What an import left out or could not express, per object."""

    lines: list[str] = field(default_factory=list)

    def add(self, what: str, obj: LiveObject, message: str) -> None:
        self.lines.append(f"{what} {obj.get('name')!r} ({obj.get('id')}): {message}")


@dataclass(frozen=True)
class LiveCampaign:
    """A live campaign with its ad sets, each with its ads (creation order)."""

    campaign: LiveObject
    ad_sets: Sequence[tuple[LiveObject, Sequence[LiveObject]]]


def importable_campaign(campaign: LiveObject) -> str | None:
    """Why a live campaign cannot be a manifest (None when it can)."""
    if campaign.get("status") == "ARCHIVED":
        return "archived campaigns cannot change; left out"
    if is_replaced_leftover(str(campaign.get("name", ""))):
        return "the old half of a replace (switched off); left out"
    if campaign.get("objective") not in OBJECTIVES:
        return f"objective {campaign.get('objective')!r} cannot be managed; left out"
    return None


def campaign_document(
    live: LiveCampaign, *, account: str, currency: str, refer: Refer, notes: Notes
) -> dict[str, Any]:
    """The ``kind: Campaign`` document of one live campaign."""
    campaign = live.campaign
    objective = str(campaign["objective"])
    doc: dict[str, Any] = {
        "apiVersion": API_VERSION,
        "kind": "Campaign",
        "account": account,
        "name": campaign["name"],
        "id": campaign["id"],
        "objective": objective,
    }
    _optional(doc, "delivery_goal_group", campaign.get("delivery_goal_group"))
    _optional(doc, "purchase_order", campaign.get("purchase_order"))
    status = campaign.get("status")
    if status in CAMPAIGN_STATUSES and status != "ACTIVE":  # ACTIVE: the default
        doc["status"] = status
    doc["prune"] = False
    ad_sets = []
    names = Siblings()
    for ad_set, ads in live.ad_sets:
        why = _unimportable_ad_set(ad_set) or names.clash(ad_set)
        if why:
            notes.add("ad set", ad_set, why)
            continue
        ad_sets.append(
            ad_set_document(
                ad_set, ads, objective=objective, currency=currency, refer=refer,
                notes=notes,
            )
        )  # fmt: skip
    if ad_sets:
        doc["ad_sets"] = ad_sets
    return doc


class Siblings:
    """Names (and their slugs) already taken under one parent."""

    def __init__(self) -> None:
        self.taken: dict[str, str] = {}

    def clash(self, obj: LiveObject) -> str | None:
        """Why ``obj`` cannot join its siblings (manifest names must be unique)."""
        slug = slugify(str(obj.get("name", "")))
        first = self.taken.get(slug)
        if first is not None:
            return (
                f"its name has the same address ({slug}) as {first}, imported "
                "first; names identify objects, so it is left out"
            )
        self.taken[slug] = f"{obj.get('name')!r} ({obj.get('id')})"
        return None


def _unimportable_ad_set(ad_set: LiveObject) -> str | None:
    if ad_set.get("status") == "ARCHIVED":
        return "archived; left out"
    if is_replaced_leftover(str(ad_set.get("name", ""))):
        return "the old half of a replace (switched off); left out"
    if ad_set.get("asset_format") not in ASSET_FORMATS:
        return f"format {ad_set.get('asset_format')!r} cannot be managed; left out"
    if not ad_set.get("category"):
        return "has no category, which manifests require; left out"
    if ad_set.get("bid_strategy") not in ("MAX_BID", "COST_PER_RESULT", "AUTOBID"):
        return f"bid strategy {ad_set.get('bid_strategy')!r} cannot be managed"
    return None


def ad_set_document(
    ad_set: LiveObject,
    ads: Sequence[LiveObject],
    *,
    objective: str,
    currency: str,
    refer: Refer,
    notes: Notes,
) -> dict[str, Any]:
    """An ad set with its ads (the inverse of ``desired.ad_set_body``)."""
    ctx = Context(objective=objective)
    doc: dict[str, Any] = {
        "name": ad_set["name"],
        "id": ad_set["id"],
        "category": ad_set["category"],
        "format": ad_set["asset_format"],
    }
    if ad_set.get("delivery") == "OFF":
        doc["delivery"] = "OFF"
    doc["schedule"] = _schedule(ad_set)
    doc["budget"] = _budget(ad_set, currency)
    doc["bid"] = _bid(ad_set, currency)
    pacing = ad_set.get("pacing")
    if pacing in PACING_WRITTEN and not _default(ad_set, "pacing", pacing, ctx):
        doc["pacing"] = PACING_WRITTEN[pacing]
    caps = ad_set.get("frequency_caps")
    if caps and not _default(ad_set, "frequency_caps", caps, ctx):
        doc["frequency_caps"] = frequency_caps_document(caps)
    formats = ad_set.get("video_delivery_formats")
    if formats and not _default(ad_set, "video_delivery_formats", formats, ctx):
        doc["video_formats"] = [str(f).lower() for f in formats]
    for key in ("delivery_goal", "mobile_app_id"):
        _optional(doc, key, ad_set.get(key))
    doc["targets"] = targets_document(ad_set.get("targets") or {})
    _note_unmanaged(Kind.AD_SET, ad_set, notes)
    names = Siblings()
    kept = [ad for ad in ads if not _skipped_ad(ad, names, notes)]
    if kept:
        doc["ads"] = [ad_document(ad, ad_set=ad_set, refer=refer) for ad in kept]
    return doc


def frequency_caps_document(caps: Sequence[Mapping[str, Any]]) -> Any:
    """``{day: 3, week: 10}`` when every period is 1, else the list form."""
    units = [str(c.get("frequency_unit")) for c in caps]
    simple = all(c.get("frequency_period", 1) == 1 for c in caps)
    if simple and len(set(units)) == len(units) and set(units) <= set(CAP_UNITS):
        by_unit = {str(c["frequency_unit"]): c["max_impressions"] for c in caps}
        return {u.lower(): by_unit[u] for u in CAP_UNITS if u in by_unit}
    return [
        {
            "unit": str(c.get("frequency_unit")).lower(),
            "period": c.get("frequency_period", 1),
            "impressions": c.get("max_impressions"),
        }
        for c in caps
    ]


def _schedule(obj: LiveObject) -> dict[str, str]:
    schedule = {"start": canonical_time(str(obj["start_time"]))}
    if obj.get("end_time"):
        schedule["end"] = canonical_time(str(obj["end_time"]))
    return schedule


def _budget(ad_set: LiveObject, currency: str) -> dict[str, str]:
    budget = ad_set.get("budget") or {}
    period = "lifetime" if budget.get("type") == "LIFETIME" else "daily"
    return {period: format_micros(int(budget["micro_amount"]), currency)}


def _bid(ad_set: LiveObject, currency: str) -> Any:
    strategy = ad_set.get("bid_strategy")
    if strategy == "AUTOBID":
        return "auto"
    key = "max_cpm" if strategy == "MAX_BID" else "cost_per_result"
    return {key: format_micros(int(ad_set["bid_micro_amount"]), currency)}


def _skipped_ad(ad: LiveObject, names: Siblings, notes: Notes) -> bool:
    why = None
    if ad.get("status") == "ARCHIVED":
        why = "archived; left out"
    elif is_replaced_leftover(str(ad.get("name", ""))):
        why = "the old half of a replace (switched off); left out"
    elif ad.get("catalog"):
        why = "catalog ads cannot be managed; left out"
    why = why or names.clash(ad)
    if why:
        notes.add("ad", ad, why)
    return why is not None


def _note_unmanaged(kind: Kind, obj: LiveObject, notes: Notes) -> None:
    found = [k for k in UNMANAGED[kind] if obj.get(k) not in (None, [], {})]
    if found:
        what = "ad set" if kind is Kind.AD_SET else "ad"
        fields = ", ".join(found)
        notes.add(what, obj, f"{fields} not managed by manifests; left as they are")


def _default(obj: LiveObject, path: str, value: Any, ctx: Context) -> bool:
    return is_server_default(Kind.AD_SET, path, value, obj=obj, ctx=ctx)


def _optional(doc: dict[str, Any], key: str, value: Any) -> None:
    if value not in _UNSET:
        doc[key] = value


# fields whose shapes replace as a whole in the defaults cascade (cascade.py)
_WHOLE = frozenset({"budget", "bid", "frequency_caps", "brand_safety"})


def cancel_defaults(doc: dict[str, Any], defaults: Mapping[str, Any] | None) -> None:
    """Write ``null`` where a project default would fill a field ``doc`` leaves
    out on purpose (a server default), so the import means exactly live state."""
    for key, value in (defaults or {}).items():
        if key not in doc:
            doc[key] = None
        elif (
            key not in _WHOLE
            and isinstance(value, Mapping)
            and isinstance(doc[key], dict)
        ):
            cancel_defaults(doc[key], value)
