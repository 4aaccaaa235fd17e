"""Template filters: money, dates, slugs, country names, YAML-safe values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.manifest.filters import (
    FilterError,
    country_name,
    date_value,
    finalize,
    money,
    slug,
    to_json,
    yaml_value,
)
from campaignctl.manifest.node import plain
from campaignctl.manifest.yaml import load_yaml


@pytest.mark.parametrize(
    ("value", "currency", "want"),
    [
        pytest.param("90", "EUR", "90.00 EUR", id="text"),
        pytest.param(90, "eur", "90.00 EUR", id="int-lower-code"),
        pytest.param(Decimal("12.5"), "USD", "12.50 USD", id="decimal"),
        pytest.param(" 1,500.25 ", "SEK", "1500.25 SEK", id="grouped-trimmed"),
        pytest.param("90 EUR", "EUR", "90.00 EUR", id="same-code"),
        pytest.param("1500", "JPY", "1500 JPY", id="zero-decimal"),
        pytest.param("0.125", "USD", "0.125 USD", id="more-decimals-kept"),
        pytest.param("42", None, "42.00", id="no-currency"),
        pytest.param("EUR 7", None, "7.00 EUR", id="code-first"),
    ],
)
def test_money(value: Any, currency: str | None, want: str) -> None:
    assert money(value, currency) == want


@pytest.mark.parametrize(
    ("value", "currency", "message"),
    [
        pytest.param("abc", "EUR", "money: 'abc' is not an amount of money", id="text"),
        pytest.param("90 USD", "EUR", "money: '90 USD' is in USD, not EUR", id="clash"),
        pytest.param("1.5", "JPY", "money: JPY has no decimal places, but 1.5 has 1"),
        pytest.param("1", "XYZ", "money: unknown currency code 'XYZ'", id="code"),
        pytest.param(None, "EUR", "money: expected an amount of money", id="empty"),
        pytest.param(True, "EUR", "money: expected an amount of money", id="bool"),
        pytest.param("0.0000001", "EUR", "money: 1E-7 has more than 6 decimal places"),
    ],
)
def test_money_refuses(value: Any, currency: str, message: str) -> None:
    with pytest.raises(FilterError) as raised:
        money(value, currency)
    assert raised.value.message == message
    assert raised.value.hint


@pytest.mark.parametrize(
    ("value", "kwargs", "want"),
    [
        pytest.param("2034-03-01", {}, "2034-03-01", id="date"),
        pytest.param("2034-03-01", {"days": 14}, "2034-03-15", id="plus-days"),
        pytest.param("2034-03-01", {"days": -1}, "2034-02-28", id="minus-days"),
        pytest.param("2034-12-31", {"days": 1}, "2035-01-01", id="new-year"),
        pytest.param("2034-03-01T06:00Z", {}, "2034-03-01T06:00:00Z", id="time"),
        pytest.param("2034-03-01", {"hours": 6}, "2034-03-01T06:00:00Z", id="hours"),
        pytest.param(
            "2034-03-01", {"format": "%d %B %Y"}, "01 March 2034", id="format"
        ),
    ],
)
def test_date(value: str, kwargs: dict[str, Any], want: str) -> None:
    assert date_value(value, **kwargs) == want


@pytest.mark.parametrize(
    ("value", "kwargs", "message"),
    [
        pytest.param("March 1", {}, "date: 'March 1' is not an ISO-8601 time"),
        pytest.param(None, {}, "date: expected a date like 2034-03-01, got None"),
        pytest.param(
            "2034-03-01T00:00:00+02:00",
            {},
            "date: '2034-03-01T00:00:00+02:00' is not in UTC",
            id="offset",
        ),
        pytest.param(
            "2034-03-01", {"days": "2"}, "date: days must be a whole number (got '2')"
        ),
        pytest.param(
            "9999-12-31",
            {"days": 1},
            "date: '9999-12-31' moved by 1 days is out of range",
            id="overflow",
        ),
    ],
)
def test_date_refuses(value: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError) as raised:
        date_value(value, **kwargs)
    assert raised.value.message == message


@pytest.mark.parametrize(
    ("code", "language", "want"),
    [
        ("SE", None, "Sweden"),
        ("se", None, "Sweden"),
        ("GB", None, "United Kingdom"),
        ("TW", None, "Taiwan"),  # pycountry's common name, not the ISO long form
        ("VN", None, "Vietnam"),
        ("SE", "sv", "Sverige"),
        ("DE", "de", "Deutschland"),
        ("BR", "pt_BR", "Brasil"),
        ("US", "en", "United States"),
    ],
)
def test_country_name(code: str, language: str | None, want: str) -> None:
    assert country_name(code, language) == want


@pytest.mark.parametrize(
    ("code", "language", "message"),
    [
        ("XX", None, "country_name: 'XX' is not an ISO 3166-1 alpha-2 country code"),
        ("SWE", None, "country_name: 'SWE' is not an ISO 3166-1 alpha-2 country code"),
        ("SE", "zz", "country_name: no country names in language 'zz'"),
    ],
)
def test_country_name_refuses(code: str, language: str | None, message: str) -> None:
    with pytest.raises(FilterError) as raised:
        country_name(code, language)
    assert raised.value.message == message


def test_slug() -> None:
    assert slug("Sweden - Pop Fans 18+") == "sweden-pop-fans-18"
    assert slug("Türkiye") == "turkiye"


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("NO", '"NO"'),
        ("yes", '"yes"'),
        ("Out now: 12:30", '"Out now: 12:30"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("line\u2028break", '"line\\u2028break"'),
        (None, "null"),
        (True, "true"),
        (Decimal("12.50"), "12.50"),
        (["pop", 3], '["pop", 3]'),
        ({"a": [1, None]}, '{"a": [1, null]}'),
    ],
)
def test_yaml_value(value: Any, want: str) -> None:
    assert yaml_value(value) == want
    assert to_json(value) == want


def test_yaml_value_refuses_what_yaml_cannot_carry() -> None:
    with pytest.raises(FilterError, match="cannot write a object as YAML"):
        yaml_value(object())
    with pytest.raises(FilterError, match="is not a number YAML can carry"):
        yaml_value(Decimal("NaN"))


def test_finalize() -> None:
    assert finalize(None) == ""
    assert finalize(False) == "false"
    assert finalize(["a", "b"]) == '["a", "b"]'
    assert finalize("x") == "x"
    assert finalize(Decimal("1.5")) == Decimal("1.5")


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.decimals(allow_nan=False, allow_infinity=False, places=4)
    | st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text("abcxyz_", min_size=1, max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(_VALUES)
def test_yaml_value_reads_back_as_the_same_value(value: Any) -> None:
    documents = load_yaml(f"key: {yaml_value(value)}\n", "t.yaml")
    assert plain(documents[0].root) == {"key": value}
