"""The sandbox's model of Spotify's audience and ad market (pure functions).

Shared by the estimates (forecasts, bid suggestions) and the delivery
simulation (how many people an ad set can reach, what an impression costs).
Everything is deterministic: shares of sub-audiences (a region, a genre's
fans) come from a hash of the id, so the same targeting always gives the
same audience in every sandbox, whatever its seed.

* Audience size = ad-reachable monthly users of the targeted country (or of
  all 71 served countries) x the share of every targeting dimension. Types
  narrow each other (AND); ids of one type widen (OR: ``1 - prod(1 - s)``).
* VIDEO inventory is narrower than AUDIO (in-app viewers only).
* CPM ranges depend on the country's price tier, the format, the objective and
  how narrow the targeting is; they are quoted in USD and converted with a
  fixed table of exchange rates (``FX``).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from typing import Any

JSON = dict[str, Any]

MIN_AUDIENCE = 20_000
"""Below this many people an audience estimate fails with "Min audience
threshold was not met"."""
REACHABLE_SHARE = 0.06
"""Share of an ad set's audience its auctions can actually reach (its pool)."""


def _table(text: str) -> dict[str, float]:
    """``"US 95000 CA 11000"`` -> ``{"US": 95000.0, "CA": 11000.0}``."""
    words = text.split()
    return {
        key: float(value) for key, value in zip(words[::2], words[1::2], strict=True)
    }


# ad-reachable monthly users per served country, in thousands (illustrative)
COUNTRY_USERS = _table(
    "US 95000 CA 11000 MX 28000 BR 42000 AR 12000 CL 6000 CO 10000 PE 6000 "
    "EC 2500 UY 900 PY 1000 BO 1000 CR 1300 DO 1800 GT 2000 HN 900 NI 500 "
    "PA 700 SV 900 GB 20000 IE 1800 FR 16000 DE 19000 AT 2200 CH 2100 BE 3000 "
    "NL 5500 LU 150 DK 1700 SE 3200 NO 1500 FI 1600 IS 120 ES 13000 PT 2800 "
    "IT 11000 PL 8000 CZ 2000 SK 900 HU 1900 RO 3200 BG 1100 GR 2100 CY 250 "
    "MT 150 EE 350 LV 450 LT 700 SI 450 HR 900 AU 8000 NZ 1400 JP 9000 "
    "SG 1500 HK 1300 TW 3000 PH 14000 ID 30000 MY 5000 TH 7000 VN 6000 "
    "IN 60000 IL 2000 ZA 4000 AE 2200 SA 4500 TR 9000 EG 6000 MA 2500 NG 4000 "
    "KE 1800"
)
# price tier per country (1 = highest CPM); countries not listed are tier 3
TIERS = _table(
    "US 1 CA 1 GB 1 IE 1 FR 1 DE 1 AT 1 CH 1 BE 1 NL 1 LU 1 DK 1 SE 1 NO 1 FI 1 "
    "IS 1 AU 1 NZ 1 JP 1 SG 1 HK 1 IL 1 AE 1 ES 2 PT 2 IT 2 PL 2 CZ 2 SK 2 HU 2 "
    "RO 2 BG 2 GR 2 CY 2 MT 2 EE 2 LV 2 LT 2 SI 2 HR 2 TW 2 SA 2 MX 2 BR 2 AR 2 "
    "CL 2 CO 2 UY 2 MY 2"
)
TIER_CPM_USD = {1: 12.0, 2: 6.0, 3: 2.5}
# units of each currency per US dollar (fixed, illustrative)
FX = _table(
    "USD 1 EUR 0.92 GBP 0.79 SEK 10.5 NOK 10.7 DKK 6.9 CHF 0.88 CAD 1.36 "
    "AUD 1.52 NZD 1.65 JPY 150 BRL 5.0 MXN 17 ARS 900 CLP 930 COP 3900 PEN 3.7 "
    "INR 83 IDR 15600 PHP 56 SGD 1.34 HKD 7.8 TWD 31.5 MYR 4.7 THB 35.5 "
    "VND 24500 ILS 3.7 ZAR 18.5 AED 3.67 SAR 3.75 TRY 32 EGP 47 MAD 10 "
    "NGN 1500 KES 130 PLN 4.0 CZK 23 HUF 360 RON 4.6 BGN 1.8 ISK 138 UYU 39"
)
AGE_BANDS = (
    (13, 17, 0.07),
    (18, 24, 0.24),
    (25, 34, 0.28),
    (35, 44, 0.18),
    (45, 54, 0.12),
    (55, 99, 0.11),
)
GENDERS = {"MALE": 0.48, "FEMALE": 0.48, "NON_BINARY": 0.04}
PLATFORMS = {"ANDROID": 0.52, "IOS": 0.38, "DESKTOP": 0.10}
PLACEMENTS: dict[tuple[str, ...], float] = {
    ("MUSIC",): 0.9,
    ("PODCAST",): 0.35,
    ("MUSIC", "PODCAST"): 1.0,
}
FORMATS = {"AUDIO": 1.0, "VIDEO": 0.35, "IMAGE": 0.8, "CATALOG": 0.8}
VIDEO_DELIVERY: dict[tuple[str, ...], float] = {("IN_STREAM",): 0.5, ("OPT_IN",): 0.6}
FORMAT_CPM = {"AUDIO": 1.0, "VIDEO": 1.6, "IMAGE": 0.6, "CATALOG": 0.7}
OBJECTIVE_CPM = {"CLICKS": 1.1, "REACH": 1.05, "VIDEO_VIEWS": 1.2}
# (share of one id: low, high) per targeting list; ids of a list are OR-ed
INTEREST_LISTS = {
    "genre_ids": (0.04, 0.14),
    "playlist_ids": (0.01, 0.05),
    "interest_ids": (0.03, 0.10),
    "artist_ids": (0.002, 0.02),
    "podcast_episode_topic_ids": (0.03, 0.10),
    "audience_ids": (0.01, 0.05),
}
GEO_LISTS = {
    "region_ids": (0.02, 0.12),
    "city_ids": (0.005, 0.04),
    "postal_code_ids": (0.0001, 0.0005),
}
CTR = {"AUDIO": 0.004, "VIDEO": 0.008, "IMAGE": 0.003, "CATALOG": 0.005}
CLICK_OBJECTIVES = {"CLICKS": 2.0, "WEBSITE_VISITS": 2.0}
LANGUAGE_SHARE = 0.6
DAYS = {"DAY": 1, "WEEK": 7, "MONTH": 30}


def unit(*parts: object) -> float:
    """A deterministic draw in [0, 1) named by ``parts``."""
    text = "\x1f".join(str(part) for part in parts).encode()
    digest = hashlib.blake2b(text, digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def between(low: float, high: float, *parts: object) -> float:
    return low + (high - low) * unit(*parts)


def audience_size(
    targets: JSON, asset_format: str, video_formats: Sequence[str] = ()
) -> int:
    """People (monthly, ad-reachable) matching ``targets`` in this format."""
    size = _geo_users(targets.get("geo_targets"))
    for share in _shares(targets):
        size *= share
    size *= FORMATS.get(asset_format, 1.0)
    if asset_format == "VIDEO":
        size *= VIDEO_DELIVERY.get(tuple(sorted(video_formats)), 1.0)
    return round(size)


def pool_size(audience: int) -> int:
    """How many distinct people an ad set's auctions reach in practice."""
    return max(1, round(audience * REACHABLE_SHARE))


def daily_frequency(caps: Iterable[JSON]) -> float:
    """The most impressions per person per day the frequency caps allow."""
    rates = [
        cap["max_impressions"] / (cap["frequency_period"] * DAYS[cap["frequency_unit"]])
        for cap in caps
    ]
    return min(rates, default=50 / 30)


def reach_of(impressions: float, pool: int) -> float:
    """Expected distinct people after ``impressions`` spread over ``pool``."""
    return pool * -math.expm1(-impressions / pool) if pool > 0 else 0.0


def cpm_range(
    targets: JSON, asset_format: str, objective: str, currency: str
) -> tuple[int, int]:
    """(low, high) market CPM in micros of ``currency``."""
    geo = targets.get("geo_targets") or {}
    base = _base_cpm_usd(geo.get("country_code"))
    narrowing = 1.0 - min(1.0, audience_size(targets, "AUDIO") / _geo_users(geo))
    price = base * FORMAT_CPM.get(asset_format, 1.0) * (1 + 0.4 * narrowing)
    price *= OBJECTIVE_CPM.get(objective, 1.0) * FX.get(currency, 1.0)
    return to_micros(price * 0.8), to_micros(price * 1.25)


def click_rate(asset_format: str, objective: str) -> float:
    """The typical share of impressions that are clicked."""
    return CTR.get(asset_format, 0.004) * CLICK_OBJECTIVES.get(objective, 1.0)


def to_micros(amount: float) -> int:
    """Currency units to micros, rounded to the cent (10,000 micros)."""
    return max(10_000, round(amount * 100) * 10_000)


def _geo_users(geo: JSON | None) -> float:
    code = (geo or {}).get("country_code")
    if not code:
        return 1000.0 * sum(COUNTRY_USERS.values())
    users = 1000.0 * COUNTRY_USERS.get(code, 500)
    parts = [
        between(low, high, key, geo_id)
        for key, (low, high) in GEO_LISTS.items()
        for geo_id in (geo or {}).get(key) or ()
    ]
    return users * min(1.0, sum(parts)) if parts else users


def _shares(targets: JSON) -> list[float]:
    shares = [
        _age_share(targets.get("age_ranges") or []),
        _sum_share(GENDERS, targets.get("genders")),
        _sum_share(PLATFORMS, targets.get("platforms")),
        PLACEMENTS.get(tuple(sorted(targets.get("placements") or ["MUSIC"])), 1.0),
    ]
    shares += [
        _union(key, targets.get(key) or (), low, high)
        for key, (low, high) in INTEREST_LISTS.items()
    ]
    if targets.get("language"):
        shares.append(LANGUAGE_SHARE)
    shares.append(_day_part_share(targets.get("user_day_parts") or []))
    return shares


def _age_share(ranges: list[JSON]) -> float:
    if not ranges:
        return 1.0
    years = {
        year
        for age in ranges
        for year in range(age.get("min", 13), age.get("max", 99) + 1)
    }
    return sum(
        share / (high - low + 1)
        for low, high, share in AGE_BANDS
        for year in years
        if low <= year <= high
    )


def _sum_share(shares: dict[str, float], chosen: list[str] | None) -> float:
    return min(1.0, sum(shares[name] for name in chosen)) if chosen else 1.0


def _union(key: str, ids: Iterable[str], low: float, high: float) -> float:
    missed = 1.0
    found = False
    for target_id in ids:
        found = True
        missed *= 1.0 - between(low, high, key, target_id)
    return 1.0 - missed if found else 1.0


def _day_part_share(parts: list[JSON]) -> float:
    if not parts:
        return 1.0
    slots = {
        (day, hour)
        for part in parts
        for day in part.get("day_of_week") or range(7)
        for hours in part.get("hour_of_day") or [{}]
        for hour in range(hours.get("min", 0), hours.get("max", 23) + 1)
    }
    return len(slots) / (7 * 24)


def _base_cpm_usd(country: str | None) -> float:
    if country:
        return TIER_CPM_USD[_tier(country)]
    total = sum(COUNTRY_USERS.values())
    return sum(
        TIER_CPM_USD[_tier(code)] * users / total
        for code, users in COUNTRY_USERS.items()
    )


def _tier(country: str) -> int:
    return int(TIERS.get(country, 3))
