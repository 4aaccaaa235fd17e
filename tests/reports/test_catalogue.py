"""The metric catalogue against the spec's two vocabularies."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from campaignctl.reports.catalogue import (
    BY_NAME,
    METRICS,
    Aggregation,
    find_metric,
    rollup_of,
    vocabulary,
)


def _enums(spec_path: Path) -> dict[str, set[str]]:
    schemas = yaml.safe_load(spec_path.read_text())["components"]["schemas"]
    return {
        "aggregate": set(schemas["ReportFieldType"]["enum"]),
        "async": set(schemas["AsyncReportMetric"]["enum"]),
        "deprecated_aggregate": set(
            schemas["ReportFieldType"]["x-deprecated-enums"]["items"]
        ),
    }


def test_every_spec_name_is_one_catalogue_metric(spec_path: Path) -> None:
    enums = _enums(spec_path)
    assert vocabulary("aggregate") == enums["aggregate"]
    assert vocabulary("async") == enums["async"] - {"PLAYED_TO_100"}  # = AD_COMPLETES
    for name in enums["aggregate"] | enums["async"]:
        assert find_metric(name) is not None, name
    deprecated = {m.aggregate for m in METRICS if m.deprecated and m.aggregate}
    removed = {a for m in METRICS if m.removed for a in m.aliases}
    assert deprecated | removed == enums["deprecated_aggregate"]


@pytest.mark.parametrize(
    ("written", "metric"),
    [
        ("impressions", "impressions"),
        ("AD_COMPLETES", "completes"),
        ("played-to-100", "completes"),
        ("CPCL", "e_cpcl"),
        ("avg streams per listener", "streams_per_user"),
        ("IMPRESSIONS_OFF_SPOTIFY", "off_spotify_impressions"),
        ("nope", None),
    ],
)
def test_any_vocabulary_spelling_finds_the_metric(
    written: str, metric: str | None
) -> None:
    found = find_metric(written)
    assert (found.name if found else None) == metric


@pytest.mark.parametrize(
    ("metric", "present", "how"),
    [
        ("spend", ["spend"], "sum"),
        ("reach", ["reach"], "null"),
        ("ctr", ["ctr", "clicks", "impressions"], "ratio"),
        ("ctr", ["ctr", "clicks"], "null"),  # no denominator column to sum
        ("frequency", ["frequency", "impressions", "reach"], "null"),  # over reach
        ("streams_per_user", ["streams", "listeners"], "null"),
        ("cpm", ["cpm", "spend", "impressions"], "ratio"),
        ("intent_rate", ["intent_rate"], "null"),
    ],
)
def test_rollups_recompute_ratios_and_never_sum_distinct_counts(
    metric: str, present: list[str], how: str
) -> None:
    assert rollup_of(BY_NAME[metric], present) == how


def test_ratio_parts_are_catalogue_metrics() -> None:
    for metric in METRICS:
        if metric.ratio is not None:
            assert metric.aggregation is Aggregation.RATIO
            assert {metric.ratio.numerator, metric.ratio.denominator} <= set(BY_NAME)
