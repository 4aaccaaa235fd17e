"""Rules of a report's own fields: name, metrics, granularity, level and dimensions."""

from __future__ import annotations

import re

from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.rules.base import Findings, Where
from campaignctl.manifest.spec.report import ReportSpec
from campaignctl.reports.catalogue import (
    DIMENSIONS,
    GRANULARITIES,
    INSIGHT_DIMENSIONS,
    LEVELS,
    REMOVED_HINTS,
    Metric,
    find_metric,
    primary_level,
    spellings,
)

NAME = re.compile(r"^[A-Za-z0-9 _-]*$")


def name_rule(spec: ReportSpec, where: Where, f: Findings) -> str | None:
    name = spec.name
    if name is None:
        missing(where, f, "name", "a report name such as daily-ad-sets", "SPA-02")
        return None
    place = where.at("name")
    if not 2 <= len(name) <= 120:
        f.error(
            place,
            f"report name must be 2 to 120 characters (got {len(name)})",
            rule="SPA-03",
        )
    elif not NAME.match(name):
        f.error(
            place,
            f"report name {name!r} may contain only letters, digits, '_' and '-'",
            hint=f"write {_slug(name)!r}",
            rule="SPA-03",
        )
    elif " " in name:
        f.warn(
            place,
            f"report name {name!r} contains spaces; Spotify documents only "
            "letters, digits, '_' and '-'",
            hint=f"write {_slug(name)!r}",
            rule="SPA-03",
        )
    return name


def metrics_rule(spec: ReportSpec, where: Where, f: Findings) -> list[Metric]:
    """The valid metrics (errors for the others)."""
    written = spec.metrics
    if not written:
        missing(
            where, f, "metrics", "e.g. metrics: [impressions, spend, reach]", "SPA-02"
        )
        return []
    found: list[Metric] = []
    for index, text in enumerate(written):
        metric = find_metric(text)
        place = where.at("metrics", index)
        if metric is None:
            hint = did_you_mean(text, spellings()) or (
                "see the metric catalogue in the README (Reports)"
            )
            f.error(place, f"unknown metric {text!r}", hint=hint, rule="RPT-02")
        elif metric.removed:
            f.error(
                place,
                f"metric {text!r} is no longer offered by the API",
                hint=REMOVED_HINTS[metric.name],
                rule="SPG-02",
            )
        elif metric in found:
            f.error(
                place,
                f"metric {text!r} is listed twice (as {metric.name})",
                rule="RPT-02",
            )
        else:
            found.append(metric)
    return found


def granularity_rule(spec: ReportSpec, where: Where, f: Findings) -> str | None:
    written = spec.granularity
    if written is None:
        missing(where, f, "granularity", "DAY, HOUR or LIFETIME", "SPA-02")
        return None
    value = written.strip().upper()
    if value not in GRANULARITIES:
        f.error(
            where.at("granularity"),
            f"{written!r} is not a granularity",
            hint="use DAY, HOUR or LIFETIME",
            rule="SPG-03",
        )
        return None
    return value


def level_rule(
    spec: ReportSpec, where: Where, f: Findings
) -> tuple[str | None, tuple[str, ...]]:
    level = _written_level(spec, where, f)
    dimensions = _dimensions(spec, where, f)
    if dimensions is None:
        return None, ()
    if level is None and not dimensions:
        if spec.level is None:
            missing(
                where,
                f,
                "level",
                "ad_account, campaign, ad_set or ad (or dimensions)",
                "SPA-02",
            )
        return None, ()
    primary = primary_level(dimensions) if dimensions else None
    if level and primary and level != primary:
        f.error(
            where.at("level"),
            f"level {level} does not match the dimensions, whose lowest level "
            f"is {primary}",
            hint="the primary entity of an async report is the lowest level "
            "among its dimensions; drop level or make them agree",
            rule="SPA-06",
        )
        return None, ()
    return level or primary, dimensions


def _written_level(spec: ReportSpec, where: Where, f: Findings) -> str | None:
    written = spec.level
    if written is None:
        return None
    value = written.strip().upper().replace("-", "_").replace(" ", "_")
    if value not in LEVELS:
        f.error(
            where.at("level"),
            f"{written!r} is not an entity level",
            hint="use ad_account, campaign, ad_set or ad",
            rule="SPG-01",
        )
        return None
    return value


def _dimensions(spec: ReportSpec, where: Where, f: Findings) -> tuple[str, ...] | None:
    written = spec.dimensions
    if written is None:
        return ()
    if not written:
        at(
            where,
            f,
            "dimensions",
            "give at least one dimension (or use level)",
            "SPA-05",
        )
        return None
    found, ok = [], True
    for index, text in enumerate(written):
        value = text.strip().upper()
        place = where.at("dimensions", index)
        if value in INSIGHT_DIMENSIONS:
            ok = False
            f.error(
                place,
                f"{text!r} is not a report dimension",
                hint=f"break LIFETIME async reports down with "
                f"insight_dimension: {value}",
                rule="SPA-06",
            )
        elif value not in DIMENSIONS:
            ok = False
            hint = did_you_mean(text, DIMENSIONS) or (
                f"dimensions are {', '.join(DIMENSIONS)}"
            )
            f.error(
                place,
                f"{text!r} is not a report dimension",
                hint=hint,
                rule="SPA-05",
            )
        else:
            found.append(value)
    return tuple(found) if ok else None


def missing(where: Where, f: Findings, field: str, hint: str, rule: str) -> None:
    f.error(where.at(), f"missing required field {field!r}", hint=hint, rule=rule)


def at(where: Where, f: Findings, field: str, message: str, rule: str) -> None:
    f.error(where.at(field), message, rule=rule)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-") or "report"
