"""Plain YAML scalars under the YAML 1.2 core schema.

Only ``true``/``false`` are booleans (``ON``, ``NO``, ``yes`` stay strings),
times stay strings, and floats become ``Decimal`` built from the written text
so money stays exact. Pure text rules, no pyyaml: the loader in
``campaignctl.manifest.yaml`` asks ``plain_tag`` for the tag of each untagged
scalar and converts tagged ones with ``SCALARS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_SPECIAL_FIRST = frozenset("~nNtTfF-+.0123456789<")


def plain_tag(text: str) -> str:
    """The core-schema tag name of an untagged plain scalar (``<<`` is "merge")."""
    if text and text[0] not in _SPECIAL_FIRST:
        return "str"  # fast path: most scalars are words
    if _NULL.match(text):
        return "null"
    if _BOOL.match(text):
        return "bool"
    if _INT.match(text):
        return "int"
    if _FLOAT.match(text):
        return "float"
    return "merge" if text == "<<" else "str"


def _null(text: str) -> None:
    if not _NULL.match(text):
        raise ValueError(text)


def _bool(text: str) -> bool:
    if not _BOOL.match(text):
        raise ValueError(text)
    return text.lower() == "true"


def _int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _float(text: str) -> Decimal:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return Decimal("-Infinity") if lowered.startswith("-") else Decimal("Infinity")
    if lowered == ".nan":
        return Decimal("NaN")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


SCALARS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "null": _null,
    "bool": _bool,
    "int": _int,
    "float": _float,
}
