"""Ad rules (BRIEF §2.3, §11 rules 3, 7, 8) and the ``AdResponse`` body.

Asset coupling: ``asset_id`` matches the ad set's ``asset_format`` (IMAGE for
CATALOG), logo and companion are IMAGE, the companion is required for AUDIO
ad sets, a canvas is a 9:16 IMAGE or VIDEO on AUDIO ad sets only, every
referenced asset is READY in the same ad account, audio at most 31 s. The
live PATCH refuses ``assets`` ([tools]: "the live PATCH does not support
updating asset fields, but draft ads do") — change them through drafts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from campaignctl.media import MAX_AUDIO_MS
from campaignctl.sandbox.clock import parse_time
from campaignctl.sandbox.rules.ad_schema import CREATE_ONLY, READ_ONLY
from campaignctl.sandbox.store import JSON

AssetLookup = Callable[[str], JSON | None]
PRIMARY_TYPE = {
    "AUDIO": "AUDIO",
    "VIDEO": "VIDEO",
    "IMAGE": "IMAGE",
    "CATALOG": "IMAGE",
}
CTA_TEXT = {
    "APPLY_NOW": "Apply now",
    "BOOK_NOW": "Book now",
    "BUY_NOW": "Buy now",
    "BUY_TICKETS": "Buy tickets",
    "CLICK_NOW": "Click now",
    "DOWNLOAD": "Download",
    "FIND_STORES": "Find stores",
    "GET_COUPON": "Get coupon",
    "GET_INFO": "Get info",
    "LEARN_MORE": "Learn more",
    "LISTEN_NOW": "Listen now",
    "MORE_INFO": "More info",
    "ORDER_NOW": "Order now",
    "PRE_SAVE": "Pre-save",
    "SAVE_NOW": "Save now",
    "SHARE": "Share",
    "SHOP_NOW": "Shop now",
    "SIGN_UP": "Sign up",
    "VISIT_PROFILE": "Visit profile",
    "VISIT_SITE": "Visit site",
    "WATCH_NOW": "Watch now",
}
REVIEWED_FIELDS = (
    "name",
    "tagline",
    "advertiser_name",
    "assets",
    "call_to_action",
    "catalog",
)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def patch_key_problems(patch: JSON) -> list[str]:
    problems = [
        f"{key}: is create-only and cannot be changed on a live ad"
        for key in CREATE_ONLY
        if key in patch
    ]
    problems += [f"{key}: is read-only" for key in READ_ONLY if key in patch]
    if "assets" in patch:
        problems.append(
            "assets: cannot be changed on a live ad; edit a draft of the ad "
            "or create a new ad"
        )
    if not patch:
        problems.append("body: at least one property is required")
    return problems


def create_key_problems(body: JSON) -> list[str]:
    return [f"{key}: is read-only" for key in READ_ONLY if key in body]


def ad_problems(fields: JSON, *, ad_set: JSON, lookup: AssetLookup) -> list[str]:
    """Every rule on an effective ad, given its ad set and the account's assets."""
    problems = _cta_problems(fields.get("call_to_action", {}))
    problems += _time_problems(fields)
    problems += _tracking_problems(fields.get("third_party_tracking", []))
    problems += _catalog_problems(fields, ad_set["asset_format"], lookup)
    problems += asset_problems(fields.get("assets", {}), ad_set, lookup)
    if ad_set.get("status") == "ARCHIVED":
        problems.append(f"ad_set_id: ad set {ad_set['id']} is ARCHIVED")
    return problems


def asset_problems(assets: JSON, ad_set: JSON, lookup: AssetLookup) -> list[str]:
    asset_format = ad_set["asset_format"]
    problems = []
    if asset_format == "AUDIO" and not assets.get("companion_asset_id"):
        problems.append("assets.companion_asset_id: is required for AUDIO ad sets")
    if assets.get("canvas_asset_id") and asset_format != "AUDIO":
        problems.append("assets.canvas_asset_id: canvas is only for AUDIO ad sets")
    roles = (
        ("asset_id", (PRIMARY_TYPE[asset_format],)),
        ("logo_asset_id", ("IMAGE",)),
        ("companion_asset_id", ("IMAGE",)),
        ("canvas_asset_id", ("IMAGE", "VIDEO")),
    )
    for role, types in roles:
        if assets.get(role):
            problems += _asset_role(role, assets[role], types, lookup)
    return problems


def ad_body(fields: JSON, *, ids: JSON, stamps: JSON, times: JSON) -> JSON:
    """The ``AdResponse`` for stored fields; ``times`` are the concrete flight."""
    cta = fields["call_to_action"]
    key = cta.get("key", "LEARN_MORE")
    body: JSON = {
        "id": ids["id"],
        "ad_set_id": ids["ad_set_id"],
        "name": fields["name"],
        "tagline": fields["tagline"],
        "advertiser_name": fields["advertiser_name"],
        "assets": fields["assets"],
        "call_to_action": {
            "key": key,
            "text": CTA_TEXT[key],
            "language": cta.get("language", "ENGLISH"),
            "clickthrough_url": cta["clickthrough_url"],
        },
        "delivery": fields.get("delivery", "ON"),
        "start_time": times["start_time"],
        "ad_preview_url": f"https://sandbox.campaignctl.invalid/preview/ads/{ids['id']}",
        "created_at": stamps["created_at"],
        "updated_at": stamps["updated_at"],
    }
    if times.get("end_time"):
        body["end_time"] = times["end_time"]
    for key in ("third_party_tracking", "catalog"):
        if key in fields:
            body[key] = fields[key]
    return body


def _asset_role(
    role: str, asset_id: str, types: tuple[str, ...], lookup: AssetLookup
) -> list[str]:
    asset = lookup(asset_id)
    where = f"assets.{role}"
    if asset is None:
        return [f"{where}: asset {asset_id} not found in this ad account"]
    problems = []
    if asset["asset_type"] not in types:
        wanted = " or ".join(types)
        problems.append(
            f"{where}: asset {asset_id} is {asset['asset_type']}, needs {wanted}"
        )
    if asset["status"] != "READY":
        problems.append(
            f"{where}: asset {asset_id} is {asset['status']}, must be READY"
        )
    if role == "canvas_asset_id" and asset.get("aspect_ratio") != "VERTICAL_9_16":
        problems.append(f"{where}: canvas must be 9:16 (VERTICAL_9_16)")
    duration = asset.get("duration_ms")
    audio = role == "asset_id" and asset["asset_type"] == "AUDIO"
    if audio and duration and duration > MAX_AUDIO_MS:
        problems.append(f"{where}: audio is {duration} ms, at most {MAX_AUDIO_MS} ms")
    return problems


def _cta_problems(cta: JSON) -> list[str]:
    url = cta.get("clickthrough_url")
    if not url:
        return ["call_to_action.clickthrough_url: is required"]
    if not _URL.match(url):
        return ["call_to_action.clickthrough_url: must be an http(s) URL"]
    return []


def _time_problems(fields: JSON) -> list[str]:
    start = parse_time(fields.get("start_time") or "")
    end = parse_time(fields.get("end_time") or "")
    problems = [
        f"{key}: {fields[key]!r} is not a valid date-time"
        for key, value in (("start_time", start), ("end_time", end))
        if fields.get(key) and value is None
    ]
    if start is not None and end is not None and end <= start:
        problems.append("end_time: must be after start_time")
    return problems


def _tracking_problems(tracking: list[JSON]) -> list[str]:
    return [
        f"third_party_tracking[{index}].url: must be an http(s) URL"
        for index, entry in enumerate(tracking)
        if "url" in entry and not _URL.match(entry["url"])
    ]


def _catalog_problems(
    fields: JSON, asset_format: str, lookup: AssetLookup
) -> list[str]:
    catalog = fields.get("catalog")
    if asset_format != "CATALOG":
        return ["catalog: only for CATALOG ad sets"] if catalog else []
    items = (catalog or {}).get("catalog_items") or []
    if not 2 <= len(items) <= 6:
        return ["catalog.catalog_items: a CATALOG ad needs 2 to 6 items"]
    problems = []
    skus = [item["sku"] for item in items if "sku" in item]
    if len(set(skus)) != len(skus):
        problems.append("catalog.catalog_items: sku values must be unique")
    for index, item in enumerate(items):
        for key in ("asset_id", "clickthrough_url", "tagline"):
            if not item.get(key):
                problems.append(f"catalog.catalog_items[{index}].{key}: is required")
        if item.get("asset_id"):
            where = f"catalog.catalog_items[{index}]"
            problems += [
                p.replace("assets.asset_id", where)
                for p in _asset_role("asset_id", item["asset_id"], ("IMAGE",), lookup)
            ]
    return problems
