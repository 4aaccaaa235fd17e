"""The metric catalogue: aggregate ``fields`` and async ``metrics`` from counters.

A ``Tally`` sums the visible counters of the cells in one report bucket, per
ad set (the ad set is the audience pool). Additive metrics are plain sums;
distinct counts (REACH, LISTENERS, NEW_LISTENERS, REACH_OF_AD_COMPLETES)
are ``people * (1 - exp(-n / people))`` per ad set, summed over ad sets,
where ``n`` is the counter they dedupe and ``people`` the pool (or, for
listeners, the small share of it that streams the promoted artist) — so they
never add up across days or ads of one ad set, and a total over several
entities is deduplicated. Rates and costs are recomputed from the sums.
SPEND and money are in currency units, never micros. Conversion counts from
1 to 4 are reported as -5 (privacy).

Async metric names map onto the same quantities, so the CSV and the
aggregate report agree for the same entities and window (``ASYNC_EQUIVALENT``
documents the renamed ones).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from campaignctl.sandbox.audience import reach_of
from campaignctl.sandbox.metrics import COUNTERS, INDEX, ZERO, Cell, Counts, add

Quantities = dict[str, float]
Value = int | float

AGGREGATE_FIELDS = (
    *("CLICKS", "COMPLETES", "COMPLETION_RATE", "CONVERSION_RATE", "CTR"),
    *("E_CPCL", "FIRST_QUARTILES", "FREQUENCY", "IMPRESSIONS", "INTENT_RATE"),
    *("LISTENERS", "MIDPOINTS", "NEW_LISTENERS", "NEW_LISTENER_CONVERSION_RATE"),
    *("NEW_LISTENER_STREAMS", "OFF_SPOTIFY_IMPRESSIONS", "PAID_LISTENS"),
    *("PAID_LISTENS_FREQUENCY", "PAID_LISTENS_REACH", "REACH", "SKIPS", "SPEND"),
    *("STARTS", "STREAMS", "STREAMS_PER_NEW_LISTENER", "STREAMS_PER_USER"),
    *("THIRD_QUARTILES", "VIDEO_VIEWS", "VIDEO_EXPANDS", "VIDEO_EXPAND_RATE"),
    *("UNMUTES", "PAGE_VIEWS", "LEADS", "ADD_TO_CART", "PURCHASES", "REVENUE"),
    *("AVERAGE_ORDER_VALUE", "RETURN_ON_AD_SPEND", "CUSTOMER_ACQUISITION_COST"),
    *("COST_PER_LEAD", "START_CHECKOUT", "PRODUCTS", "SIGN_UPS"),
    *(f"CUSTOM_EVENT_{n}" for n in range(1, 6)),
    "STREAMED_IMPRESSIONS",
)
DEPRECATED_FIELDS = frozenset(
    (
        *("INTENT_RATE", "PAID_LISTENS", "PAID_LISTENS_FREQUENCY"),
        *("PAID_LISTENS_REACH", "SKIPS"),
    )
)
TOTALS_FIELDS = ("IMPRESSIONS", "CLICKS", "CTR", "REACH", "FREQUENCY")
CONVERSIONS = (
    *("PAGE_VIEWS", "LEADS", "ADD_TO_CART", "PURCHASES", "START_CHECKOUT"),
    *("PRODUCTS", "SIGN_UPS"),
    *(f"CUSTOM_EVENT_{n}" for n in range(1, 6)),
)
MODELED = ("ADD_TO_CART", "LEADS", "PAGE_VIEWS", "PURCHASES")
INSTALLS = {"SKAD": 0.3, "KOCHAVA": 0.2, "APPSFLYER": 0.5}
MODELED_SHARE = 0.35
ASYNC_EQUIVALENT = {  # async metric -> the aggregate field it equals
    "AD_COMPLETES": "COMPLETES",
    "PLAYED_TO_25": "FIRST_QUARTILES",
    "PLAYED_TO_50": "MIDPOINTS",
    "PLAYED_TO_75": "THIRD_QUARTILES",
    "PLAYED_TO_100": "COMPLETES",
    "IMPRESSIONS_OFF_SPOTIFY": "OFF_SPOTIFY_IMPRESSIONS",
    "CPCL": "E_CPCL",
    "AVG_STREAMS_PER_LISTENER": "STREAMS_PER_USER",
    "AVG_STREAMS_PER_NEW_LISTENER": "STREAMS_PER_NEW_LISTENER",
    "LISTENER_CONVERSION_RATE": "CONVERSION_RATE",
}
DISTINCT = {  # distinct count -> (the counter it dedupes, share of the pool)
    "reach": ("impressions", 1.0),
    "listeners": ("streams", 0.002),  # few of those reached ever stream the artist
    "new_listeners": ("new_listener_streams", 0.0008),
    "completes_reach": ("completes", 1.0),
}


class Tally:
    """Visible counters of one report bucket, kept per ad set (pool)."""

    def __init__(self) -> None:
        self.pools: dict[str, tuple[int, Counts]] = {}

    def add(self, cell: Cell) -> None:
        self.add_counts(cell.ad_set_id, cell.pool, cell.counts)

    def add_counts(self, key: str, pool: int, counts: Counts) -> None:
        size, total = self.pools.get(key, (0, ZERO))
        self.pools[key] = (max(size, pool), add(total, counts))

    def quantities(self) -> Quantities:
        """Summed counters plus the distinct counts."""
        found = {name: 0.0 for name in (*COUNTERS, *DISTINCT)}
        for pool, counts in self.pools.values():
            for name, value in zip(COUNTERS, counts, strict=True):
                found[name] += value
            for name, (source, share) in DISTINCT.items():
                people = max(1, round(pool * share))
                found[name] += round(reach_of(counts[INDEX[source]], people))
        return found


def tally_of(cells: Iterable[Cell]) -> Tally:
    tally = Tally()
    for cell in cells:
        tally.add(cell)
    return tally


def ratio(top: float, bottom: float, scale: float = 1.0) -> float:
    return round(top * scale / bottom, 6) if bottom else 0.0


def money(micros: float) -> float:
    return round(micros / 1_000_000, 6)


def privacy(value: float) -> Value:
    """Conversion counts strictly between 0 and 5 are reported as -5."""
    return -5 if 0 < value < 5 else int(value)


def _count(name: str) -> Callable[[Quantities], Value]:
    return lambda q: int(q[name])


def _zero(q: Quantities) -> Value:
    return 0


def _modeled(name: str, modeled: bool) -> Callable[[Quantities], Value]:
    """Modeled conversions are a fixed share; unmodeled are the rest."""

    def value(q: Quantities) -> Value:
        share = int(q[name] * MODELED_SHARE)
        return share if modeled else int(q[name]) - share

    return value


def _installs(share: float) -> Callable[[Quantities], Value]:
    return lambda q: int(q["app_installs"] * share)


AGGREGATE: dict[str, Callable[[Quantities], Value]] = {
    "CLICKS": _count("clicks"),
    "COMPLETES": _count("completes"),
    "COMPLETION_RATE": lambda q: ratio(q["completes"], q["starts"], 100),
    "CONVERSION_RATE": lambda q: ratio(q["listeners"], q["reach"], 100),
    "CTR": lambda q: ratio(q["clicks"], q["impressions"], 100),
    "E_CPCL": lambda q: ratio(money(q["spend"]), q["completes"], 1000),
    "FIRST_QUARTILES": _count("first_quartiles"),
    "FREQUENCY": lambda q: ratio(q["impressions"], q["reach"]),
    "IMPRESSIONS": _count("impressions"),
    "LISTENERS": _count("listeners"),
    "MIDPOINTS": _count("midpoints"),
    "NEW_LISTENERS": _count("new_listeners"),
    "NEW_LISTENER_CONVERSION_RATE": lambda q: ratio(
        q["new_listeners"], q["reach"], 100
    ),
    "NEW_LISTENER_STREAMS": _count("new_listener_streams"),
    "OFF_SPOTIFY_IMPRESSIONS": _count("off_spotify_impressions"),
    "REACH": _count("reach"),
    "SPEND": lambda q: money(q["spend"]),
    "STARTS": _count("starts"),
    "STREAMS": _count("streams"),
    "STREAMS_PER_NEW_LISTENER": lambda q: ratio(
        q["new_listener_streams"], q["new_listeners"]
    ),
    "STREAMS_PER_USER": lambda q: ratio(q["streams"], q["listeners"]),
    "THIRD_QUARTILES": _count("third_quartiles"),
    "VIDEO_VIEWS": _count("video_views"),
    "VIDEO_EXPANDS": _count("video_expands"),
    "VIDEO_EXPAND_RATE": lambda q: ratio(q["video_expands"], q["impressions"], 100),
    "UNMUTES": _count("unmutes"),
    "REVENUE": lambda q: money(q["revenue"]),
    "AVERAGE_ORDER_VALUE": lambda q: ratio(money(q["revenue"]), q["purchases"]),
    "RETURN_ON_AD_SPEND": lambda q: ratio(q["revenue"], q["spend"]),
    "CUSTOMER_ACQUISITION_COST": lambda q: ratio(money(q["spend"]), q["purchases"]),
    "COST_PER_LEAD": lambda q: ratio(money(q["spend"]), q["leads"]),
    "STREAMED_IMPRESSIONS": _count("streamed_impressions"),
    **{name: _zero for name in DEPRECATED_FIELDS},
    **{name: _count(name.lower()) for name in CONVERSIONS},
}
ASYNC: dict[str, Callable[[Quantities], Value]] = {
    **{name: AGGREGATE[field] for name, field in ASYNC_EQUIVALENT.items()},
    **{
        name: AGGREGATE[name]
        for name in (
            *("CLICKS", "COMPLETION_RATE", "CTR", "FREQUENCY", "INTENT_RATE"),
            *("LISTENERS", "NEW_LISTENERS", "NEW_LISTENER_CONVERSION_RATE"),
            *("REACH", "SPEND", "STARTS", "STREAMS", "UNMUTES", "VIDEO_VIEWS"),
            *("VIDEO_EXPANDS", "VIDEO_EXPAND_RATE", "REVENUE", "COST_PER_LEAD"),
            *("AVERAGE_ORDER_VALUE", "RETURN_ON_AD_SPEND"),
            *("CUSTOMER_ACQUISITION_COST", *CONVERSIONS),
        )
    },
    "CPM": lambda q: ratio(money(q["spend"]), q["impressions"], 1000),
    "FREQUENCY_OF_AD_COMPLETES": lambda q: ratio(q["completes"], q["completes_reach"]),
    "IMPRESSIONS_ON_SPOTIFY": lambda q: int(
        q["impressions"] - q["off_spotify_impressions"]
    ),
    "REACH_OF_AD_COMPLETES": _count("completes_reach"),
    **{f"MODELED_{name}": _modeled(name.lower(), True) for name in MODELED},
    **{f"UNMODELED_{name}": _modeled(name.lower(), False) for name in MODELED},
    **{
        f"{source}_APP_INSTALLS": _installs(share) for source, share in INSTALLS.items()
    },
}
ASYNC_METRICS = tuple(ASYNC)
PRIVATE = frozenset(
    (
        *CONVERSIONS,
        *(f"{source}_APP_INSTALLS" for source in INSTALLS),
        *(f"{kind}_{name}" for kind in ("MODELED", "UNMODELED") for name in MODELED),
    )
)


def field_values(
    names: Iterable[str], quantities: Quantities, table: dict[str, Any]
) -> list[tuple[str, Value]]:
    """(name, value) for each requested metric, with the privacy rule."""
    found = []
    for name in names:
        value = table[name](quantities)
        found.append((name, privacy(value) if name in PRIVATE else value))
    return found


def seven_day_window(quantities: Quantities) -> Quantities:
    """Conversions under IMPRESSION_7_DAY attribution: 70 % of the 30-day ones."""
    shorter = dict(quantities)
    for name in (*(c.lower() for c in CONVERSIONS), "revenue", "app_installs"):
        shorter[name] = float(int(quantities[name] * 0.7))
    return shorter


def aggregate_name(async_name: str) -> str:
    """The aggregate field an async metric corresponds to ("" when none)."""
    if async_name == "IMPRESSIONS_ON_SPOTIFY":
        return "IMPRESSIONS"
    return ASYNC_EQUIVALENT.get(async_name, "")


def async_name(field: str) -> str:
    """The async metric an aggregate field corresponds to ("" when none)."""
    if field == "IMPRESSIONS":
        return "IMPRESSIONS_ON_SPOTIFY"
    back = {v: k for k, v in ASYNC_EQUIVALENT.items() if k != "PLAYED_TO_100"}
    return back.get(field, "")
