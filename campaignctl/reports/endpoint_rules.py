"""Which endpoint serves a report, and the rules that differ between the two.

Aggregate reports (``SPG-*``) are keyed by entity ids and page with tokens;
async CSV reports (``SPA-*``) have dimensions, insight breakdowns and the
7-day attribution window but no HOUR granularity; each has metrics the other
lacks. ``endpoint: auto`` picks aggregate unless something needs async.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaignctl.manifest.rules.base import Findings, Where
from campaignctl.reports.catalogue import (
    AGGREGATE_STATUSES,
    ASYNC_STATUSES,
    Metric,
)

AUTO_HINT = "use endpoint: auto to let campaignctl pick the endpoint that has it"
_ASYNC_EQUIVALENTS = {"impressions": "impressions_on_spotify"}


@dataclass(frozen=True)
class Request:
    written: str  # aggregate, async or auto
    metrics: list[Metric]
    granularity: str
    dimensions: tuple[str, ...]  # written by the user
    insight: str | None
    attribution: str


@dataclass(frozen=True)
class Need:
    """Something only one endpoint offers, and where it is written."""

    reason: str
    path: tuple[str | int, ...]


def choose(request: Request, where: Where, f: Findings) -> str | None:
    """The endpoint to use, or None (with errors) when none can serve it."""
    if request.insight and request.granularity != "LIFETIME":
        f.error(
            where.at("insight_dimension"),
            "insight_dimension breaks down LIFETIME reports only "
            f"(this one is {request.granularity})",
            hint="use granularity: LIFETIME, or drop insight_dimension",
            rule="SPA-16",
        )
    async_needs, aggregate_needs = _needs(request)
    if request.written in ("aggregate", "async"):
        needs = async_needs if request.written == "aggregate" else aggregate_needs
        endpoint = _refuse(needs, request.written, where, f)
        if endpoint is not None:
            _deprecated(request, endpoint, where, f)
        return endpoint
    if async_needs and aggregate_needs:
        first, second = async_needs[0], aggregate_needs[0]
        f.error(
            where.at("endpoint") if "endpoint" in where.node.value else where.at(),
            f"no endpoint can serve this report: {first.reason} needs an async "
            f"report, but {second.reason} needs an aggregate report",
            hint="split it into two reports",
            rule="RPT-01",
        )
        return None
    endpoint = "async" if async_needs else "aggregate"
    _deprecated(request, endpoint, where, f)
    return endpoint


def _needs(request: Request) -> tuple[list[Need], list[Need]]:
    to_async: list[Need] = []
    to_aggregate: list[Need] = []
    if request.dimensions:
        to_async.append(Need("dimensions", ("dimensions",)))
    if request.insight:
        to_async.append(Need("insight_dimension", ("insight_dimension",)))
    if request.attribution != "IMPRESSION_30_DAY":
        to_async.append(Need(request.attribution, ("attribution_window",)))
    if request.granularity == "HOUR":
        to_aggregate.append(Need("HOUR granularity", ("granularity",)))
    for index, metric in enumerate(request.metrics):
        if metric.aggregate is None:
            to_async.append(Need(f"metric {metric.async_name}", ("metrics", index)))
        if metric.async_name is None:
            to_aggregate.append(Need(f"metric {metric.aggregate}", ("metrics", index)))
    return to_async, to_aggregate


def _refuse(needs: list[Need], endpoint: str, where: Where, f: Findings) -> str | None:
    for need in needs:
        message, hint, rule = _refusal(need, endpoint)
        f.error(where.at(*need.path), message, hint=hint, rule=rule)
    return None if needs else endpoint


def _refusal(need: Need, endpoint: str) -> tuple[str, str, str]:
    field = need.path[0]
    if endpoint == "aggregate":
        if field == "metrics":
            name = need.reason.removeprefix("metric ")
            return (
                f"{name} is an async report metric, not an aggregate report field",
                AUTO_HINT,
                "SPG-02",
            )
        if field == "attribution_window":
            return (
                "aggregate reports have no attribution window parameter (they "
                f"report IMPRESSION_30_DAY), so {need.reason} needs an async report",
                AUTO_HINT,
                "RPT-07",
            )
        return (f"aggregate reports have no {need.reason}", AUTO_HINT, "RPT-09")
    if field == "metrics":
        name = need.reason.removeprefix("metric ")
        equivalent = _ASYNC_EQUIVALENTS.get(name.lower())
        hint = f"use {equivalent}, or {AUTO_HINT}" if equivalent else AUTO_HINT
        return (
            f"{name} is an aggregate report field, not an async report metric",
            hint,
            "SPA-07",
        )
    return ("async reports have no HOUR granularity", AUTO_HINT, "SPA-04")


def _deprecated(request: Request, endpoint: str, where: Where, f: Findings) -> None:
    for index, metric in enumerate(request.metrics):
        if metric.deprecated:
            f.warn(
                where.at("metrics", index),
                f"{metric.api_name(endpoint)} is deprecated by the API and may "
                "report 0 or stop working",
                hint="drop it from metrics",
                rule="SPG-02" if endpoint == "aggregate" else "SPA-07",
            )


def check_statuses(
    statuses: tuple[str, ...], endpoint: str, level: str, where: Where, f: Findings
) -> tuple[str, ...] | None:
    """The statuses in the endpoint's vocabulary for ``level`` (errors if not)."""
    if endpoint == "aggregate" and level == "AD_ACCOUNT":
        f.error(
            where.at("statuses"),
            "aggregate reports cannot filter the ad account by status",
            hint="write statuses: all",
            rule="SPG-08",
        )
        return None
    table = AGGREGATE_STATUSES if endpoint == "aggregate" else ASYNC_STATUSES
    valid = table[level]
    rule = "SPG-08" if endpoint == "aggregate" else "SPA-08"
    for index, status in enumerate(statuses):
        if status not in valid:
            f.error(
                where.at("statuses", index),
                f"{status} is not a {level} status in {endpoint} reports",
                hint=f"valid: {', '.join(valid)}; or write statuses: all",
                rule=rule,
            )
    return statuses if all(s in valid for s in statuses) else None


def account_level_campaigns(endpoint: str | None, where: Where, f: Findings) -> None:
    """campaigns: on an account-level report (SPG-07 error, SPA-10 warning)."""
    if endpoint == "aggregate":
        f.error(
            where.at("campaigns"),
            "aggregate reports at level AD_ACCOUNT cannot be limited to campaigns",
            hint="use level: campaign, or drop campaigns:",
            rule="SPG-07",
        )
    elif endpoint == "async":
        f.warn(
            where.at("campaigns"),
            "async reports ignore campaigns: when the entity level is AD_ACCOUNT",
            hint="use level: campaign, or drop campaigns:",
            rule="SPA-10",
        )
