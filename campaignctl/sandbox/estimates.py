"""``POST /estimates/audience`` and ``POST /estimates/bid`` (top level).

Deterministic functions of the request, built on the ``audience`` model that
the delivery simulation uses too:

* the audience is the targeted country's (or every served country's) users
  narrowed by ages, genders, platforms, placements, genres, playlists,
  interests, artists, topics, language, day parts and the format (VIDEO is
  narrower than AUDIO); below ``MIN_AUDIENCE`` people the audience estimate
  fails with "Min audience threshold was not met" and a ``bid_suggestion``;
* the bid suggestion is the market CPM range for that audience in the
  requested currency (for COST_PER_RESULT, the matching cost per click);
* forecasts: a DAILY budget gives DAILY, WEEKLY and MONTHLY forecasts, a
  LIFETIME budget one LIFETIME forecast over start_date..end_date.
  Impressions are what the budget buys at the expected price (a MAX_BID
  under the market price wins fewer auctions), capped by what the frequency
  caps allow on the reachable pool; reach follows from the pool.

Requests get the ad set rules that apply to them (objective and format,
bid and budget, frequency caps, targeting, category), with the schedule
fields named ``start_date``/``end_date``.
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, StringConstraints
from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox import audience
from campaignctl.sandbox.clock import parse_time
from campaignctl.sandbox.errors import Problem, json_response
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import read_json
from campaignctl.sandbox.rules.ad_set import ad_set_problems, apply_defaults
from campaignctl.sandbox.rules.ad_set_schema import Category, FrequencyCaps
from campaignctl.sandbox.rules.check import fail_if, validate_body
from campaignctl.sandbox.rules.targets import Targets
from campaignctl.sandbox.rules.types import (
    INT64_MAX,
    AssetFormat,
    BidStrategy,
    Body,
    BudgetType,
    EventTime,
    Int64,
    Objective,
    UniqueList,
    Uuid,
    VideoDeliveryFormat,
)
from campaignctl.sandbox.store import JSON

Currency = Annotated[str, StringConstraints(min_length=3, max_length=3)]
BidAmount = Annotated[int, Field(ge=0, le=INT64_MAX)]
DAY = 86400
PERIODS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 30}
PLACEHOLDER_APP = "00000000-0000-4000-8000-000000000000"
WEEKLY_ACTIVE = 0.55


class EstimateBudget(Body):
    micro_amount: Int64
    type: BudgetType
    currency: Currency


class AudienceEstimateRequest(Body):
    ad_account_id: Uuid
    start_date: EventTime
    end_date: EventTime | None = None
    asset_format: AssetFormat
    objective: Objective
    bid_strategy: BidStrategy
    bid_micro_amount: BidAmount
    budget: EstimateBudget
    frequency_caps: FrequencyCaps | None = None
    targets: Targets
    video_delivery_formats: UniqueList[VideoDeliveryFormat] | None = None
    category: Category | None = None


class BidEstimateRequest(Body):
    asset_format: AssetFormat
    objective: Objective
    bid_strategy: BidStrategy
    currency: Currency
    frequency_caps: FrequencyCaps | None = None
    targets: Targets
    video_delivery_formats: UniqueList[VideoDeliveryFormat] | None = None
    category: Category | None = None


async def estimate_audience(request: Request, call: Call) -> Response:
    _, fields = validate_body(AudienceEstimateRequest, await read_json(request))
    currency = fields["budget"]["currency"]
    problems = _account_problems(call, fields["ad_account_id"].lower(), currency)
    ad_set = {
        **_ad_set_view(fields),
        "budget": {k: fields["budget"][k] for k in ("micro_amount", "type")},
        "start_time": fields["start_date"],
        **({"end_time": fields["end_date"]} if "end_date" in fields else {}),
    }
    if fields["bid_strategy"] != "AUTOBID" or fields["bid_micro_amount"] > 0:
        ad_set["bid_micro_amount"] = fields["bid_micro_amount"]
    fail_if(problems + _rule_problems(ad_set, fields["objective"]))
    filled = apply_defaults(ad_set, fields["objective"])
    size = audience.audience_size(
        filled["targets"],
        filled["asset_format"],
        filled.get("video_delivery_formats", ()),
    )
    suggestion = bid_suggestion(filled, fields["objective"], currency)
    if size < audience.MIN_AUDIENCE:
        raise Problem(
            400,
            [
                "Min audience threshold was not met",
                f"targets: about {size:,} people match; at least "
                f"{audience.MIN_AUDIENCE:,} are needed (broaden the location, "
                "ages or interests)",
            ],
            code="INVALID_ARGUMENT.MIN_AUDIENCE_THRESHOLD",
            extra={"bid_suggestion": suggestion},
        )
    return json_response(forecast(filled, fields, size, suggestion))


async def estimate_bid(request: Request, call: Call) -> Response:
    _, fields = validate_body(BidEstimateRequest, await read_json(request))
    currency = fields["currency"]
    strategy = fields["bid_strategy"]
    ad_set = {
        **_ad_set_view(fields),
        "bid_micro_amount": 1,  # a bid estimate has no bid or budget of its own
        "budget": {
            "micro_amount": 1,
            "type": "LIFETIME" if strategy == "COST_PER_RESULT" else "DAILY",
        },
        "start_time": "2030-01-01T00:00:00Z",
        "end_time": "2030-01-02T00:00:00Z",
    }
    problems = _currency_problems("currency", currency)
    fail_if(problems + _rule_problems(ad_set, fields["objective"]))
    filled = apply_defaults(ad_set, fields["objective"])
    return json_response(bid_suggestion(filled, fields["objective"], currency))


def bid_suggestion(ad_set: JSON, objective: str, currency: str) -> JSON:
    """``BidSuggestion``: the market CPM range (CPC range for COST_PER_RESULT)."""
    fmt = ad_set["asset_format"]
    low, high = audience.cpm_range(ad_set["targets"], fmt, objective, currency)
    if ad_set["bid_strategy"] == "COST_PER_RESULT":
        clicks = audience.click_rate(fmt, objective) * 1000
        low, high = (audience.to_micros(v / 1e6 / clicks) for v in (low, high))
    return {
        "bid_estimate_min": low,
        "bid_estimate_max": high,
        "cost_model": "CPM",
        "currency": currency,
    }


def forecast(ad_set: JSON, fields: JSON, size: int, suggestion: JSON) -> JSON:
    """``AudienceEstimateResponse`` for a valid request."""
    pool = audience.pool_size(size)
    low, high = suggestion["bid_estimate_min"], suggestion["bid_estimate_max"]
    price, win = _price(ad_set, (low + high) / 2)
    budget = fields["budget"]
    per_day = audience.daily_frequency(ad_set["frequency_caps"]) * pool
    if budget["type"] == "DAILY":
        periods = list(PERIODS.items())
        spend = {name: budget["micro_amount"] * days for name, days in periods}
    else:
        days = _flight_days(fields)
        periods, spend = [("LIFETIME", days)], {"LIFETIME": budget["micro_amount"]}
    items = []
    bought_all = True
    for name, days in periods:
        bought = spend[name] * 1000 / price
        impressions = min(bought * win, per_day * days)
        bought_all = bought_all and impressions >= 0.8 * bought
        items.append(_item(name, days, impressions, pool, size))
        if ad_set["bid_strategy"] != "COST_PER_RESULT":
            items[-1].update(_cpm(ad_set, low, high))
    return {
        "audience_forecast": items,
        "bid_suggestion": suggestion,
        "likely_to_deliver_budget": bought_all,
    }


def _item(name: str, days: int, impressions: float, pool: int, size: int) -> JSON:
    low = math.floor(impressions * 0.85)
    high = math.floor(impressions * 1.1)
    reach_low = round(audience.reach_of(low, pool))
    reach_high = round(audience.reach_of(high, pool))
    active = WEEKLY_ACTIVE + (1 - WEEKLY_ACTIVE) * min(days, 30) / 30
    return {
        "forecast_type": name,
        "estimated_impressions_min": low,
        "estimated_impressions_max": high,
        "estimated_reach_min": reach_low,
        "estimated_reach_max": reach_high,
        "estimated_frequency_min": round(low / reach_low, 2) if reach_low else 0.0,
        "estimated_frequency_max": round(high / reach_high, 2) if reach_high else 0.0,
        "projected_unique_users": round(size * min(1.0, active)),
        "raw_unique_users": round(size * WEEKLY_ACTIVE),
    }


def _cpm(ad_set: JSON, low: int, high: int) -> JSON:
    """The CPM range paid: the market's, capped by a MAX_BID."""
    bid = ad_set.get("bid_micro_amount")
    if ad_set["bid_strategy"] == "MAX_BID" and bid:
        low, high = min(low, bid), min(high, bid)
    return {"estimated_cpm_min": low, "estimated_cpm_max": high}


def _price(ad_set: JSON, market: float) -> tuple[float, float]:
    """(expected CPM paid in micros, share of auctions won)."""
    bid = ad_set.get("bid_micro_amount")
    if ad_set["bid_strategy"] == "MAX_BID" and bid and bid < market:
        return float(bid), (bid / market) ** 2
    return market, 1.0


def _flight_days(fields: JSON) -> int:
    start = parse_time(fields["start_date"]) or 0.0
    end = parse_time(fields["end_date"]) or start + DAY
    return max(1, math.ceil((end - start) / DAY))


def _ad_set_view(fields: JSON) -> JSON:
    """The request as the ad set it describes (for the ad set rules)."""
    keys = ("asset_format", "bid_strategy", "targets", "frequency_caps")
    view = {
        k: fields[k]
        for k in (*keys, "video_delivery_formats", "category")
        if k in fields
    }
    if fields["objective"] == "APP_INSTALLS":
        view["mobile_app_id"] = PLACEHOLDER_APP  # estimates take no app
    return view


def _rule_problems(ad_set: JSON, objective: str) -> list[str]:
    problems = []
    if objective == "UNSET":
        problems.append("objective: UNSET is reserved for internal use")
    found = ad_set_problems(ad_set, objective=objective, now=0.0, start_changed=False)
    for message in found:
        renamed = message.replace("start_time", "start_date")
        problems.append(renamed.replace("end_time", "end_date"))
    return problems


def _account_problems(call: Call, account_id: str, currency: str) -> list[str]:
    account = call.sb.store.get("ad_account", account_id)
    if account is None:
        return [
            f"ad_account_id: ad account {account_id} does not exist or is not yours"
        ]
    expected = account.body["currency_code"]
    if currency != expected:
        return [f"budget.currency: must be the ad account's currency {expected}"]
    return []


def _currency_problems(field: str, currency: str) -> list[str]:
    if currency in audience.FX:
        return []
    return [f"{field}: {currency!r} is not a supported ISO 4217 currency code"]


ROUTES = [
    api_route("POST", "/estimates/audience", "estimateAudience", estimate_audience),
    api_route("POST", "/estimates/bid", "estimateBid", estimate_bid),
]
