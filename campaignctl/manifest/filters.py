"""Template filters ads need: money, dates, slugs, country names, YAML quoting.

Pure functions (no Jinja here; ``manifest/template.py`` registers them).
Bad input raises ``FilterError`` with a hint; the template layer reports it
at the template line and values row that produced it. Country names come
from pycountry (ISO 3166-1 with its translations), the only module that
imports it: markets outside the sandbox's catalogue must work against the
real API, and ad copy often wants the name in the market's own language.
"""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

import pycountry

from campaignctl.manifest.linemap import strip_marks
from campaignctl.manifest.money import MoneyError, format_micros, parse_money
from campaignctl.manifest.times import API_FORMAT, TimeError, parse_instant
from campaignctl.plan.address import slugify

DATE_FORMAT = "%Y-%m-%d"
# characters YAML treats as line breaks or refuses raw; JSON leaves them as is
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


class FilterError(ValueError):
    """A filter got a value it cannot work with; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def money(value: Any, currency: str | None = None) -> str:
    """``90`` | money('EUR') → ``90.00 EUR``; exact, never through float.

    The value may carry its own code (``90 EUR``); it must then match.
    """
    if isinstance(value, str) and (currency is None or isinstance(currency, str)):
        return _money_text(value, currency)
    return _money(value, currency)


@lru_cache(maxsize=4096)  # a rollout's rows repeat the same amounts
def _money_text(value: str, currency: str | None) -> str:
    return _money(value, currency)


def _money(value: Any, currency: Any) -> str:
    try:
        parsed = parse_money(_number_text(value))
    except MoneyError as error:
        raise FilterError(f"money: {error.message}", error.hint) from None
    code = currency.strip().upper() if isinstance(currency, str) else None
    if code and parsed.currency and parsed.currency != code:
        raise FilterError(
            f"money: {value!r} is in {parsed.currency}, not {code}",
            f"write the amount without a code, or in {code}",
        )
    try:
        checked = parse_money(f"{parsed.amount} {code}") if code else parsed
    except MoneyError as error:
        raise FilterError(f"money: {error.message}", error.hint) from None
    return format_micros(checked.micros, checked.currency)


def _number_text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float):  # never money through float: use its text
        return repr(value)
    return value


def date_value(
    value: Any, days: int = 0, *, hours: int = 0, format: str | None = None
) -> str:
    """A date or UTC time, optionally moved by ``days``/``hours`` (see _date)."""
    simple = (value, days, hours, format)
    if all(isinstance(v, str | int | None) for v in simple):
        return _date_cached(*simple)
    return _date(value, days, hours=hours, format=format)


@lru_cache(maxsize=4096)  # a rollout's rows repeat the same dates
def _date_cached(value: Any, days: Any, hours: Any, format: Any) -> str:
    return _date(value, days, hours=hours, format=format)


def _date(value: Any, days: Any = 0, *, hours: Any = 0, format: Any = None) -> str:
    """A date or UTC time, optionally moved by ``days``/``hours``.

    ``2034-03-01`` → ``2034-03-01``; with ``days=14`` → ``2034-03-15``;
    a time keeps the API form (``2034-03-01T06:00:00Z``). ``format`` is a
    strftime pattern for ad copy (``'%d %B %Y'`` → ``01 March 2034``).
    """
    moment, has_time = _instant(value)
    for name, amount in (("days", days), ("hours", hours)):
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise FilterError(
                f"date: {name} must be a whole number (got {amount!r})",
                "write date(days=14)",
            )
    try:
        moved = moment + timedelta(days=days, hours=hours)
    except OverflowError:
        raise FilterError(
            f"date: {value!r} moved by {days} days is out of range"
        ) from None
    if format is not None:
        return _formatted(moved, format)
    return moved.strftime(API_FORMAT if has_time or hours else DATE_FORMAT)


def _instant(value: Any) -> tuple[datetime, bool]:
    if isinstance(value, datetime):
        return value, True
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), False
    if not isinstance(value, str) or not value.strip():
        raise FilterError(
            f"date: expected a date like 2034-03-01, got {value!r}",
            "write dates as YYYY-MM-DD or UTC times as 2034-03-01T00:00:00Z",
        )
    try:
        moment = parse_instant(value)
    except TimeError as error:
        raise FilterError(f"date: {error.message}", error.hint) from None
    return moment.replace(tzinfo=None), len(value.strip()) > len("2034-03-01")


def _formatted(moment: datetime, pattern: Any) -> str:
    if not isinstance(pattern, str):
        raise FilterError(f"date: format must be text (got {pattern!r})")
    try:
        return moment.strftime(pattern)
    except ValueError as error:
        raise FilterError(f"date: bad format {pattern!r}: {error}") from None


def slug(value: Any) -> str:
    """``Sweden - Pop Fans`` → ``sweden-pop-fans`` (lower-case ASCII)."""
    return slugify(strip_marks(str(value)))


def country_name(code: Any, language: str | None = None) -> str:
    """``'SE'`` → ``Sweden``; ``'SE' | country_name('sv')`` → ``Sverige``."""
    text = str(code).strip().upper() if code is not None else ""
    country = pycountry.countries.get(alpha_2=text) if len(text) == 2 else None
    if country is None:
        raise FilterError(
            f"country_name: {code!r} is not an ISO 3166-1 alpha-2 country code",
            "write two letters, like SE, GB or BR",
        )
    english = str(getattr(country, "common_name", None) or country.name)
    if not language or str(language).lower().startswith("en"):
        return english
    translated = _catalogue(str(language)).gettext(str(country.name))
    return translated if translated != country.name else english


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
        )
    except OSError:
        raise FilterError(
            f"country_name: no country names in language {language!r}",
            "use an ISO 639-1 code such as sv, de, es or pt_BR",
        ) from None


def yaml_value(value: Any) -> str:
    """Any value as YAML flow text that reads back as the same value.

    Strings are always double-quoted (so ``NO``, ``yes``, ``12:30`` or a
    tagline with ``: `` stay strings); lists and mappings become flow
    collections; ``none`` becomes ``null``; decimals keep their digits.
    """
    return _flow(value, depth=0)


def to_json(value: Any) -> str:
    """JSON text (decimals exact); JSON is YAML, so this is YAML-safe too."""
    return _flow(value, depth=0)


def _flow(value: Any, *, depth: int) -> str:
    if depth > 50:
        raise FilterError("yaml: the value is nested too deeply")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return _number(value)
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, datetime | date):
        return _quoted(value.isoformat())
    if isinstance(value, Mapping):
        items = (
            f"{_quoted(str(k))}: {_flow(v, depth=depth + 1)}" for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    if isinstance(value, Sequence) and not isinstance(value, bytes):
        return "[" + ", ".join(_flow(v, depth=depth + 1) for v in value) + "]"
    raise FilterError(f"yaml: cannot write a {type(value).__name__} as YAML")


def _number(value: int | Decimal) -> str:
    if isinstance(value, Decimal) and not value.is_finite():
        raise FilterError(f"yaml: {value} is not a number YAML can carry")
    return str(value)


def _quoted(text: str) -> str:
    quoted = json.dumps(strip_marks(text), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def finalize(value: Any) -> Any:
    """What ``{{ value }}`` prints: empty cells nothing, structures as YAML."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping | list | tuple):
        return yaml_value(value)
    return value


FILTERS: dict[str, Callable[..., Any]] = {
    "money": money,
    "date": date_value,
    "slug": slug,
    "country_name": country_name,
    "yaml": yaml_value,
    "tojson": to_json,
}
