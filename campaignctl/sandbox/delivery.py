"""Delivery simulation: the ``/_sandbox/advance`` hook that makes ads deliver.

When the clock moves forward, every whole hour that ended since the last
simulated one (``meta.delivery_until``) is simulated once. An ad delivers in
an hour when its account and campaign are ACTIVE, its ad set has ``delivery``
ON and is ACTIVE (approved, inside its flight), and the ad itself has
``delivery`` ON and is ACTIVE (and before its own ``end_time``). Figures
are written by ``metrics.record_hours``; reports read them from there.

Per ad set and UTC day (pure, from the seed, the ids, the day and the ad
set's settings as they are when simulated):

* spend target: DAILY budget x a pacing factor (PACING_EVEN 88-99 %,
  PACING_ASAP 96-100 %); LIFETIME: the unspent budget over the remaining
  flight days (EVEN) or up to 3x the even share (ASAP), so spend never
  exceeds the daily budget or, over the flight, the lifetime budget;
* price: the market CPM (``audience.cpm_range`` midpoint, +-8 % per day);
  a MAX_BID below it pays the bid and wins (bid/price)^2 of the auctions;
* impressions = target / price, capped by the pool x the frequency caps'
  daily rate, scaled to the hours the ad set could deliver, spread over the
  day by pacing (EVEN follows listening hours, ASAP front-loads) and over the
  delivering ads by fixed per-ad weights;
* everything else follows from each ad's impressions by fixed rates and
  deterministic rounding: clicks, starts, quartiles, completes, video views,
  expands and unmutes (VIDEO), off-Spotify impressions (PODCAST placement),
  streams (ad sets with a ``promotion``), app installs (APP_INSTALLS) and
  conversions (ad sets with a ``dataset_id``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from campaignctl.sandbox import audience
from campaignctl.sandbox.clock import parse_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.lifecycle import status_at
from campaignctl.sandbox.metrics import (
    COUNTERS,
    DAY,
    HOUR,
    Counts,
    Owner,
    apportion,
    floor_to,
    prune_hours,
    record_hours,
    spent_before,
)
from campaignctl.sandbox.store import JSON, Record, Store

STATE_KEY = "delivery_until"
LISTENING = (2, 1, 1, 1, 1, 2, 4, 6, 7, 6, 5, 5, 6, 6, 5, 5, 6, 7, 8, 8, 7, 6, 4, 3)
PROFILES = {
    "PACING_EVEN": LISTENING,
    "PACING_ASAP": tuple(w * (2.0 if h < 12 else 0.5) for h, w in enumerate(LISTENING)),
}
CUSTOM_EVENTS = (0.01, 0.008, 0.005, 0.003, 0.002)
ASAP_LIFETIME_SHARE = 3.0
_CANDIDATES = (
    "SELECT id FROM objects WHERE kind = 'ad_set' "
    "AND json_extract(body, '$.delivery') = 'ON' AND id IN (SELECT parent_id "
    "FROM objects WHERE kind = 'ad' AND json_extract(body, '$.delivery') = 'ON') "
    "ORDER BY seq"
)


@dataclass(frozen=True)
class AdSet:
    """An ad set ready to simulate, with what its figures are derived from."""

    seed: int
    record: Record
    campaign: Record
    ads: list[Record]
    pool: int
    frequency: float
    market: float  # mid CPM, micros of the account currency
    currency: str

    def key(self, *parts: object) -> float:
        return audience.unit(self.seed, self.record.id, *parts)


def simulate_delivery(sb: Sandbox, before: float, after: float) -> None:
    """The advance hook: simulate the hours that ended in (before, after]."""
    store = sb.store
    start = floor_to(before, HOUR)
    done = store.meta(STATE_KEY)
    if done is not None:
        start = max(start, float(done))
    end = floor_to(after, HOUR)
    if end > start:
        for (ad_set_id,) in store.execute(_CANDIDATES):
            ad_set = _load(sb, store, ad_set_id)
            if ad_set is not None:
                _simulate(store, ad_set, start, end)
        store.set_meta(STATE_KEY, repr(end))
    prune_hours(store, after)


def _load(sb: Sandbox, store: Store, ad_set_id: str) -> AdSet | None:
    record = store.get("ad_set", ad_set_id)
    campaign = store.get("campaign", str(record.parent_id)) if record else None
    account = store.get("ad_account", str(record.account_id)) if record else None
    if record is None or campaign is None or account is None:
        return None
    if campaign.body.get("status") != "ACTIVE" or account.body["status"] != "ACTIVE":
        return None
    body = record.body
    size = audience.audience_size(
        body["targets"], body["asset_format"], body.get("video_delivery_formats", ())
    )
    currency = str(account.body["currency_code"])
    low, high = audience.cpm_range(
        body["targets"], body["asset_format"], str(campaign.body["objective"]), currency
    )
    ads = [ad for ad in store.children("ad", record.id) if ad.body["delivery"] == "ON"]
    return AdSet(
        seed=sb.config.seed,
        record=record,
        campaign=campaign,
        ads=ads,
        pool=audience.pool_size(size),
        frequency=audience.daily_frequency(body["frequency_caps"]),
        market=(low + high) / 2,
        currency=currency,
    )


def _simulate(store: Store, ad_set: AdSet, start: float, end: float) -> None:
    body = ad_set.record.body
    flight_start = parse_time(body["start_time"]) or start
    flight_end = parse_time(body.get("end_time") or "") or math.inf
    low = max(start, floor_to(flight_start, HOUR))
    high = min(end, flight_end)
    day = floor_to(low, DAY)
    lifetime = body["budget"]["type"] == "LIFETIME"
    record = ad_set.record
    while day < high:
        spent = spent_before(store, record.id, day) if lifetime else 0
        for ad_id, hours in _plan_day(ad_set, day, spent).items():
            wanted = {h: c for h, c in hours.items() if low <= h < high}
            owner = Owner(str(record.account_id), ad_set.campaign.id, record.id, ad_id)
            if wanted:
                record_hours(store, owner, ad_set.pool, wanted)
        day += DAY


def _plan_day(ad_set: AdSet, day: float, spent: int) -> dict[str, dict[float, Counts]]:
    """Settled hourly figures per ad for one day (before any clipping)."""
    hours = [day + index * HOUR for index in range(24)]
    open_hours = _active(ad_set.record, hours)
    live = {
        ad.id: [a and b for a, b in zip(open_hours, _active(ad, hours), strict=True)]
        for ad in ad_set.ads
    }
    active = [any(flags[i] for flags in live.values()) for i in range(24)]
    if not any(active):
        return {}
    profile = PROFILES[ad_set.record.body["pacing"]]
    weights = [w if on else 0.0 for w, on in zip(profile, active, strict=True)]
    price, win = _clearing(ad_set, day)
    target = _allotment(ad_set, day, spent) * win * 1000 / price
    capacity = ad_set.pool * ad_set.frequency
    total = math.floor(min(target, capacity) * sum(weights) / sum(profile))
    per_hour = apportion(total, weights)
    per_ad: dict[str, list[int]] = {ad_id: [0] * 24 for ad_id in live}
    weight = {a: audience.between(0.5, 1.5, ad_set.seed, "ad", a) for a in live}
    for index, impressions in enumerate(per_hour):
        eligible = [ad_id for ad_id, flags in live.items() if flags[index]]
        shares = [weight[ad_id] for ad_id in eligible]
        for ad_id, part in zip(eligible, apportion(impressions, shares), strict=True):
            per_ad[ad_id][index] = part
    return {
        ad_id: _spread(_derive(ad_set, ad_id, day, sum(imps), price), imps, hours)
        for ad_id, imps in per_ad.items()
        if sum(imps) > 0
    }


def _active(record: Record, hours: list[float]) -> list[bool]:
    """Whether the ad set or ad is ACTIVE at each hour (and, for an ad, before
    its own ``end_time``), walking ``status_at``'s transition times."""
    end = math.inf
    if record.kind == "ad":
        end = parse_time(record.body.get("end_time") or "") or math.inf
    flags = []
    status, until = status_at(record, hours[0])
    for hour in hours:
        if until is not None and hour >= until:
            status, until = status_at(record, hour)
        flags.append(status == "ACTIVE" and hour < end)
    return flags


def _clearing(ad_set: AdSet, day: float) -> tuple[int, float]:
    """(price paid per 1,000 impressions in micros, share of auctions won)."""
    market = ad_set.market * (0.92 + 0.16 * ad_set.key("price", int(day)))
    bid = ad_set.record.body.get("bid_micro_amount")
    if ad_set.record.body["bid_strategy"] == "MAX_BID" and bid and bid < market:
        return max(1, int(bid)), (bid / market) ** 2
    return max(1, round(market)), 1.0


def _allotment(ad_set: AdSet, day: float, spent: int) -> float:
    """What the ad set may spend on ``day`` (micros), pacing included."""
    body = ad_set.record.body
    budget = float(body["budget"]["micro_amount"])
    asap = body["pacing"] == "PACING_ASAP"
    low, width = (0.96, 0.04) if asap else (0.88, 0.11)
    factor = low + width * ad_set.key("pace", int(day))
    if body["budget"]["type"] == "DAILY":
        return budget * factor
    start = parse_time(body["start_time"]) or day
    end = parse_time(body["end_time"]) or day + DAY
    remaining = max(0.0, budget - spent)
    if asap:
        even = budget * DAY / max(DAY, end - start)
        return min(remaining, ASAP_LIFETIME_SHARE * even) * factor
    return remaining / max(1, math.ceil((end - day) / DAY)) * factor


def _derive(
    ad_set: AdSet, ad_id: str, day: float, impressions: int, price: int
) -> Counts:
    """Every counter of one ad's day from its impressions (deterministic)."""
    draw = random.Random(f"{ad_set.seed}:{ad_id}:{int(day)}")

    def n(value: float) -> int:  # unbiased, deterministic rounding
        return math.floor(value + draw.random())

    body = ad_set.record.body
    fmt = body["asset_format"]
    objective = str(ad_set.campaign.body["objective"])
    streaming = fmt in ("AUDIO", "VIDEO")
    ctr = audience.click_rate(fmt, objective)
    counts: JSON = {"impressions": impressions, "spend": impressions * price // 1000}
    counts["clicks"] = n(impressions * ctr * audience.between(0.7, 1.3, "ctr", ad_id))
    counts["streamed_impressions"] = impressions if streaming else 0
    if "PODCAST" in body["targets"]["placements"]:
        counts["off_spotify_impressions"] = n(impressions * 0.06)
    if streaming:
        counts["starts"] = n(impressions * 0.985)
        counts["first_quartiles"] = n(counts["starts"] * 0.93)
        counts["midpoints"] = n(counts["first_quartiles"] * 0.94)
        counts["third_quartiles"] = n(counts["midpoints"] * 0.94)
        counts["completes"] = n(
            counts["third_quartiles"] * (0.93, 0.85)[fmt == "VIDEO"]
        )
    if fmt == "VIDEO":
        counts["video_views"] = n(impressions * 0.62)
        expand = 0.02 if objective == "VIDEO_VIEWS" else 0.004
        counts["video_expands"] = n(impressions * expand)
        counts["unmutes"] = n(impressions * 0.03)
    if body.get("promotion"):
        counts["streams"] = n(impressions * 0.015 * (0.6 + 0.8 * ad_set.key("streams")))
        counts["new_listener_streams"] = n(counts["streams"] * 0.3)
    if objective == "APP_INSTALLS":
        counts["app_installs"] = n(counts["clicks"] * 0.12)
    if body.get("dataset_id"):
        _conversions(counts, n, ad_set, ad_id)
    return tuple(int(counts.get(name, 0)) for name in COUNTERS)


def _conversions(
    counts: JSON, n: Callable[[float], int], ad_set: AdSet, ad_id: str
) -> None:
    clicks = counts["clicks"]
    rates = {
        "page_views": 0.6,
        "leads": 0.02,
        "add_to_cart": 0.05,
        "purchases": 0.015,
        "start_checkout": 0.025,
        "sign_ups": 0.03,
    }
    for name, rate in rates.items():
        counts[name] = n(clicks * rate)
    for number, rate in enumerate(CUSTOM_EVENTS, start=1):
        counts[f"custom_event_{number}"] = n(clicks * rate)
    counts["products"] = n(counts["purchases"] * 1.6)
    order = 45.0 * audience.FX.get(ad_set.currency, 1.0)
    order *= audience.between(0.8, 1.2, "order", ad_id)
    counts["revenue"] = counts["purchases"] * round(order * 1_000_000)


def _spread(
    day: Counts, impressions: list[int], hours: list[float]
) -> dict[float, Counts]:
    """A day's counters over its hours, in proportion to the impressions."""
    columns = [apportion(total, impressions) for total in day]
    return {
        hour: counts
        for hour, counts, served in zip(
            hours, zip(*columns, strict=True), impressions, strict=True
        )
        if served
    }
