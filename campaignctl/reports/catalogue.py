"""The typed metric catalogue, and the vocabularies of the two report endpoints.

One ``Metric`` per quantity, named in snake case (the warehouse column), with
the name each endpoint knows it by: aggregate reports take ``fields``
(``ReportFieldType``), async CSV reports take ``metrics``
(``AsyncReportMetric``), and the two vocabularies differ (``COMPLETES`` is
``AD_COMPLETES``, ``E_CPCL`` is ``CPCL``; ``IMPRESSIONS`` exists only in
aggregate reports, ``CPM`` only in async ones).

``aggregation`` says how a metric may be rolled up across days or entities:
``sum`` metrics add up; ``distinct`` ones (reach, listeners) count people and
never add up; ``ratio`` ones are recomputed from their summed numerator and
denominator, or left empty when either part is a distinct count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    COUNT = "count"
    CURRENCY = "currency"  # the ad account's currency units, never micros
    PERCENT = "percent"  # 0.32 means 0.32 %
    RATIO = "ratio"  # a plain quotient (frequency, streams per listener)


class Aggregation(StrEnum):
    SUM = "sum"
    DISTINCT = "distinct"
    RATIO = "ratio"


@dataclass(frozen=True)
class Ratio:
    """``numerator * scale / denominator``, both catalogue metric names."""

    numerator: str
    denominator: str
    scale: int = 1


@dataclass(frozen=True)
class Metric:
    name: str
    aggregate: str | None  # ReportFieldType, None when aggregate reports lack it
    async_name: str | None  # AsyncReportMetric, None when async reports lack it
    unit: Unit
    aggregation: Aggregation
    ratio: Ratio | None = None
    deprecated: bool = False
    removed: bool = False  # deprecated and gone from both enums: refused
    conversion: bool = False  # attributed: re-read for the attribution window
    private: bool = False  # counts from 1 to 4 are reported as -5
    aliases: tuple[str, ...] = ()  # more spellings, e.g. PLAYED_TO_100

    @property
    def spellings(self) -> tuple[str, ...]:
        names = (self.name.upper(), self.aggregate, self.async_name, *self.aliases)
        return tuple(dict.fromkeys(n for n in names if n))

    def api_name(self, endpoint: str) -> str | None:
        return self.aggregate if endpoint == "aggregate" else self.async_name


def _sum(
    name: str,
    agg: str | None,
    asy: str | None,
    *,
    unit: Unit = Unit.COUNT,
    deprecated: bool = False,
    conversion: bool = False,
    private: bool = False,
    aliases: tuple[str, ...] = (),
) -> Metric:
    return Metric(
        name,
        agg,
        asy,
        unit,
        Aggregation.SUM,
        deprecated=deprecated,
        conversion=conversion,
        private=private,
        aliases=aliases,
    )


def _distinct(
    name: str, agg: str | None, asy: str | None, *, deprecated: bool = False
) -> Metric:
    return Metric(
        name, agg, asy, Unit.COUNT, Aggregation.DISTINCT, deprecated=deprecated
    )


def _ratio(
    name: str,
    agg: str | None,
    asy: str | None,
    unit: Unit,
    ratio: Ratio | None,
    *,
    deprecated: bool = False,
    removed: bool = False,
    conversion: bool = False,
    aliases: tuple[str, ...] = (),
) -> Metric:
    return Metric(
        name,
        agg,
        asy,
        unit,
        Aggregation.RATIO,
        ratio,
        deprecated=deprecated,
        removed=removed,
        conversion=conversion,
        aliases=aliases,
    )


def _conversion(name: str) -> Metric:
    upper = name.upper()
    return _sum(name, upper, upper, conversion=True, private=True)


def _async_conversion(name: str) -> Metric:
    return _sum(name, None, name.upper(), conversion=True, private=True)


_CONVERSIONS = (
    *("page_views", "leads", "add_to_cart", "purchases", "start_checkout"),
    *("products", "sign_ups"),
    *(f"custom_event_{n}" for n in range(1, 6)),
)
_MODELED = ("add_to_cart", "leads", "page_views", "purchases")
_INSTALLS = ("skad", "kochava", "appsflyer")
C, P, R = Unit.CURRENCY, Unit.PERCENT, Unit.RATIO

METRICS: tuple[Metric, ...] = (
    # delivery
    _sum("impressions", "IMPRESSIONS", None),
    _sum("impressions_on_spotify", None, "IMPRESSIONS_ON_SPOTIFY"),
    _sum(
        "off_spotify_impressions", "OFF_SPOTIFY_IMPRESSIONS", "IMPRESSIONS_OFF_SPOTIFY"
    ),
    _sum("streamed_impressions", "STREAMED_IMPRESSIONS", None),
    _sum("clicks", "CLICKS", "CLICKS"),
    _sum("spend", "SPEND", "SPEND", unit=C),
    _sum("starts", "STARTS", "STARTS"),
    _sum("first_quartiles", "FIRST_QUARTILES", "PLAYED_TO_25"),
    _sum("midpoints", "MIDPOINTS", "PLAYED_TO_50"),
    _sum("third_quartiles", "THIRD_QUARTILES", "PLAYED_TO_75"),
    _sum("completes", "COMPLETES", "AD_COMPLETES", aliases=("PLAYED_TO_100",)),
    _sum("video_views", "VIDEO_VIEWS", "VIDEO_VIEWS"),
    _sum("video_expands", "VIDEO_EXPANDS", "VIDEO_EXPANDS"),
    _sum("unmutes", "UNMUTES", "UNMUTES"),
    _distinct("reach", "REACH", "REACH"),
    _distinct("reach_of_ad_completes", None, "REACH_OF_AD_COMPLETES"),
    _ratio("ctr", "CTR", "CTR", P, Ratio("clicks", "impressions", 100)),
    _ratio(
        "completion_rate",
        "COMPLETION_RATE",
        "COMPLETION_RATE",
        P,
        Ratio("completes", "starts", 100),
    ),
    _ratio("frequency", "FREQUENCY", "FREQUENCY", R, Ratio("impressions", "reach")),
    _ratio(
        "frequency_of_ad_completes",
        None,
        "FREQUENCY_OF_AD_COMPLETES",
        R,
        Ratio("completes", "reach_of_ad_completes"),
    ),
    _ratio("cpm", None, "CPM", C, Ratio("spend", "impressions", 1000)),
    _ratio("e_cpcl", "E_CPCL", "CPCL", C, Ratio("spend", "completes", 1000)),
    _ratio(
        "video_expand_rate",
        "VIDEO_EXPAND_RATE",
        "VIDEO_EXPAND_RATE",
        P,
        Ratio("video_expands", "impressions", 100),
    ),
    # streaming conversion (artist and podcast promotion)
    _sum("streams", "STREAMS", "STREAMS"),
    _sum("new_listener_streams", "NEW_LISTENER_STREAMS", None),
    _distinct("listeners", "LISTENERS", "LISTENERS"),
    _distinct("new_listeners", "NEW_LISTENERS", "NEW_LISTENERS"),
    _ratio(
        "conversion_rate",
        "CONVERSION_RATE",
        "LISTENER_CONVERSION_RATE",
        P,
        Ratio("listeners", "reach", 100),
    ),
    _ratio(
        "new_listener_conversion_rate",
        "NEW_LISTENER_CONVERSION_RATE",
        "NEW_LISTENER_CONVERSION_RATE",
        P,
        Ratio("new_listeners", "reach", 100),
    ),
    _ratio(
        "streams_per_user",
        "STREAMS_PER_USER",
        "AVG_STREAMS_PER_LISTENER",
        R,
        Ratio("streams", "listeners"),
    ),
    _ratio(
        "streams_per_new_listener",
        "STREAMS_PER_NEW_LISTENER",
        "AVG_STREAMS_PER_NEW_LISTENER",
        R,
        Ratio("new_listener_streams", "new_listeners"),
    ),
    _ratio("intent_rate", "INTENT_RATE", "INTENT_RATE", P, None, deprecated=True),
    # pixel conversions (ad sets with a dataset)
    *(_conversion(name) for name in _CONVERSIONS),
    _sum("revenue", "REVENUE", "REVENUE", unit=C, conversion=True),
    _ratio(
        "average_order_value",
        "AVERAGE_ORDER_VALUE",
        "AVERAGE_ORDER_VALUE",
        C,
        Ratio("revenue", "purchases"),
        conversion=True,
    ),
    _ratio(
        "return_on_ad_spend",
        "RETURN_ON_AD_SPEND",
        "RETURN_ON_AD_SPEND",
        R,
        Ratio("revenue", "spend"),
        conversion=True,
    ),
    _ratio(
        "customer_acquisition_cost",
        "CUSTOMER_ACQUISITION_COST",
        "CUSTOMER_ACQUISITION_COST",
        C,
        Ratio("spend", "purchases"),
        conversion=True,
    ),
    _ratio(
        "cost_per_lead",
        "COST_PER_LEAD",
        "COST_PER_LEAD",
        C,
        Ratio("spend", "leads"),
        conversion=True,
    ),
    *(_async_conversion(f"modeled_{name}") for name in _MODELED),
    *(_async_conversion(f"unmodeled_{name}") for name in _MODELED),
    *(_async_conversion(f"{source}_app_installs") for source in _INSTALLS),
    # deprecated (still accepted, reported as 0) and removed (refused)
    _sum("paid_listens", "PAID_LISTENS", None, deprecated=True),
    _distinct("paid_listens_reach", "PAID_LISTENS_REACH", None, deprecated=True),
    _ratio(
        "paid_listens_frequency",
        "PAID_LISTENS_FREQUENCY",
        None,
        R,
        Ratio("paid_listens", "paid_listens_reach"),
        deprecated=True,
    ),
    _sum("skips", "SKIPS", None, deprecated=True),
    _ratio("e_cpm", None, None, C, None, removed=True, aliases=("E_CPM",)),
    _ratio("e_cpc", None, None, C, None, removed=True, aliases=("E_CPC",)),
)
BY_NAME: dict[str, Metric] = {m.name: m for m in METRICS}
_SPELLINGS: dict[str, Metric] = {s: m for m in METRICS for s in m.spellings}

# what to write instead of a removed metric
REMOVED_HINTS = {
    "e_cpm": "E_CPM was removed from the API; use cpm (async reports) or "
    "spend and impressions",
    "e_cpc": "E_CPC was removed from the API; divide spend by clicks",
}


def find_metric(written: str) -> Metric | None:
    """The metric a manifest names, in any vocabulary's spelling, any case."""
    key = written.strip().upper().replace("-", "_").replace(" ", "_")
    return _SPELLINGS.get(key)


def spellings() -> list[str]:
    """Every accepted spelling (for did-you-mean hints)."""
    return sorted({m.name for m in METRICS} | set(_SPELLINGS))


def vocabulary(endpoint: str) -> frozenset[str]:
    """The API names an endpoint accepts (deprecated ones included)."""
    names = (m.api_name(endpoint) for m in METRICS)
    return frozenset(n for n in names if n)


def rollup_of(metric: Metric, present: Iterable[str]) -> str:
    """How a rollup computes ``metric``: "sum", "ratio" or "null".

    A ratio is recomputed only when both its parts are summed columns of the
    same table; anything over a distinct count (frequency = impressions /
    reach) stays empty, since distinct counts never add up.
    """
    if metric.aggregation is Aggregation.SUM:
        return "sum"
    ratio = metric.ratio
    if metric.aggregation is Aggregation.DISTINCT or ratio is None:
        return "null"
    columns = set(present)
    parts = (BY_NAME[ratio.numerator], BY_NAME[ratio.denominator])
    summable = all(
        p.aggregation is Aggregation.SUM and p.name in columns for p in parts
    )
    return "ratio" if summable else "null"


# -- entity levels, statuses and async dimensions ---------------------------------
LEVELS = ("AD_ACCOUNT", "CAMPAIGN", "AD_SET", "AD")
AGGREGATE_STATUSES: dict[str, tuple[str, ...]] = {  # ReportEntityStatus per level
    "AD": (
        *("APPROVED", "ARCHIVED", "PENDING", "PENDING_APPROVAL"),
        *("PENDING_ADVERTISER_APPROVAL", "REJECTED"),
    ),
    "AD_SET": (
        *("ACTIVE", "APPROVED", "ARCHIVED", "COMPLETED", "PENDING_APPROVAL"),
        *("PENDING_ADVERTISER_APPROVAL", "READY", "REJECTED"),
    ),
    "CAMPAIGN": ("ACTIVE", "ARCHIVED", "PAUSED"),
}
ASYNC_STATUSES: dict[str, tuple[str, ...]] = {  # AsyncReportEntityStatus per level
    "AD": ("ACTIVE", "PENDING_APPROVAL", "REJECTED"),
    "AD_SET": ("ACTIVE", "COMPLETED", "PENDING_APPROVAL", "REJECTED"),
    "CAMPAIGN": (
        *("ACTIVE", "COMPLETED", "PAUSED", "PENDING_APPROVAL", "REJECTED"),
        "STOPPED",
    ),
    "AD_ACCOUNT": (
        *("ACTIVE", "COMPLETED", "STOPPED", "PAUSED", "PENDING_APPROVAL"),
        "REJECTED",
    ),
}
DIMENSIONS: dict[str, str] = {  # AsyncReportDimension -> the level it describes
    "AD_ACCOUNT_NAME": "AD_ACCOUNT",
    "AD_ACCOUNT_CURRENCY": "AD_ACCOUNT",
    "CAMPAIGN_NAME": "CAMPAIGN",
    "CAMPAIGN_STATUS": "CAMPAIGN",
    "CAMPAIGN_OBJECTIVE": "CAMPAIGN",
    "AD_SET_NAME": "AD_SET",
    "AD_SET_STATUS": "AD_SET",
    "AD_SET_BUDGET": "AD_SET",
    "AD_SET_COST_MODEL": "AD_SET",
    "AD_NAME": "AD",
}
NAME_DIMENSIONS = {  # the dimension naming each level (async rows have no ids)
    "AD_ACCOUNT": "AD_ACCOUNT_NAME",
    "CAMPAIGN": "CAMPAIGN_NAME",
    "AD_SET": "AD_SET_NAME",
    "AD": "AD_NAME",
}
INSIGHT_DIMENSIONS = (
    *("ACT_AND_SET", "AGE", "AUDIENCE", "CITY", "COUNTRY", "FORMAT", "GENDER"),
    *("GENRE", "INTERESTS", "METRO", "PLACEMENT", "PLATFORM"),
    *("PODCAST_EPISODE_TOPIC", "REGION", "TONE"),
)
ATTRIBUTION_WINDOWS = {"IMPRESSION_30_DAY": 30, "IMPRESSION_7_DAY": 7}
GRANULARITIES = ("DAY", "HOUR", "LIFETIME")


def primary_level(dimensions: Iterable[str]) -> str:
    """The lowest level among async dimensions (Ad Account > ... > Ad)."""
    levels = [DIMENSIONS[d] for d in dimensions if d in DIMENSIONS]
    return max(levels, key=LEVELS.index, default="AD_ACCOUNT")


def name_path(level: str) -> tuple[str, ...]:
    """The name dimensions that identify an entity of ``level`` (from the top)."""
    below_account = LEVELS[1 : LEVELS.index(level) + 1]
    return tuple(NAME_DIMENSIONS[lv] for lv in below_account) or ("AD_ACCOUNT_NAME",)
