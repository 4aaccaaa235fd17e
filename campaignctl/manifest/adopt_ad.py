"""Live ads → manifest ads (the inverse of ``desired.ad_body``), and the names
imported creative files get. Part of ``adopt.py``'s inverse mapping."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from campaignctl.manifest.desired import ASSET_KEYS
from campaignctl.media import EXTENSION_OF
from campaignctl.plan.address import slugify
from campaignctl.plan.fields import Context
from campaignctl.plan.model import Kind
from campaignctl.plan.normalise import canonical_time, is_server_default

LiveObject = Mapping[str, Any]
Refer = Callable[[str], Any]  # asset id → "assets/x.png" or {"id": uuid}
PRIMARY_SLOT = {"AUDIO": "audio", "VIDEO": "video", "IMAGE": "image"}
SLOT_OF = {key: slot for slot, key in ASSET_KEYS.items() if slot not in PRIMARY_SLOT}


def ad_document(ad: LiveObject, *, ad_set: LiveObject, refer: Refer) -> dict[str, Any]:
    """An ad (the inverse of ``desired.ad_body``)."""
    ctx = Context()
    doc: dict[str, Any] = {
        "name": ad["name"],
        "id": ad["id"],
        "tagline": ad["tagline"],
        "advertiser_name": ad["advertiser_name"],
    }
    assets = ad.get("assets") or {}
    doc[PRIMARY_SLOT[str(ad_set["asset_format"])]] = refer(str(assets["asset_id"]))
    for key in ("companion_asset_id", "logo_asset_id", "canvas_asset_id"):
        if assets.get(key):
            doc[SLOT_OF[key]] = refer(str(assets[key]))
    doc["call_to_action"] = _call_to_action(ad.get("call_to_action") or {}, ctx)
    if ad.get("delivery") == "OFF":
        doc["delivery"] = "OFF"
    schedule = _ad_schedule(ad, ad_set)
    if schedule:
        doc["schedule"] = schedule
    tracking = ad.get("third_party_tracking")
    if tracking:
        doc["tracking"] = [
            {"partner": t.get("measurement_partner"), "url": t.get("url")}
            for t in tracking
        ]
    return doc


def _call_to_action(cta: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    doc: dict[str, Any] = {"url": cta.get("clickthrough_url")}
    for key in ("key", "language"):
        value = cta.get(key)
        path = f"call_to_action.{key}"
        if value and not is_server_default(Kind.AD, path, value, obj=cta, ctx=ctx):
            doc[key] = value
    return doc


def _ad_schedule(ad: LiveObject, ad_set: LiveObject) -> dict[str, str]:
    """The ad's own flight where it differs from its ad set's (else inherited)."""
    schedule = {}
    for key, field_name in (("start", "start_time"), ("end", "end_time")):
        mine, theirs = ad.get(field_name), ad_set.get(field_name)
        if mine and canonical_time(str(mine)) != canonical_time(str(theirs or "")):
            schedule[key] = canonical_time(str(mine))
    return schedule


def asset_file_name(asset: LiveObject, digest: str) -> str:
    """``cover-b17c6049c0dd.png`` → ``cover.png``: the name an imported file gets.

    campaignctl's content-addressed suffix is dropped (it is added back when
    the file is planned); the extension follows the asset's file type.
    """
    name = str(asset.get("name") or asset.get("id"))
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem.removesuffix(f"-{digest[:12]}")
    extension = EXTENSION_OF.get(str(asset.get("file_type")), f".{suffix.lower()}")
    return f"{slugify(stem)[:60].rstrip('-') or 'asset'}{extension.rstrip('.')}"
