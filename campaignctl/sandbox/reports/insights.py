"""``insight_dimension`` breakdowns of async LIFETIME reports (simplified).

Each ad set's figures are split over the values of the dimension that its
targeting allows (an ad set targeting women has no MALE figures), with fixed
per-value weights and exact-sum rounding (``apportion``), so the additive
figures of a breakdown add up to the entity's own. AGE, GENDER, PLATFORM and PLACEMENT
use their value lists; COUNTRY and FORMAT use the ad set's targeted country
(``ALL`` when none) and asset format; the other dimensions (cities, genres,
interests, ...) are not broken down and report one ``ALL`` value.
"""

from __future__ import annotations

from campaignctl.sandbox.audience import between
from campaignctl.sandbox.metrics import apportion
from campaignctl.sandbox.reports.fields import Tally
from campaignctl.sandbox.store import JSON

VALUES = {
    "AGE": ("18-24", "25-34", "35-44", "45-54", "55+"),
    "GENDER": ("FEMALE", "MALE", "NON_BINARY"),
    "PLATFORM": ("ANDROID", "DESKTOP", "IOS"),
    "PLACEMENT": ("MUSIC", "PODCAST"),
}
AGES = {"18-24": (18, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54)}
AGES["55+"] = (55, 99)


def split(
    tally: Tally, dimension: str, ad_sets: dict[str, JSON]
) -> list[tuple[str, Tally]]:
    """(insight value, figures) rows for one entity and bucket."""
    values = VALUES.get(dimension)
    if values is None:
        return _by_label(tally, dimension, ad_sets)
    parts = {value: Tally() for value in values}
    for ad_set_id, (pool, counts) in tally.pools.items():
        targets = ad_sets.get(ad_set_id, {}).get("targets", {})
        allowed = [v for v in values if _allowed(dimension, v, targets)] or list(values)
        weights = [between(0.5, 1.5, "insight", dimension, v) for v in allowed]
        columns = [apportion(total, weights) for total in counts]
        pools = apportion(pool, weights)
        for index, value in enumerate(allowed):
            shares = tuple(column[index] for column in columns)
            parts[value].add_counts(ad_set_id, max(1, pools[index]), shares)
    return list(parts.items())


def _by_label(
    tally: Tally, dimension: str, ad_sets: dict[str, JSON]
) -> list[tuple[str, Tally]]:
    parts: dict[str, Tally] = {}
    for ad_set_id, (pool, counts) in tally.pools.items():
        label = _label(dimension, ad_sets.get(ad_set_id, {}))
        parts.setdefault(label, Tally()).add_counts(ad_set_id, pool, counts)
    return sorted(parts.items()) or [("ALL", tally)]


def _label(dimension: str, ad_set: JSON) -> str:
    if dimension == "COUNTRY":
        geo = ad_set.get("targets", {}).get("geo_targets") or {}
        return str(geo.get("country_code") or "ALL")
    if dimension == "FORMAT":
        return str(ad_set.get("asset_format", "ALL"))
    return "ALL"


def _allowed(dimension: str, value: str, targets: JSON) -> bool:
    if dimension == "AGE":
        low, high = AGES[value]
        ranges = targets.get("age_ranges") or [{"min": 13, "max": 99}]
        return any(r.get("min", 13) <= high and r.get("max", 99) >= low for r in ranges)
    chosen = {
        "GENDER": targets.get("genders"),
        "PLATFORM": targets.get("platforms"),
        "PLACEMENT": targets.get("placements"),
    }[dimension]
    return not chosen or value in chosen
