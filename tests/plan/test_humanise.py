"""humanise: the figures people read in a plan."""

from __future__ import annotations

from typing import Any

import pytest

from campaignctl.plan import humanise as human


@pytest.mark.parametrize(
    ("micros", "currency", "want"),
    [
        (150_000_000, "USD", "$150.00"),
        (5_000_000_000, "USD", "$5,000.00"),
        (125_000, "USD", "$0.125"),
        (1, "EUR", "€0.000001"),
        (-25_500_000, "GBP", "-£25.50"),
        (1_500_000_000, "JPY", "¥1,500"),
        (150_000_000, "SEK", "150.00 SEK"),
        (1_234_567, "KWD", "1.234567 KWD"),
        (150_000_000, None, "150.00"),
    ],
)
def test_money_is_exact(micros: int, currency: str | None, want: str) -> None:
    assert human.money(micros, currency) == want


@pytest.mark.parametrize(
    ("budget", "want"),
    [
        ({"micro_amount": 150_000_000, "type": "DAILY"}, "$150.00/day"),
        ({"micro_amount": 5_000_000_000, "type": "LIFETIME"}, "$5,000.00 lifetime"),
        (
            {"micro_amount": "x", "type": "DAILY"},
            '{"micro_amount": "x", "type": "DAILY"}',
        ),
        (None, "(unset)"),
    ],
)
def test_budget(budget: Any, want: str) -> None:
    assert human.budget(budget, "USD") == want


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("2030-06-01T00:00:00Z", "2030-06-01 00:00 UTC"),
        ("2030-06-01T09:30:15Z", "2030-06-01 09:30:15 UTC"),
        ("2030-06-01T02:00:00+02:00", "2030-06-01 00:00 UTC"),
        ("soon", '"soon"'),
        (None, "(unset)"),
    ],
)
def test_moment(value: Any, want: str) -> None:
    assert human.moment(value) == want


def test_set_change_lists_additions_then_removals() -> None:
    assert human.set_change(["blues", "rock"], ["jazz", "rock", "soul"]) == (
        "+ jazz, + soul, \u2212 blues"
    )
    assert human.set_change(None, ["x"]) == "+ x"
    assert human.set_change(["x"], ["x"]) == "no change"


def test_frequency_caps_read_as_sentences() -> None:
    caps = [
        {"frequency_unit": "MONTH", "frequency_period": 1, "max_impressions": 50},
        {"frequency_unit": "DAY", "frequency_period": 3, "max_impressions": 2},
    ]
    assert human.frequency_caps(caps) == "2 per 3 days, 50 per month"


def test_units_and_back_are_exact() -> None:
    for micros in (0, 1, 150_000_000, -4_150_000_000, 123_456_789):
        assert human.micros_of(human.units(micros, "USD")) == micros
