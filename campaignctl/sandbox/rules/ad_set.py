"""Ad set rules (BRIEF §2.2, §11 rules 4-7) and the ``AdSetResponse`` body.

Rules are checked on the *effective* ad set (current ⊕ patch) so
conditional requirements hold after every write; the future-start rule is
only applied to a ``start_time`` that is new or changed.
"""

from __future__ import annotations

from typing import Any

from campaignctl.sandbox.clock import parse_time
from campaignctl.sandbox.rules.ad_set_schema import CREATE_ONLY, READ_ONLY
from campaignctl.sandbox.rules.targets import normalise_targets, target_problems
from campaignctl.sandbox.store import JSON

HOUR = 3600
MAX_FLIGHT_SECONDS = 365 * 86400
DEFAULT_CAPS = [
    {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 5},
    {"frequency_unit": "WEEK", "frequency_period": 1, "max_impressions": 35},
    {"frequency_unit": "MONTH", "frequency_period": 1, "max_impressions": 50},
]
CAP_MAXIMUM = {"DAY": 5, "WEEK": 35, "MONTH": 50}
ALL_FORMATS = frozenset({"AUDIO", "VIDEO", "IMAGE", "CATALOG"})
OBJECTIVE_FORMATS = {
    "REACH": frozenset({"AUDIO", "VIDEO"}),
    "CLICKS": frozenset({"AUDIO", "VIDEO"}),
    "VIDEO_VIEWS": frozenset({"VIDEO"}),
    "WEBSITE_VISITS": frozenset({"AUDIO", "VIDEO"}),
    "PODCAST_STREAMS": frozenset({"AUDIO"}),
}
VIDEO_FORMATS = {"VIDEO_VIEWS": ["OPT_IN"], "CLICKS": ["IN_STREAM"]}
AGE_RESTRICTED = {"ADV_15_139": 18}  # alcoholic beverages: 18+ only
REVIEWED_FIELDS = ("name", "targets", "category")


def patch_key_problems(patch: JSON) -> list[str]:
    """Create-only and read-only fields, and the delivery-alone rule."""
    problems = [
        f"{key}: is create-only and cannot be changed on a live ad set"
        for key in CREATE_ONLY
        if key in patch
    ]
    problems += [f"{key}: is read-only" for key in READ_ONLY if key in patch]
    if "delivery" in patch and len(patch) > 1:
        problems.append(
            "delivery: must be the only field of an ad set PATCH; "
            "send other changes in a separate request"
        )
    return problems


def create_key_problems(body: JSON) -> list[str]:
    problems = [f"{key}: is read-only" for key in READ_ONLY if key in body]
    if "placements" in body:
        problems.append("placements: is deprecated; use targets.placements")
    return problems


def ad_set_problems(
    fields: JSON, *, objective: str, now: float, start_changed: bool
) -> list[str]:
    """Every rule on an effective ad set; ``fields`` hold writable fields."""
    problems = _budget_and_bid(fields, objective)
    problems += _format_rules(fields, objective)
    problems += _cap_problems(fields.get("frequency_caps", []))
    problems += _schedule(fields, now=now, start_changed=start_changed)
    problems += target_problems(fields.get("targets", {}))
    problems += _category(fields)
    problems += _promotion(fields.get("promotion"))
    return problems


def end_change_problems(fields: JSON, *, now: float) -> list[str]:
    end = parse_time(fields.get("end_time", ""))
    if end is not None and end <= now:
        return ["end_time: must be in the future"]
    return []


def apply_defaults(fields: JSON, objective: str) -> JSON:
    """Server defaults (x-spotify-defaults); ``[]`` also restores them."""
    result = dict(fields)
    result.setdefault("pacing", "PACING_EVEN")
    result.setdefault("delivery", "ON")
    if not result.get("frequency_caps"):
        result["frequency_caps"] = [dict(cap) for cap in DEFAULT_CAPS]
    if result.get("asset_format") == "VIDEO" and not result.get(
        "video_delivery_formats"
    ):
        result["video_delivery_formats"] = list(
            VIDEO_FORMATS.get(objective, ["IN_STREAM", "OPT_IN"])
        )
    targets = normalise_targets(result["targets"])
    if objective == "VIDEO_VIEWS" and "platforms" not in result["targets"]:
        targets["platforms"] = ["ANDROID", "IOS"]
    result["targets"] = targets
    return result


def ad_set_body(fields: JSON, *, ids: JSON, currency: str, stamps: JSON) -> JSON:
    """The ``AdSetResponse``: writable fields plus server-owned ones."""
    paused = fields.get("delivery") == "OFF"
    body: JSON = {
        "id": ids["id"],
        "campaign_id": ids["campaign_id"],
        **{k: v for k, v in fields.items() if k != "campaign_id"},
        "budget": {**fields["budget"], "currency": currency},
        "cost_model": "CPM",
        "is_paused": paused,
        "created_at": stamps["created_at"],
        "updated_at": stamps["updated_at"],
    }
    if paused:
        body["pause_reason"] = "USER_PAUSED"
    return body


def _budget_and_bid(fields: JSON, objective: str) -> list[str]:
    problems = []
    budget = fields.get("budget", {})
    if budget.get("micro_amount", 1) <= 0:
        problems.append("budget.micro_amount: must be greater than 0")
    if budget.get("type") == "LIFETIME" and "end_time" not in fields:
        problems.append("end_time: is required when budget.type is LIFETIME")
    strategy = fields.get("bid_strategy")
    bid = fields.get("bid_micro_amount")
    if strategy == "UNSET":
        problems.append("bid_strategy: UNSET is not allowed for new ad sets")
    if strategy in ("MAX_BID", "COST_PER_RESULT") and bid is None:
        problems.append(
            f"bid_micro_amount: is required when bid_strategy is {strategy}"
        )
    if bid is not None and bid <= 0:
        problems.append("bid_micro_amount: must be greater than 0")
    if strategy == "COST_PER_RESULT":
        if objective != "CLICKS":
            problems.append("bid_strategy: COST_PER_RESULT needs the CLICKS objective")
        if budget.get("type") != "LIFETIME":
            problems.append("bid_strategy: COST_PER_RESULT needs a LIFETIME budget")
        if fields.get("pacing", "PACING_EVEN") != "PACING_EVEN":
            problems.append("bid_strategy: COST_PER_RESULT needs pacing PACING_EVEN")
    return problems


def _format_rules(fields: JSON, objective: str) -> list[str]:
    asset_format = fields.get("asset_format")
    problems = []
    if asset_format not in OBJECTIVE_FORMATS.get(objective, ALL_FORMATS):
        problems.append(
            f"asset_format: {asset_format} is not available for objective {objective}"
        )
    formats = fields.get("video_delivery_formats") or []
    if formats and asset_format != "VIDEO":
        problems.append("video_delivery_formats: only applies to VIDEO ad sets")
    allowed = VIDEO_FORMATS.get(objective)
    if allowed and asset_format == "VIDEO" and formats and formats != allowed:
        problems.append(f"video_delivery_formats: {objective} allows only {allowed}")
    targets = fields.get("targets", {})
    platforms = targets.get("platforms") or []
    if objective == "VIDEO_VIEWS":
        if "DESKTOP" in platforms:
            problems.append("targets.platforms: VIDEO_VIEWS cannot target DESKTOP")
        if targets.get("placements") not in (None, [], ["MUSIC"]):
            problems.append("targets.placements: VIDEO_VIEWS allows MUSIC only")
    if objective == "APP_INSTALLS":
        if "mobile_app_id" not in fields:
            problems.append("mobile_app_id: is required for the APP_INSTALLS objective")
        if platforms not in (["IOS"], ["ANDROID"]):
            problems.append(
                "targets.platforms: APP_INSTALLS needs exactly one of IOS or ANDROID"
            )
    return problems


def _cap_problems(caps: list[JSON]) -> list[str]:
    problems = []
    seen = set()
    for index, cap in enumerate(caps):
        unit = cap["frequency_unit"]
        if cap["max_impressions"] > CAP_MAXIMUM[unit]:
            problems.append(
                f"frequency_caps[{index}].max_impressions: at most "
                f"{CAP_MAXIMUM[unit]} per {unit}"
            )
        key = (unit, cap["frequency_period"])
        if key in seen:
            problems.append(f"frequency_caps[{index}]: duplicate cap for {unit}")
        seen.add(key)
    return problems


def _schedule(fields: JSON, *, now: float, start_changed: bool) -> list[str]:
    problems: list[str] = []
    start = _time(fields, "start_time", problems)
    end = _time(fields, "end_time", problems)
    if start is not None and start_changed and start < now + HOUR:
        problems.append("start_time: must be at least one hour in the future")
    if start is not None and end is not None:
        if end <= start:
            problems.append("end_time: must be after start_time")
        elif end - start > MAX_FLIGHT_SECONDS:
            problems.append("end_time: must be within 365 days of start_time")
    return problems


def _time(fields: JSON, key: str, problems: list[str]) -> float | None:
    if key not in fields:
        return None
    value = parse_time(fields[key])
    if value is None:
        problems.append(f"{key}: {fields[key]!r} is not a valid date-time")
    return value


def _category(fields: JSON) -> list[str]:
    minimum = AGE_RESTRICTED.get(fields.get("category", ""))
    if minimum is None:
        return []
    ages = fields.get("targets", {}).get("age_ranges") or []
    if not ages or any(age.get("min", 13) < minimum for age in ages):
        return [
            f"targets.age_ranges: category {fields['category']} needs "
            f"min age {minimum}+"
        ]
    return []


def _promotion(promotion: Any) -> list[str]:
    if not promotion:
        return []
    if not promotion.get("promotion_target_id"):
        return ["promotion.promotion_target_id: is required"]
    return []
