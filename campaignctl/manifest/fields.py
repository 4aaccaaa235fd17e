"""Annotated field types shared by the manifest models.

Each type validates with a message written for people (raised as a
``PydanticCustomError`` of type ``campaignctl`` whose context carries the
message and a hint) and declares its own JSON Schema, so editors using the
generated schemas accept exactly what the loader accepts.
"""

from __future__ import annotations

import difflib
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, NoReturn, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainValidator,
    Strict,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from campaignctl.manifest.money import Money, MoneyError, parse_money
from campaignctl.manifest.times import TimeError, parse_time
from campaignctl.manifest.vocab import COUNTRIES, COUNTRY_HINTS

ERROR_TYPE = "campaignctl"
T = TypeVar("T")


def fail(message: str, hint: str | None = None) -> NoReturn:
    """Raise a validation error pydantic reports at the current field."""
    raise PydanticCustomError(
        ERROR_TYPE, "{message}", {"message": message, "hint": hint or ""}
    )


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """``"did you mean 'budget'?"`` for the closest candidate, if any is close."""
    options = list(candidates)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return f"did you mean {lowered[word.lower()]!r}?"
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f"did you mean {lowered[close[0]]!r}?" if close else None


def describe(value: object) -> str:
    """A short name of a YAML value's type for messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float) or type(value).__name__ == "Decimal":
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return "text"


def require_text(value: object) -> str:
    if isinstance(value, str):
        return value
    hint = "put the value in quotes" if isinstance(value, int | float) else None
    fail(f"expected text, got {describe(value)}", hint)


# -- text and choices -----------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """Annotated metadata: a string of ``min_length`` to ``max_length`` characters.

    ``trimmed`` also refuses leading or trailing whitespace and line breaks
    (the API's ``^\\S.*\\S$`` pattern).
    """

    min_length: int
    max_length: int
    trimmed: bool = False

    def validate(self, value: object) -> str:
        result = require_text(value)
        low, high = self.min_length, self.max_length
        if not low <= len(result) <= high:
            fail(f"must be {low} to {high} characters (got {len(result)})")
        if self.trimmed and not re.fullmatch(r"\S.*\S", result):
            if "\n" in result or "\r" in result:
                fail("must be a single line")
            fail("must not start or end with whitespace", f"write {result.strip()!r}")
        return result

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(self.validate)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        result: JsonSchemaValue = {
            "type": "string",
            "minLength": self.min_length,
            "maxLength": self.max_length,
        }
        if self.trimmed:
            result["pattern"] = r"^\S.*\S$"
        return result


@dataclass(frozen=True)
class Choice:
    """Annotated metadata: one of ``values``, any case, ``-``/space for ``_``.

    ``aliases`` are (written spelling, canonical value) pairs; when given they
    are the spellings shown to users.
    """

    label: str
    values: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...] = ()

    @cached_property
    def written(self) -> list[str]:
        return [a for a, _ in self.aliases] or list(self.values)

    @cached_property
    def canonical(self) -> dict[str, str]:
        """Normalised spelling → value."""
        result = {v.upper().replace("-", "_"): v for v in self.values}
        result.update(self.aliases)
        return result

    def validate(self, value: object) -> str:
        canonical, written = self.canonical, self.written
        if not isinstance(value, str):
            fail(f"expected one of {', '.join(written)}, got {describe(value)}")
        key = value.strip().upper().replace("-", "_").replace(" ", "_")
        if key in canonical:
            return canonical[key]
        hint = did_you_mean(value, written) or f"expected one of: {', '.join(written)}"
        fail(f"{value!r} is not a valid {self.label}", hint)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(self.validate)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        written = self.written
        spellings = [s for w in written for s in dict.fromkeys((w, w.lower()))]
        return {"type": "string", "enum": spellings}


def choice(
    label: str, values: Sequence[str], *, aliases: Mapping[str, str] | None = None
) -> Choice:
    return Choice(label, tuple(values), tuple((aliases or {}).items()))


def _check_uuid(value: object) -> str:
    raw = require_text(value)
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        fail(
            f"{raw!r} is not a UUID",
            "IDs look like 3fa85f64-5717-4562-b3fc-2c963f66afa6",
        )


Uuid = Annotated[
    str,
    PlainValidator(_check_uuid),
    WithJsonSchema({"type": "string", "format": "uuid"}),
]


def unique(label: str) -> Any:
    """An AfterValidator refusing repeated items in a set-valued list."""

    def check(items: tuple[T, ...]) -> tuple[T, ...]:
        seen: set[Any] = set()
        for item in items:
            key = item if isinstance(item, str | int) else repr(item)
            if key in seen:
                fail(f"{item!r} is listed more than once", f"{label} is a set")
            seen.add(key)
        return items

    return AfterValidator(check)


# -- numbers, money, time -----------------------------------------------------
StrictInt = Annotated[int, Strict()]


_MONEY_PATTERN = (
    r"^\s*([A-Za-z]{3}\s+)?[+-]?[0-9][0-9,]*(\.[0-9]+)?(\s+[A-Za-z]{3})?\s*$"
)


_MONEY_PATTERN = (
    r"^\s*([A-Za-z]{3}\s+)?[+-]?[0-9][0-9,]*(\.[0-9]+)?(\s+[A-Za-z]{3})?\s*$"
)


def _check_money(value: object) -> Money:
    try:
        return parse_money(value)
    except MoneyError as error:
        fail(error.message, error.hint)


MoneyValue = Annotated[
    Money,
    PlainValidator(_check_money),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": _MONEY_PATTERN,
                },
                {"type": "number"},
            ],
            "description": "An amount in currency units: '150 USD', '12.50 EUR' or a "
            "bare number in the account's currency.",
            "examples": ["150 USD", "12.50 EUR", 150],
        }
    ),
]


def _check_time(value: object) -> str:
    raw = require_text(value)
    try:
        return parse_time(raw)
    except TimeError as error:
        fail(error.message, error.hint)


Timestamp = Annotated[
    str,
    PlainValidator(_check_time),
    WithJsonSchema(
        {
            "type": "string",
            "description": "UTC time: 2030-06-01T00:00:00Z, 2030-06-01T00:00:00+00:00 "
            "or a date (midnight UTC).",
            "examples": ["2030-06-01T00:00:00Z", "2030-06-01"],
        }
    ),
]


# -- codes and URLs -------------------------------------------------------------
def _check_country(value: object) -> str:
    raw = require_text(value)
    code = raw.strip().upper()
    if code in COUNTRIES:
        return code
    hint = f"did you mean {COUNTRY_HINTS[code]!r}?" if code in COUNTRY_HINTS else None
    fail(
        f"{raw!r} is not an ISO 3166-1 alpha-2 country code",
        hint or "use two letters, like US, GB, DE or SE",
    )


CountryCode = Annotated[
    str,
    PlainValidator(_check_country),
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{2}$", "examples": ["US"]}),
]


def _check_language(value: object) -> str:
    raw = require_text(value)
    if not re.fullmatch(r"[A-Za-z]{2}", raw):
        fail(
            f"{raw!r} is not a two-letter language code",
            "use ISO 639-1, like en, es or sv",
        )
    return raw.lower()


LanguageCode = Annotated[
    str,
    PlainValidator(_check_language),
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{2}$", "examples": ["en"]}),
]


def _check_category(value: object) -> str:
    raw = require_text(value)
    if not re.fullmatch(r"ADV_[0-9]+_[0-9]+", raw.strip().upper()):
        fail(
            f"{raw!r} is not an ad category ID",
            "categories look like ADV_21_182; list them with GET /ad_categories",
        )
    return raw.strip().upper()


Category = Annotated[
    str,
    PlainValidator(_check_category),
    WithJsonSchema(
        {"type": "string", "pattern": "^ADV_[0-9]+_[0-9]+$", "examples": ["ADV_21_182"]}
    ),
]


def _check_https(value: object) -> str:
    raw = require_text(value)
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.netloc or re.search(r"\s", raw):
        fail(f"{raw!r} is not an https:// URL", "the API only accepts https links")
    return raw


HttpsUrl = Annotated[
    str,
    PlainValidator(_check_https),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"}),
]


def _check_path(value: object) -> str:
    raw = require_text(value)
    if not raw.strip():
        fail("the file path is empty")
    return raw


AssetPath = Annotated[
    str,
    PlainValidator(_check_path),
    WithJsonSchema(
        {"type": "string", "description": "File path, relative to this manifest."}
    ),
]

StrictBool = Annotated[bool, Strict()]
