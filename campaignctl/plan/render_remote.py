"""Plan sections for what the API said: estimates and server-side validation.

Pure string builders shared by the text and markdown renderers. Estimates
read as ranges per ad set (reach and impressions per day, en dashes between
the ends) with the suggested bid next to the ad set's own; validation
problems are listed per object address, the way the server named them.
"""

from __future__ import annotations

from campaignctl.output import Style, paint
from campaignctl.plan import humanise as human
from campaignctl.plan import markdown_blocks as md
from campaignctl.plan.estimates import DASH, suggested_text
from campaignctl.plan.markdown_summary import capped
from campaignctl.plan.model import Plan
from campaignctl.plan.remote import AdSetEstimate, Forecast, RemoteValidation

PERIOD = {"DAILY": "/day", "WEEKLY": "/week", "MONTHLY": "/month"}
ESTIMATES_HEAD = "Estimates (advisory, from the Ads API's /estimates):"


def per(forecast: Forecast) -> str:
    return PERIOD.get(forecast.period, " over the flight")


def forecast_text(estimate: AdSetEstimate) -> str:
    """Reach, impressions and CPM ranges of the forecast period."""
    forecast = estimate.forecast
    if estimate.below_minimum:
        return "audience below the API's minimum"
    if forecast is None:
        return "no forecast"
    unit = per(forecast)
    parts = [
        f"reach {forecast.reach_min:,}{DASH}{forecast.reach_max:,}{unit}",
        f"impressions {forecast.impressions_min:,}{DASH}"
        f"{forecast.impressions_max:,}{unit}",
    ]
    if forecast.cpm_min is not None and forecast.cpm_max is not None:
        low = human.money(forecast.cpm_min, estimate.currency)
        high = human.money(forecast.cpm_max, estimate.currency)
        parts.append(f"CPM {low}{DASH}{high}")
    return " · ".join(parts)


def bid_text(estimate: AdSetEstimate) -> str:
    """``suggested bid $9.00 to $14.00 CPM; yours $12.50`` (with an en dash)."""
    unit = "CPC" if estimate.bid_strategy == "COST_PER_RESULT" else "CPM"
    text = f"suggested bid {suggested_text(estimate)} {unit}"
    if estimate.bid is not None:
        text += f"; yours {human.money(estimate.bid, estimate.currency)}"
        if estimate.bid_below_range:
            text += " (below the range)"
    elif estimate.bid_strategy == "AUTOBID":
        text += "; yours: automatic"
    return text


# -- text ------------------------------------------------------------------------
def estimate_lines(plan: Plan, color: bool) -> list[str]:
    if not plan.estimates:
        return []
    lines = [paint(ESTIMATES_HEAD, Style.BOLD, enabled=color)]
    for estimate in plan.estimates:
        lines += [
            f"  {estimate.address}",
            f"      {forecast_text(estimate)}",
            f"      {bid_text(estimate)}",
        ]
    return [*lines, ""]


def validation_lines(plan: Plan, color: bool) -> list[str]:
    validation = plan.validation
    if validation is None:
        return []
    if not validation.problems:
        head = paint(_verdict(validation), Style.GREEN, enabled=color)
        return [head, *_not_validated(validation), ""]
    head = paint(_verdict(validation), Style.RED, Style.BOLD, enabled=color)
    lines = [head]
    for address, messages in _by_object(validation).items():
        lines.append(f"  {address}")
        lines += [f"      - {m}" for m in messages]
    return [*lines, *_not_validated(validation), ""]


def _verdict(validation: RemoteValidation) -> str:
    hierarchies = human.plural(len(validation.validated), "campaign hierarchy")
    hierarchies = hierarchies.replace("hierarchys", "hierarchies")
    if not validation.problems and not validation.validated:
        return "Server-side validation (drafts): nothing to stage."
    if not validation.problems:
        kept = "; drafts kept for apply --via-drafts" if validation.kept else ""
        return f"Server-side validation (drafts): {hierarchies} valid{kept}."
    problems = human.plural(len(validation.problems), "problem")
    return f"Server-side validation (drafts) found {problems}:"


def _by_object(validation: RemoteValidation) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for problem in validation.problems:
        where = problem.address or f"{problem.entity_type} {problem.entity_id}"
        grouped.setdefault(where, []).append(problem.message)
    return grouped


def _not_validated(validation: RemoteValidation) -> list[str]:
    if not validation.not_validated:
        return []
    count = human.plural(len(validation.not_validated), "ad")
    return [
        f"  ({count} not validated yet: they use files apply uploads first; "
        "apply --via-drafts validates them before publishing)"
    ]


# -- markdown --------------------------------------------------------------------
def remote_markdown(plan: Plan) -> list[str]:
    return _validation_markdown(plan) + _estimates_markdown(plan)


def _estimates_markdown(plan: Plan) -> list[str]:
    if not plan.estimates:
        return []
    rows = [
        [
            md.code(e.address),
            md.esc(forecast_text(e)),
            md.esc(bid_text(e)),
        ]
        for e in plan.estimates
    ]
    table = md.table(["ad set", "forecast", "bid"], rows[:25])
    parts = ["#### Estimates (advisory)", table]
    if len(rows) > 25:
        parts.append(f"_… {len(rows) - 25:,} more in the plan file._")
    return parts


def _validation_markdown(plan: Plan) -> list[str]:
    validation = plan.validation
    if validation is None:
        return []
    head = _verdict(validation).rstrip(":.")
    if not validation.problems:
        return [f"**✅ {md.esc(head)}.**"]
    items = [
        f"- {md.code(address)}: " + "; ".join(md.esc(m) for m in messages)
        for address, messages in _by_object(validation).items()
    ]
    return [f"#### ⛔ {md.esc(head)}", capped(items)]
