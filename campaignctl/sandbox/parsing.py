"""Reading requests strictly: JSON bodies, path ids and query parameters.

Anything malformed is a 4xx ``Problem``, never an exception escaping as 500:
a wrong content type is 415, invalid JSON or a JSON value that is not an
object is 400, non-UUID path ids and bad query values are 400.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, NoReturn

from starlette.datastructures import QueryParams
from starlette.requests import Request

from campaignctl.sandbox.clock import parse_iso
from campaignctl.sandbox.errors import Problem, bad_request
from campaignctl.sandbox.store import JSON

_UUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
MAX_QUERY_VALUE = 1000


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_json(request: Request, *, optional: bool = False) -> JSON:
    """The JSON object body; ``optional`` accepts an empty body as ``{}``."""
    raw = await request.body()
    if optional and not raw.strip():
        return {}
    if media_type(request) != "application/json":
        raise Problem(415, "Content-Type must be application/json")
    try:
        value = json.loads(
            raw.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise bad_request(f"body: malformed JSON ({_short(error)})") from error
    if not isinstance(value, dict):
        raise bad_request(f"body: must be a JSON object, got {type(value).__name__}")
    return value


def path_id(request: Request, name: str) -> str:
    """A UUID path parameter, lower-cased; 400 when it is not a UUID."""
    value = str(request.path_params[name])
    if not _UUID.match(value):
        raise bad_request(f"{name}: {value[:80]!r} is not a valid UUID")
    return value.lower()


def is_uuid(value: str) -> bool:
    return bool(_UUID.match(value))


def query_str(query: QueryParams, name: str) -> str | None:
    values = query.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise bad_request(f"{name}: give it once")
    if len(values[0]) > MAX_QUERY_VALUE:
        raise bad_request(f"{name}: too long")
    return values[0]


def query_int(query: QueryParams, name: str, *, default: int, lo: int, hi: int) -> int:
    text = query_str(query, name)
    if text is None:
        return default
    if not re.fullmatch(r"-?\d{1,10}", text):
        raise bad_request(f"{name}: {text[:40]!r} is not an integer")
    value = int(text)
    if not lo <= value <= hi:
        raise bad_request(f"{name}: must be between {lo} and {hi}")
    return value


def limit_offset(query: QueryParams, *, max_limit: int = 50) -> tuple[int, int]:
    limit = query_int(query, "limit", default=min(50, max_limit), lo=1, hi=max_limit)
    offset = query_int(query, "offset", default=0, lo=0, hi=2**31 - 1)
    return limit, offset


def query_enum(
    query: QueryParams, name: str, allowed: Sequence[str], default: str | None = None
) -> str | None:
    value = query_str(query, name)
    if value is None:
        return default
    if value not in allowed:
        _bad_enum(name, value, allowed)
    return value


def query_enums(
    query: QueryParams, name: str, allowed: Sequence[str], *, unique: bool = False
) -> list[str]:
    """A repeated-key array of enum values (``statuses=A&statuses=B``)."""
    found = query.getlist(name)
    for value in found:
        if value not in allowed:
            _bad_enum(name, value, allowed)
    if unique and len(set(found)) != len(found):
        raise bad_request(f"{name}: values must be unique")
    return found


def query_uuids(query: QueryParams, name: str) -> list[str]:
    found = query.getlist(name)
    for value in found:
        if not _UUID.match(value):
            raise bad_request(f"{name}: {value[:80]!r} is not a valid UUID")
    return [value.lower() for value in found]


def query_strings(query: QueryParams, name: str) -> list[str]:
    found = query.getlist(name)
    if any(len(value) > MAX_QUERY_VALUE for value in found):
        raise bad_request(f"{name}: value too long")
    return found


def query_time(query: QueryParams, name: str) -> float | None:
    text = query_str(query, name)
    if text is None:
        return None
    value = parse_iso(text)
    if value is None:
        raise bad_request(f"{name}: {text[:40]!r} is not an ISO-8601 date-time")
    return value


def reject_params(query: QueryParams, names: Sequence[str], *, why: str) -> None:
    for name in names:
        if name in query:
            raise bad_request(f"{name}: not supported here ({why})")


def _bad_enum(name: str, value: str, allowed: Sequence[str]) -> NoReturn:
    raise bad_request(f"{name}: {value[:60]!r} is not one of {', '.join(allowed)}")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text[:20]} is out of range")
    return value


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:120]
