"""Audience and bid estimates for the ad sets a plan creates or changes (pure).

``estimate_requests`` picks the ad sets (created, replaced, or updated in
targeting, budget, bid or frequency caps) and builds the two request bodies
of each from its *desired* state (BRIEF §1.5): ``/estimates/audience`` and
``/estimates/bid``. ``read_estimate`` turns the two answers into an
``AdSetEstimate``; ``estimate_warnings`` says what reviewers should know: a
bid below the suggested range, an audience under the API's minimum (its 400
"Min audience threshold was not met" is a warning on that ad set, never a
plan failure), a budget unlikely to be spent, an estimate that failed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from campaignctl.plan import humanise as human
from campaignctl.plan.model import Action, Kind, Plan, ResourceAction
from campaignctl.plan.normalise import canonical_time
from campaignctl.plan.remote import AdSetEstimate, BidRange, Forecast
from campaignctl.plan.state import DesiredState, JSONObject

MIN_AUDIENCE = "Min audience threshold was not met"
# an update touching one of these moves reach or price
ESTIMATED_FIELDS = frozenset(
    {"targets", "budget", "bid_micro_amount", "frequency_caps"}
    | {"video_delivery_formats", "start_time", "end_time"}
)
DASH = "\u2013"  # an en dash between the ends of a range
_OPTIONAL = ("frequency_caps", "video_delivery_formats", "category")
_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class EstimateRequest:
    """The two estimate requests of one ad set."""

    address: str
    account_id: str
    currency: str
    bid_strategy: str
    bid: int | None
    budget_type: str
    audience: JSONObject | None  # None: the flight is over, nothing to forecast
    bid_body: JSONObject


@dataclass(frozen=True)
class Answer:
    """What one estimate call came back with."""

    body: JSONObject | None = None  # a 200
    status: int | None = None  # an error status (400 …), or None
    messages: tuple[str, ...] = ()
    extra: Mapping[str, Any] | None = None  # e.g. the 400's bid_suggestion
    failure: str | None = None  # could not be asked (network, 5xx …)
    cached: bool = False

    @property
    def below_minimum(self) -> bool:
        return self.status == 400 and any(MIN_AUDIENCE in m for m in self.messages)


def estimate_requests(
    plan: Plan, desired: DesiredState, *, now: datetime
) -> list[EstimateRequest]:
    """One request pair per ad set whose reach or price the plan may move."""
    wanted = {a.address for a in plan.actions if _estimated(a)}
    requests = []
    for campaign in desired.campaigns:
        objective = str(campaign.body.get("objective"))
        currency = plan.accounts.get(campaign.account_id, "USD")
        for ad_set in campaign.ad_sets:
            if ad_set.address in wanted:
                requests.append(
                    _request(
                        ad_set.address, ad_set.body, campaign.account_id,
                        objective, currency, now,
                    )
                )  # fmt: skip
    return requests


def _estimated(action: ResourceAction) -> bool:
    if action.kind is not Kind.AD_SET:
        return False
    if action.action in (Action.CREATE, Action.REPLACE):
        return True
    paths = {c.path.split(".", 1)[0] for c in action.changes}
    return action.action is Action.UPDATE and bool(paths & ESTIMATED_FIELDS)


def _request(
    address: str,
    body: JSONObject,
    account_id: str,
    objective: str,
    currency: str,
    now: datetime,
) -> EstimateRequest:
    common: JSONObject = {
        "asset_format": body["asset_format"],
        "objective": objective,
        "bid_strategy": body["bid_strategy"],
        "targets": body["targets"],
        **{k: body[k] for k in _OPTIONAL if body.get(k)},
    }
    budget = body["budget"]
    return EstimateRequest(
        address=address,
        account_id=account_id,
        currency=currency,
        bid_strategy=str(body["bid_strategy"]),
        bid=body.get("bid_micro_amount"),
        budget_type=str(budget["type"]),
        audience=_audience(body, common, account_id, currency, now),
        bid_body={**common, "currency": currency},
    )


def _audience(
    body: JSONObject,
    common: JSONObject,
    account_id: str,
    currency: str,
    now: datetime,
) -> JSONObject | None:
    start, end = _flight(body, now)
    if start is None:
        return None
    request: JSONObject = {
        "ad_account_id": account_id,
        "start_date": start,
        **common,
        "bid_micro_amount": body.get("bid_micro_amount") or 0,
        "budget": {**body["budget"], "currency": currency},
    }
    if end is not None:
        request["end_date"] = end
    return request


def _flight(body: JSONObject, now: datetime) -> tuple[str | None, str | None]:
    """The flight still ahead: a start in the past becomes the next UTC midnight
    (stable all day, so cached answers stay usable); None when it is over."""
    start = canonical_time(str(body["start_time"]))
    end = canonical_time(str(body["end_time"])) if body.get("end_time") else None
    if start < now.strftime(_FORMAT):
        midnight = (now + timedelta(days=1)).astimezone(UTC)
        start = midnight.strftime("%Y-%m-%dT00:00:00Z")
    if end is not None and end <= start:
        return None, None
    return start, end


# -- answers → estimates ---------------------------------------------------------
def read_estimate(
    request: EstimateRequest, audience: Answer | None, bid: Answer
) -> AdSetEstimate:
    """An ``AdSetEstimate`` from the two answers (either may have failed)."""
    forecast, likely, suggested_by_audience = None, None, None
    if audience is not None and audience.body is not None:
        forecast = _forecast(audience.body, request.budget_type)
        likely = audience.body.get("likely_to_deliver_budget")
        suggested_by_audience = audience.body.get("bid_suggestion")
    elif audience is not None and audience.extra:
        suggested_by_audience = audience.extra.get("bid_suggestion")
    suggestion = bid.body if bid.body is not None else suggested_by_audience
    answers = [a for a in (audience, bid) if a is not None]
    return AdSetEstimate(
        address=request.address,
        account_id=request.account_id,
        currency=request.currency,
        bid_strategy=request.bid_strategy,
        bid=request.bid if request.bid_strategy != "AUTOBID" else None,
        forecast=forecast,
        suggested=_range(suggestion),
        likely_to_deliver=likely if isinstance(likely, bool) else None,
        below_minimum=bool(audience and audience.below_minimum),
        unavailable=tuple(
            _why(name, a) for name, a in _named(audience, bid) if _failed(a)
        ),
        cached=bool(answers) and all(a.cached for a in answers),
    )


def _named(audience: Answer | None, bid: Answer) -> Sequence[tuple[str, Answer]]:
    pairs = [("bid", bid)]
    return [("audience", audience), *pairs] if audience is not None else pairs


def _failed(answer: Answer) -> bool:
    return answer.body is None and not answer.below_minimum


def _why(name: str, answer: Answer) -> str:
    reason = answer.failure or "; ".join(answer.messages) or f"HTTP {answer.status}"
    return f"{name} estimate: {reason}"


def _forecast(body: Mapping[str, Any], budget_type: str) -> Forecast | None:
    items = [f for f in body.get("audience_forecast") or [] if isinstance(f, dict)]
    wanted = "LIFETIME" if budget_type == "LIFETIME" else "DAILY"
    chosen = next((f for f in items if f.get("forecast_type") == wanted), None)
    chosen = chosen or (items[0] if items else None)
    if chosen is None:
        return None
    return Forecast(
        period=str(chosen.get("forecast_type")),
        reach_min=int(chosen.get("estimated_reach_min") or 0),
        reach_max=int(chosen.get("estimated_reach_max") or 0),
        impressions_min=int(chosen.get("estimated_impressions_min") or 0),
        impressions_max=int(chosen.get("estimated_impressions_max") or 0),
        cpm_min=chosen.get("estimated_cpm_min"),
        cpm_max=chosen.get("estimated_cpm_max"),
    )


def _range(suggestion: Any) -> BidRange | None:
    if not isinstance(suggestion, Mapping):
        return None
    low, high = suggestion.get("bid_estimate_min"), suggestion.get("bid_estimate_max")
    if not isinstance(low, int) or not isinstance(high, int):
        return None
    return BidRange(min=low, max=high, cost_model=suggestion.get("cost_model"))


# -- what reviewers should know --------------------------------------------------
def estimate_warnings(estimates: Sequence[AdSetEstimate]) -> list[str]:
    """One warning per problem, naming the ad set."""
    warnings = []
    for e in estimates:
        if e.below_minimum:
            warnings.append(
                f"{e.address}: the audience is below the API's minimum "
                f'("{MIN_AUDIENCE}"); it will not deliver: broaden the location, '
                "ages or interests"
            )
        if e.bid_below_range and e.suggested is not None:
            unit = "CPC" if e.bid_strategy == "COST_PER_RESULT" else "CPM"
            warnings.append(
                f"{e.address}: bid {human.money(e.bid or 0, e.currency)} {unit} is "
                f"below the suggested {suggested_text(e)}; the ad set may "
                "under-deliver"
            )
        if e.likely_to_deliver is False:
            warnings.append(
                f"{e.address}: the estimate says the budget is unlikely to be spent"
            )
        warnings += [
            f"{e.address}: {why} (estimates are advisory)" for why in e.unavailable
        ]
    return warnings


def suggested_text(estimate: AdSetEstimate) -> str:
    """``$9.00`` en dash ``$14.00``."""
    if estimate.suggested is None:
        return "-"
    low = human.money(estimate.suggested.min, estimate.currency)
    high = human.money(estimate.suggested.max, estimate.currency)
    return f"{low}{DASH}{high}"
