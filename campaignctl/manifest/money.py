"""Money in currency units ↔ micros, exactly: Decimal and int, never float.

Manifests write ``150 USD``, ``USD 12.50``, ``1,500.00 EUR`` or a bare number
(the account's currency); the API wants int64 micros (units x 1,000,000). Plan
renderers reuse ``format_micros`` so every figure reads the same everywhere,
and whatever it prints parses back to the same micros.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

MICROS_PER_UNIT = 1_000_000
MAX_DECIMALS = 6

# ISO 4217 active currency codes (funds and precious metals left out).
CURRENCIES = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB
    BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC
    CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF
    GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF
    KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
    MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
    PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP
    STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU
    UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
    """.split()  # noqa: SIM905 - a table reads better as words
)
# ISO 4217 minor units where they are not 2.
_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_MINOR_UNITS = {
    **dict.fromkeys(_ZERO.split(), 0),
    **dict.fromkeys(_THREE.split(), 3),
    "CLF": 4,
    "UYW": 4,
}
ZERO_DECIMAL_CURRENCIES = frozenset(c for c, n in _MINOR_UNITS.items() if n == 0)

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_AMOUNT_FIRST = re.compile(rf"^({_NUMBER})(?:\s+([A-Za-z]{{3}}))?$")
_CODE_FIRST = re.compile(rf"^([A-Za-z]{{3}})\s+({_NUMBER})$")


class MoneyError(ValueError):
    """A money value that cannot be sent to the API; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Money:
    """An exact amount, in ``currency`` or (when None) the account's currency."""

    amount: Decimal
    currency: str | None = None

    @property
    def micros(self) -> int:
        return to_micros(self.amount)

    def __str__(self) -> str:
        return format_micros(self.micros, self.currency)


def minor_units(currency: str | None) -> int:
    """Decimal places the currency is written with (2 when unknown)."""
    return _MINOR_UNITS.get(currency or "", 2)


def decimal_places(amount: Decimal) -> int:
    """Significant decimal places of a finite Decimal (``1.50`` → 1)."""
    exponent = amount.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def to_micros(amount: Decimal) -> int:
    """Units → micros, exactly; refuses more than 6 decimal places."""
    if not amount.is_finite():
        raise MoneyError(f"{amount} is not an amount of money")
    if decimal_places(amount) > MAX_DECIMALS:
        raise MoneyError(
            f"{amount} has more than {MAX_DECIMALS} decimal places",
            "the API counts money in micros (millionths of a unit)",
        )
    return int(amount.scaleb(MAX_DECIMALS))


def parse_money(value: object) -> Money:
    """``150 USD`` / ``USD 150`` / ``1,500.50 EUR`` / ``150`` → Money.

    Numbers come from YAML as int or Decimal (never float); strings carry an
    optional ISO 4217 code. Raises MoneyError with a hint.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise MoneyError(
            "expected an amount of money", "write it like 150 USD or 12.50"
        )
    if isinstance(value, int | Decimal):
        return _checked(Decimal(value), None)
    return _parse_text(value.strip())


@lru_cache(maxsize=4096)  # Money is immutable; rollouts repeat amounts a lot
def _parse_text(text: str) -> Money:
    match = _AMOUNT_FIRST.match(text)
    if match:
        number, code = match.group(1), match.group(2)
    elif match := _CODE_FIRST.match(text):
        code, number = match.group(1), match.group(2)
    else:
        raise MoneyError(
            f"{text!r} is not an amount of money",
            "write the amount and an ISO 4217 currency code, like 150 USD or 12.50 EUR",
        )
    try:
        amount = Decimal(number.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the regex forbids it
        raise MoneyError(f"{text!r} is not an amount of money") from error
    return _checked(amount, code.upper() if code else None)


def _checked(amount: Decimal, currency: str | None) -> Money:
    if not amount.is_finite():
        raise MoneyError(f"{amount} is not an amount of money")
    if currency is not None and currency not in CURRENCIES:
        raise MoneyError(
            f"unknown currency code {currency!r}",
            "use an ISO 4217 code such as USD, EUR, GBP, SEK or JPY",
        )
    places = decimal_places(amount)
    if places > MAX_DECIMALS:
        raise MoneyError(
            f"{amount} has more than {MAX_DECIMALS} decimal places",
            "the API counts money in micros (millionths of a unit)",
        )
    if currency in ZERO_DECIMAL_CURRENCIES and places:
        raise MoneyError(
            f"{currency} has no decimal places, but {amount} has {places}",
            f"write a whole number of {currency}",
        )
    return Money(amount, currency)


def format_amount(
    micros: int, currency: str | None = None, *, grouping: bool = False
) -> str:
    """Micros → units text with the currency's usual decimals (more if needed)."""
    amount = Decimal(micros).scaleb(-MAX_DECIMALS)
    places = max(minor_units(currency), decimal_places(amount))
    text = f"{amount:,.{places}f}" if grouping else f"{amount:.{places}f}"
    return text


def format_micros(
    micros: int, currency: str | None = None, *, grouping: bool = False
) -> str:
    """``150_000_000, "USD"`` → ``"150.00 USD"``; parses back with ``parse_money``."""
    text = format_amount(micros, currency, grouping=grouping)
    return f"{text} {currency}" if currency else text
