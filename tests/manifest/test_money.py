"""Money: exact parsing to micros and formatting that parses back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.manifest.money import (
    CURRENCIES,
    ZERO_DECIMAL_CURRENCIES,
    Money,
    MoneyError,
    format_micros,
    parse_money,
    to_micros,
)


@pytest.mark.parametrize(
    ("written", "money", "micros"),
    [
        ("150 USD", Money(Decimal("150"), "USD"), 150_000_000),
        ("12.50 EUR", Money(Decimal("12.50"), "EUR"), 12_500_000),
        ("USD 12.5", Money(Decimal("12.5"), "USD"), 12_500_000),
        ("1,500.25 usd", Money(Decimal("1500.25"), "USD"), 1_500_250_000),
        (" 0.000001 GBP ", Money(Decimal("0.000001"), "GBP"), 1),
        ("160 JPY", Money(Decimal("160"), "JPY"), 160_000_000),
        ("-5 SEK", Money(Decimal("-5"), "SEK"), -5_000_000),
        (150, Money(Decimal("150"), None), 150_000_000),
        (Decimal("12.50"), Money(Decimal("12.50"), None), 12_500_000),
        ("12.345 KWD", Money(Decimal("12.345"), "KWD"), 12_345_000),
    ],
)
def test_parse(written: object, money: Money, micros: int) -> None:
    assert parse_money(written) == money
    assert parse_money(written).micros == micros


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        (
            "12 XYZ",
            "unknown currency code 'XYZ'",
            "use an ISO 4217 code such as USD, EUR, GBP, SEK or JPY",
        ),
        (
            "1.1234567 USD",
            "1.1234567 has more than 6 decimal places",
            "the API counts money in micros (millionths of a unit)",
        ),
        (
            "150.5 JPY",
            "JPY has no decimal places, but 150.5 has 1",
            "write a whole number of JPY",
        ),
        (
            "1,5 USD",
            "'1,5 USD' is not an amount of money",
            "write the amount and an ISO 4217 currency code, like 150 USD or 12.50 EUR",
        ),
        (
            "$150",
            "'$150' is not an amount of money",
            "write the amount and an ISO 4217 currency code, like 150 USD or 12.50 EUR",
        ),
        (
            "1e3 USD",
            "'1e3 USD' is not an amount of money",
            "write the amount and an ISO 4217 currency code, like 150 USD or 12.50 EUR",
        ),
        (True, "expected an amount of money", "write it like 150 USD or 12.50"),
        (Decimal("NaN"), "NaN is not an amount of money", None),
        (12.5, "expected an amount of money", "write it like 150 USD or 12.50"),
    ],
)
def test_parse_errors(written: object, message: str, hint: str | None) -> None:
    with pytest.raises(MoneyError) as caught:
        parse_money(written)
    assert (caught.value.message, caught.value.hint) == (message, hint)


@pytest.mark.parametrize(
    ("micros", "currency", "text"),
    [
        (150_000_000, "USD", "150.00 USD"),
        (12_345_600, "EUR", "12.3456 EUR"),
        (160_000_000, "JPY", "160 JPY"),
        (1, "USD", "0.000001 USD"),
        (-50_000_000, "SEK", "-50.00 SEK"),
        (12_345_000, "KWD", "12.345 KWD"),
        (150_000_000, None, "150.00"),
    ],
)
def test_format_micros(micros: int, currency: str | None, text: str) -> None:
    assert format_micros(micros, currency) == text


def test_format_with_grouping_still_parses() -> None:
    text = format_micros(1_234_567_890_000, "USD", grouping=True)
    assert text == "1,234,567.89 USD"
    assert parse_money(text).micros == 1_234_567_890_000


_amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=6, allow_nan=False
)


@given(_amounts)
def test_any_amount_with_six_places_is_exact_in_micros(amount: Decimal) -> None:
    micros = to_micros(amount)
    assert Decimal(micros) / 1_000_000 == amount


@given(
    st.integers(min_value=-(10**18), max_value=10**18),
    st.sampled_from([*sorted(CURRENCIES - ZERO_DECIMAL_CURRENCIES), None]),
    st.booleans(),
)
def test_formatted_amounts_parse_back(
    micros: int, currency: str | None, grouping: bool
) -> None:
    assert (
        parse_money(format_micros(micros, currency, grouping=grouping)).micros == micros
    )


@given(
    st.integers(min_value=0, max_value=10**12),
    st.sampled_from(sorted(ZERO_DECIMAL_CURRENCIES)),
)
def test_zero_decimal_currencies_format_whole_units(units: int, currency: str) -> None:
    text = format_micros(units * 1_000_000, currency)
    assert "." not in text
    assert parse_money(text) == Money(Decimal(units), currency)
