"""Sync windows and their chunks (pure), with properties over any dates."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.reports.definition import Backfill, ReportDefinition
from campaignctl.reports.windows import Span, chunks, is_final, reread_days, sync_span


def definition(**changes: object) -> ReportDefinition:
    base = ReportDefinition(
        name="daily",
        table="daily",
        endpoint="aggregate",
        level="AD_SET",
        granularity="DAY",
        metrics=("spend",),
        backfill=Backfill(days=30),
    )
    return base.model_copy(update=changes)


TODAY = date(2030, 3, 10)


@pytest.mark.parametrize(
    ("changes", "watermark", "span"),
    [
        pytest.param({}, None, Span(date(2030, 2, 8), date(2030, 3, 9)), id="first"),
        pytest.param(
            {},
            date(2030, 3, 9),
            Span(date(2030, 3, 2), date(2030, 3, 9)),
            id="lookback",
        ),
        pytest.param(
            {}, date(2030, 2, 20), Span(date(2030, 2, 21), date(2030, 3, 9)), id="gap"
        ),
        pytest.param(
            {"lookback_days": 0},
            date(2030, 3, 9),
            Span(date(2030, 3, 9), date(2030, 3, 9)),
            id="no-lookback-rereads-yesterday",
        ),
        pytest.param(
            {"granularity": "HOUR"},
            None,
            Span(date(2030, 2, 25), date(2030, 3, 9)),
            id="hour-last-13-days",
        ),
        pytest.param(
            {"granularity": "LIFETIME"}, None, Span(TODAY, TODAY), id="lifetime"
        ),
        pytest.param({"backfill": Backfill(since=TODAY)}, None, None, id="nothing-yet"),
    ],
)
def test_sync_span(
    changes: dict[str, object], watermark: date | None, span: Span | None
) -> None:
    assert sync_span(definition(**changes), today=TODAY, watermark=watermark) == span


def test_a_day_is_final_when_read_for_the_last_time() -> None:
    # 03-02 closed 7 days ago: today's sync reads it for the last time
    assert is_final(date(2030, 3, 2), today=TODAY, lookback_days=7)
    assert not is_final(date(2030, 3, 3), today=TODAY, lookback_days=7)
    reread = reread_days(
        definition(),
        Span(date(2030, 3, 2), date(2030, 3, 9)),
        watermark=date(2030, 3, 8),
    )
    assert reread == 7


days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1))


@given(
    first=days,
    length=st.integers(0, 1500),
    endpoint=st.sampled_from(["aggregate", "async"]),
)
def test_chunks_cover_the_span_exactly_within_the_api_limits(
    first: date, length: int, endpoint: str
) -> None:
    span = Span(first, first + timedelta(days=length))
    parts = chunks(definition(endpoint=endpoint), span)
    limit = 90 if endpoint == "aggregate" else 365
    assert parts[0].first == span.first and parts[-1].last == span.last
    assert all(p.days <= limit for p in parts)
    assert all(
        a.last + timedelta(days=1) == b.first for a, b in itertools.pairwise(parts)
    )
    # the API's own check: end - start <= the limit in days
    assert all((p.last - p.first).days < limit for p in parts)


@given(today=days, watermark=st.none() | days, lookback=st.integers(0, 60))
def test_the_span_never_includes_today_and_always_rereads_the_lookback(
    today: date, watermark: date | None, lookback: int
) -> None:
    span = sync_span(
        definition(lookback_days=lookback, backfill=Backfill(days=400)),
        today=today,
        watermark=watermark,
    )
    assert span is not None and span.last == today - timedelta(days=1)
    if watermark is not None:
        assert span.first <= max(
            today - timedelta(days=1 + lookback), today - timedelta(days=400)
        )
        assert span.first <= watermark + timedelta(
            days=1
        ) or span.first == today - timedelta(days=400)
