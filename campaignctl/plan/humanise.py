"""API values as people read them: money, times, sets, frequency caps.

Pure string functions for the plan renderers. Money is exact: micros are
formatted through ``manifest.money`` (Decimal), never through float.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from campaignctl.manifest.money import MICROS_PER_UNIT, format_amount
from campaignctl.plan.normalise import canonical_time

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$"}
SYMBOLS |= {"AUD": "A$", "NZD": "NZ$", "BRL": "R$", "INR": "₹", "MXN": "MX$"}
PERIODS = {"DAILY": "/day", "LIFETIME": " lifetime"}
UNSET = "(unset)"
MINUS = "\u2212"  # the typographic minus sign marks removals from a set


def money(micros: int, currency: str | None) -> str:
    """``150_000_000, "USD"`` → ``$150.00``; ``"SEK"`` → ``150.00 SEK``."""
    sign = "-" if micros < 0 else ""
    amount = format_amount(abs(micros), currency, grouping=True)
    symbol = SYMBOLS.get(currency or "")
    if symbol:
        return f"{sign}{symbol}{amount}"
    return f"{sign}{amount} {currency}" if currency else f"{sign}{amount}"


def signed_money(micros: int, currency: str | None) -> str:
    """A change of money: ``+$50.00`` or ``-$25.00``."""
    return ("+" if micros >= 0 else "") + money(micros, currency)


def units(micros: int, currency: str | None) -> str:
    """Micros → a decimal string in currency units (``"150.00"``)."""
    return format_amount(micros, currency)


def micros_of(units_text: str) -> int:
    """A decimal string in currency units → micros, exactly."""
    return int(Decimal(units_text) * MICROS_PER_UNIT)


def budget(value: Any, currency: str | None) -> str:
    """``{"micro_amount": 150000000, "type": "DAILY"}`` → ``$150.00/day``."""
    if not isinstance(value, Mapping):
        return show(value)
    amount = value.get("micro_amount")
    if not isinstance(amount, int):
        return show(dict(value))
    period = PERIODS.get(str(value.get("type")), f" {value.get('type')}")
    return money(amount, currency) + period


def moment(value: Any) -> str:
    """``2030-06-01T00:00:00Z`` → ``2030-06-01 00:00 UTC``."""
    if not isinstance(value, str):
        return show(value)
    text = canonical_time(value)
    if not text.endswith("Z") or len(text) != 20:
        return show(value)
    seconds = "" if text.endswith(":00Z") else text[16:19]
    return f"{text[:10]} {text[11:16]}{seconds} UTC"


def set_change(before: Any, after: Any) -> str:
    """Two versions of a set → ``+ jazz, MINUS blues`` (``no change`` if equal)."""
    old = {_item(x) for x in before or []}
    new = {_item(x) for x in after or []}
    parts = [f"+ {x}" for x in sorted(new - old)]
    parts += [f"{MINUS} {x}" for x in sorted(old - new)]
    return ", ".join(parts) or "no change"


def items(value: Any) -> str:
    """A set or list → ``[blues, rock]``."""
    if not isinstance(value, list):
        return show(value)
    return "[" + ", ".join(_item(x) for x in value) + "]"


def frequency_caps(value: Any) -> str:
    """Caps → ``3 per day, 10 per week`` (``2 per 3 days`` for longer periods)."""
    if not isinstance(value, list) or not all(isinstance(c, Mapping) for c in value):
        return show(value)
    order = {"DAY": 0, "WEEK": 1, "MONTH": 2}
    caps = sorted(value, key=lambda c: (order.get(str(c.get("frequency_unit")), 9),))
    return ", ".join(_cap(c) for c in caps) or "[]"


def age_ranges(value: Any) -> str:
    if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
        return show(value)
    return ", ".join(f"{r.get('min', '?')}-{r.get('max', 99)}" for r in value) or "[]"


def show(value: Any) -> str:
    """Any other value: strings quoted, the rest as compact JSON."""
    if value is None:
        return UNSET
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(", ", ": ")
    )


def _cap(cap: Mapping[str, Any]) -> str:
    unit = str(cap.get("frequency_unit", "?")).lower()
    period = cap.get("frequency_period", 1)
    span = unit if period == 1 else f"{period} {unit}s"
    return f"{cap.get('max_impressions')} per {span}"


def _item(value: Any) -> str:
    if isinstance(value, str):
        return value
    return show(value)


def plural(count: int, noun: str) -> str:
    """``48044, "byte"`` → ``48,044 bytes``."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def join_lines(lines: Sequence[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"
