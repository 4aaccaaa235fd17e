"""YAML 1.2 core-schema scalars: tags of plain text and exact conversions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.manifest.scalars import SCALARS, plain_tag


@given(st.integers())
def test_integers_are_tagged_int_and_read_back_exactly(number: int) -> None:
    assert (plain_tag(str(number)), SCALARS["int"](str(number))) == ("int", number)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_decimals_are_tagged_float_and_read_back_exactly(number: Decimal) -> None:
    text = format(number, "f")
    if "." not in text:
        text += ".0"
    value = SCALARS["float"](text)
    assert (plain_tag(text), value, str(value)) == ("float", number, text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("yes", "str"),
        ("NO", "str"),
        ("on", "str"),
        ("True", "bool"),
        ("FALSE", "bool"),
        ("~", "null"),
        ("", "null"),
        ("0x1F", "int"),
        ("0o17", "int"),
        ("-.inf", "float"),
        (".NaN", "float"),
        ("2034-03-01", "str"),
        ("12.50 USD", "str"),
        ("<<", "merge"),
    ],
)
def test_only_the_core_schema_spellings_are_not_strings(text: str, tag: str) -> None:
    assert plain_tag(text) == tag


@pytest.mark.parametrize(
    ("tag", "text"), [("bool", "yes"), ("null", "none"), ("int", "1.5"), ("float", "x")]
)
def test_explicit_tags_refuse_text_of_another_type(tag: str, text: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        SCALARS[tag](text)
