"""Ad set rules: schedule, money, objective compatibility, caps, category.

Sources: BRIEF §2.1 (objective table), §2.2, §9.2 and §11 rules 6 and 7; the
spec's ``x-spotify-requires`` on ``end_time`` and ``bid_micro_amount``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from campaignctl.manifest.money import (
    ZERO_DECIMAL_CURRENCIES,
    Money,
    decimal_places,
    format_micros,
)
from campaignctl.manifest.rules.base import Context, Findings, Where
from campaignctl.manifest.spec import AdSetSpec, CampaignSpec
from campaignctl.manifest.spec.ad_set import FrequencyCap
from campaignctl.manifest.vocab import ASSET_FORMATS, MAX_IMPRESSIONS

MAX_FLIGHT = timedelta(days=365)
FORMATS_BY_OBJECTIVE = {
    "EVEN_IMPRESSION_DELIVERY": ASSET_FORMATS,
    "REACH": ("AUDIO", "VIDEO"),
    "CLICKS": ("AUDIO", "VIDEO"),
    "VIDEO_VIEWS": ("VIDEO",),
    "WEBSITE_VISITS": ("AUDIO", "VIDEO"),
    "PODCAST_STREAMS": ("AUDIO",),
    "APP_INSTALLS": ASSET_FORMATS,  # the spec restricts platforms, not formats
}
RESTRICTED_CATEGORIES = {
    "ADV_16_144": "casinos and gambling",
    "ADV_16_145": "lotteries and scratchcards",
    "ADV_16_147": "sports betting",
}
ALCOHOL = "ADV_15_139"


def check_schedule(
    ad_set: AdSetSpec, where: Where, ctx: Context, out: Findings
) -> None:
    start = _instant(ad_set.schedule.start)
    if start < ctx.now:
        out.warn(
            where.at("schedule", "start"),
            f"schedule.start {ad_set.schedule.start} is in the past",
            hint="new ad sets must start at least an hour from now",
            rule="adset.start-past",
        )
    if ad_set.schedule.end is None:
        return
    end = _instant(ad_set.schedule.end)
    if end <= start:
        out.error(
            where.at("schedule", "end"),
            "schedule.end must be after schedule.start",
            rule="adset.schedule-order",
        )
    elif end - start > MAX_FLIGHT:
        out.error(
            where.at("schedule", "end"),
            f"the flight lasts {_days(end - start)} days; the API allows at most 365",
            hint="split it into consecutive ad sets",
            rule="adset.schedule-length",
        )


def check_money(ad_set: AdSetSpec, where: Where, ctx: Context, out: Findings) -> None:
    budget_key = "daily" if ad_set.budget.daily is not None else "lifetime"
    amounts = [(("budget", budget_key), ad_set.budget.amount)]
    if ad_set.bid.amount is not None:
        bid_key = "max_cpm" if ad_set.bid.max_cpm is not None else "cost_per_result"
        amounts.append((("bid", bid_key), ad_set.bid.amount))
    for path, money in amounts:
        _check_amount(path, money, where, ctx, out)
    if budget_key == "lifetime" and ad_set.schedule.end is None:
        out.error(
            where.at("budget", "lifetime"),
            "a lifetime budget needs schedule.end",
            hint="add schedule.end, or use a daily budget",
            rule="adset.lifetime-end",
        )
    _check_same_currency(amounts, where, out)


def _check_amount(
    path: tuple[str, str], money: Money, where: Where, ctx: Context, out: Findings
) -> None:
    currency = money.currency or ctx.account_currency
    shown = format_micros(money.micros, currency)
    if money.amount <= 0:
        out.error(
            where.at(*path),
            f"{path[0]} must be more than 0 (got {shown})",
            hint="the API rejects zero and negative budgets and bids",
            rule=f"adset.{path[0]}-positive",
        )
    if (
        money.currency
        and ctx.account_currency
        and money.currency != ctx.account_currency
    ):
        out.error(
            where.at(*path),
            f"{path[0]} is in {money.currency}, but the account bills in "
            f"{ctx.account_currency}",
            hint="write amounts in the account's currency",
            rule="adset.currency",
        )
    if money.currency is None and currency in ZERO_DECIMAL_CURRENCIES:
        places = decimal_places(money.amount)
        if places:
            out.error(
                where.at(*path),
                f"{currency} has no decimal places, but {money.amount} has {places}",
                hint=f"write a whole number of {currency}",
                rule="adset.currency",
            )


def _check_same_currency(
    amounts: list[tuple[tuple[str, str], Money]], where: Where, out: Findings
) -> None:
    written = [(path, m.currency) for path, m in amounts if m.currency]
    for path, currency in written[1:]:
        first_path, first = written[0]
        if currency != first:
            out.error(
                where.at(*path),
                f"{path[0]} is in {currency}, but {first_path[0]} is in {first}",
                hint="an ad set's amounts share the account's currency",
                rule="adset.currency",
            )


def check_objective(
    campaign: CampaignSpec, ad_set: AdSetSpec, where: Where, out: Findings
) -> None:
    objective = campaign.objective
    formats = FORMATS_BY_OBJECTIVE[objective]
    if ad_set.format not in formats:
        out.error(
            where.at("format"),
            f"{objective} campaigns cannot have {ad_set.format} ad sets",
            hint=f"{objective} works with: {', '.join(formats)}",
            rule="adset.objective-format",
        )
    strategy = ad_set.bid.strategy
    if strategy == "COST_PER_RESULT" and objective != "CLICKS":
        out.error(
            where.at("bid"),
            f"cost_per_result bidding is only for CLICKS campaigns "
            f"(this one is {objective})",
            hint="use bid: {max_cpm: …}",
            rule="adset.bid-strategy",
        )
    if strategy == "AUTOBID":
        out.warn(
            where.at("bid"),
            f"the API documents MAX_BID as the bid strategy for {objective} campaigns; "
            "AUTOBID may be rejected",
            hint="use bid: {max_cpm: …} to be safe",
            rule="adset.bid-strategy",
        )
    if strategy == "COST_PER_RESULT":
        _check_cost_per_result(ad_set, where, out)


def _check_cost_per_result(ad_set: AdSetSpec, where: Where, out: Findings) -> None:
    if ad_set.budget.lifetime is None:
        out.error(
            where.at("budget"),
            "cost_per_result bidding needs a lifetime budget",
            rule="adset.cost-per-result",
        )
    if ad_set.pacing == "PACING_ASAP":
        out.error(
            where.at("pacing"),
            "cost_per_result bidding needs even pacing",
            hint="remove pacing or write pacing: even",
            rule="adset.cost-per-result",
        )


def check_frequency_caps(ad_set: AdSetSpec, where: Where, out: Findings) -> None:
    caps = ad_set.frequency_caps
    if not isinstance(caps, tuple):
        return  # the by-unit form is bounded by the model
    seen: set[tuple[str, int]] = set()
    for index, cap in enumerate(caps):
        _check_cap(index, cap, seen, where, out)


def _check_cap(
    index: int,
    cap: FrequencyCap,
    seen: set[tuple[str, int]],
    where: Where,
    out: Findings,
) -> None:
    limit = MAX_IMPRESSIONS[cap.unit]
    unit = cap.unit.lower()
    if cap.impressions > limit:
        out.error(
            where.at("frequency_caps", index, "impressions"),
            f"frequency_caps[{index}]: at most {limit} impressions per {unit} "
            f"(got {cap.impressions})",
            rule="adset.frequency-caps",
        )
    if (cap.unit, cap.period) in seen:
        out.error(
            where.at("frequency_caps", index),
            f"frequency_caps[{index}]: a cap for {cap.period} {unit}(s) is already set",
            hint="keep one cap per unit and period",
            rule="adset.frequency-caps",
        )
    seen.add((cap.unit, cap.period))


def check_category(ad_set: AdSetSpec, where: Where, out: Findings) -> None:
    if ad_set.category in RESTRICTED_CATEGORIES:
        out.warn(
            where.at("category"),
            f"category {ad_set.category} ({RESTRICTED_CATEGORIES[ad_set.category]}) "
            "is restricted in many countries",
            rule="adset.category",
        )
    if ad_set.category != ALCOHOL:
        return
    ages = ad_set.targets.ages
    if not ages or any(age.min < 18 for age in ages):
        out.warn(
            where.at("targets", "ages") if ages else where.at("category"),
            f"category {ALCOHOL} (alcohol) requires targeting ages 18 and over",
            hint="set targets.ages with every min at 18 or more",
            rule="adset.category",
        )


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _days(delta: timedelta) -> str:
    days = delta / timedelta(days=1)
    return f"{days:g}" if days != int(days) else str(int(days))
