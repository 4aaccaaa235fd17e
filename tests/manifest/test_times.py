"""Times: every accepted spelling normalises to the API's UTC text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.manifest.times import TimeError, format_time, parse_time


@pytest.mark.parametrize(
    ("written", "api"),
    [
        ("2030-06-01", "2030-06-01T00:00:00Z"),
        ("2030-06-01T09:30:00Z", "2030-06-01T09:30:00Z"),
        ("2030-06-01T09:30Z", "2030-06-01T09:30:00Z"),
        ("2030-06-01t09:30:00z", "2030-06-01T09:30:00Z"),
        ("2030-06-01 09:30:00Z", "2030-06-01T09:30:00Z"),
        ("2030-06-01T09:30:00+00:00", "2030-06-01T09:30:00Z"),
        ("2030-06-01T09:30:00-0000", "2030-06-01T09:30:00Z"),
        ("2030-06-01T09:30:00.000Z", "2030-06-01T09:30:00Z"),
    ],
)
def test_parse_time(written: str, api: str) -> None:
    assert parse_time(written) == api


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        (
            "2030-06-01T02:00:00+02:00",
            "'2030-06-01T02:00:00+02:00' is not in UTC",
            "write it in UTC: 2030-06-01T00:00:00Z",
        ),
        (
            "2030-06-01T22:30:00-01:30",
            "'2030-06-01T22:30:00-01:30' is not in UTC",
            "write it in UTC: 2030-06-02T00:00:00Z",
        ),
        (
            "2030-06-01T09:30:00",
            "'2030-06-01T09:30:00' has no time zone",
            "times are UTC; write 2030-06-01T09:30:00Z if that is UTC",
        ),
        (
            "2030-06-01T09:30:00.5Z",
            "'2030-06-01T09:30:00.5Z' has fractions of a second",
            "the API keeps whole seconds; drop the fraction",
        ),
        (
            "2030-13-01",
            "'2030-13-01' is not a valid date and time: month must be in 1..12",
            None,
        ),
        (
            "next monday",
            "'next monday' is not an ISO-8601 time",
            "write UTC times like 2030-06-01T00:00:00Z (or a date: 2030-06-01)",
        ),
    ],
)
def test_time_errors(written: str, message: str, hint: str | None) -> None:
    with pytest.raises(TimeError) as caught:
        parse_time(written)
    assert (caught.value.message, caught.value.hint) == (message, hint)


_moments = st.datetimes(
    min_value=datetime(1971, 1, 1),
    max_value=datetime(9998, 12, 31),
    timezones=st.just(UTC),
).map(lambda d: d.replace(microsecond=0))


@given(_moments)
def test_api_text_round_trips(moment: datetime) -> None:
    text = format_time(moment)
    assert parse_time(text) == text
    assert parse_time(text.replace("Z", "+00:00")) == text
    assert datetime.strptime(text, "%Y-%m-%dT%H:%M:%S%z") == moment


@given(st.dates(min_value=datetime(1971, 1, 1).date()))
def test_dates_mean_midnight_utc(day: object) -> None:
    assert parse_time(str(day)) == f"{day}T00:00:00Z"


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_time_error(text: str) -> None:
    try:
        result = parse_time(text)
    except TimeError:
        return
    assert len(result) == 20 and result.endswith("Z")
