"""Validate a JSON body against a request model; errors become a 400.

Every problem is reported at once, one message per field, as
``path.to.field: what is wrong``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from campaignctl.sandbox.errors import bad_request
from campaignctl.sandbox.store import JSON

M = TypeVar("M", bound=BaseModel)


def validate_body(
    model: type[M],
    body: JSON,
    *,
    nullable: Collection[str] = (),
    problems: Iterable[str] = (),
    reported: Collection[str] = (),
) -> tuple[M, JSON]:
    """The validated model and the body as sent (unset fields stay absent).

    ``null`` is refused everywhere except the top-level keys in ``nullable``
    (the spec marks very few fields ``nullable``). ``problems`` found by the
    caller are reported together with the schema's; schema errors about the
    top-level keys in ``reported`` are left out (the caller explained them).
    """
    messages = list(problems)
    messages += list(_null_messages(body, nullable))
    try:
        parsed = model.model_validate(body)
    except ValidationError as error:
        messages += [
            _message(e) for e in error.errors() if not _is_reported(e, reported)
        ]
        parsed = None
    if messages:
        raise bad_request(_dedupe(messages))
    assert parsed is not None
    return parsed, parsed.model_dump(exclude_unset=True, mode="json")


def fail_if(messages: Iterable[str]) -> None:
    """Raise a 400 carrying every message, if there is any."""
    collected = list(messages)
    if collected:
        raise bad_request(collected)


def _is_reported(error: Any, reported: Collection[str]) -> bool:
    loc = error.get("loc") or ("",)
    return str(loc[0]) in reported


def _null_messages(
    value: Any, nullable: Collection[str], path: str = ""
) -> Iterable[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if item is None and where not in nullable:
                yield f"{where}: must not be null"
            else:
                yield from _null_messages(item, nullable, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if item is None:
                yield f"{path}[{index}]: must not be null"
            else:
                yield from _null_messages(item, nullable, f"{path}[{index}]")


def _message(error: Any) -> str:
    path = _path(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{path}: unknown field (not in the request schema)"
    if kind == "missing":
        return f"{path}: is required"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{path}: must be one of {expected}"
    if kind == "string_pattern_mismatch":
        return f"{path}: has an invalid format ({_pattern_hint(error)})"
    return f"{path}: {error['msg'][0].lower()}{error['msg'][1:]}"


def _pattern_hint(error: Any) -> str:
    pattern = str(error.get("ctx", {}).get("pattern", ""))
    hints = {
        r"^\S.*\S$": "no leading or trailing whitespace, at least 2 characters",
        r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$": "expected YYYY-MM-DDTHH:MM:SSZ",
    }
    if "ADV_" in pattern:
        return "expected a category id like ADV_21_182, see GET /ad_categories"
    if "[0-9a-fA-F]{8}" in pattern:
        return "expected a UUID"
    return hints.get(pattern, f"must match {pattern}")


def _path(loc: Iterable[Any]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif str(part).startswith(("function-after", "literal[", "list[")):
            continue
        else:
            text += f".{part}" if text else str(part)
    return text or "body"


def _dedupe(messages: list[str]) -> list[str]:
    return list(dict.fromkeys(messages))
