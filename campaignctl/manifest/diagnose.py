"""Pydantic validation errors → located, human diagnostics.

Each error's ``loc`` is walked through the document's nodes so the message
points at the value (or, for unknown keys, the key) that is wrong; loc parts
that name no key (union tags, validator labels) are skipped.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from campaignctl.errors import Diagnostic
from campaignctl.manifest.fields import ERROR_TYPE, describe, did_you_mean
from campaignctl.manifest.node import Node

# hints for fields people forget
MISSING_HINTS = {
    "apiVersion": "add apiVersion: campaignctl/v1",
    "kind": "add kind: Campaign",
    "account": "name an account alias from campaignctl.yaml (or set defaults.account)",
    "objective": "e.g. objective: REACH (create-only)",
    "placements": "where ads run: placements: [music] or [music, podcast]",
    "category": "e.g. category: ADV_21_182 (GET /ad_categories lists them)",
    "format": "audio, video or image",
    "schedule": "e.g. schedule: {start: 2030-06-01T00:00:00Z}",
    "budget": "e.g. budget: {daily: 150 USD}",
    "bid": "e.g. bid: {max_cpm: 12 USD} or bid: auto",
    "logo": "every ad needs a logo image",
    "call_to_action": "e.g. call_to_action: {url: https://example.com}",
    "url": "an https:// link",
    "targets": "at least targets: {placements: [music]}",
}
_BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n"}


def translate_errors(
    error: ValidationError, root: Node, model: type[BaseModel]
) -> list[Diagnostic]:
    """Every error of ``error`` as a located Diagnostic.

    A list that is too short only because its items failed is not reported
    on its own: the item errors say what is wrong.
    """
    details = error.errors()
    return [
        _translate(detail, root, model)
        for detail in details
        if not _hidden(detail, details)
    ]


def _hidden(detail: ErrorDetails, details: list[ErrorDetails]) -> bool:
    if detail["type"] != "too_short":
        return False
    loc = tuple(detail["loc"])
    return any(
        len(d["loc"]) > len(loc) and tuple(d["loc"][: len(loc)]) == loc for d in details
    )


def _translate(detail: ErrorDetails, root: Node, model: type[BaseModel]) -> Diagnostic:
    loc = tuple(detail["loc"])
    node, path, on_key = _walk(root, loc)
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else str(loc[-1])
        parent = _parent_loc(loc)
        fields = field_names(model, parent)
        hint = did_you_mean(key, fields) or _allowed(fields)
        return Diagnostic(f"unknown field {key!r}", node.key_loc or node.loc, hint=hint)
    if kind == "missing":
        field = str(loc[-1])
        return Diagnostic(
            f"missing required field {field!r}", node.loc, hint=MISSING_HINTS.get(field)
        )
    where = node.key_loc if on_key and node.key_loc else node.loc
    message, hint = _describe(detail, node)
    return Diagnostic(f"{label(path)}: {message}", where, hint=hint)


def _walk(root: Node, loc: tuple[Any, ...]) -> tuple[Node, list[str | int], bool]:
    node, path, on_key = root, [], False
    for part in loc:
        if part == "[key]":
            on_key = True
            continue
        child = node.find((part,)) if isinstance(part, str | int) else None
        if child is not None:
            node = child
            path.append(part)
    return node, path, on_key


def _parent_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    return loc[:-1]


def label(path: Sequence[str | int]) -> str:
    """``('ad_sets', 0, 'targets', 'genres', 2)`` → ``genres[2]``."""
    text = ""
    for part in reversed(path):
        if isinstance(part, int):
            text = f"[{part}]{text}"
            continue
        return f"{part}{text}"
    return f"document{text}"


def _allowed(fields: Sequence[str]) -> str | None:
    return f"allowed fields: {', '.join(fields)}" if fields else None


def _describe(detail: ErrorDetails, node: Node) -> tuple[str, str | None]:
    kind, ctx, value = detail["type"], detail.get("ctx") or {}, detail.get("input")
    if kind == ERROR_TYPE:
        return detail["msg"], ctx.get("hint") or None
    shown = _shown(value)
    simple = {
        "greater_than_equal": f"must be at least {ctx.get('ge')} (got {shown})",
        "less_than_equal": f"must be at most {ctx.get('le')} (got {shown})",
        "greater_than": f"must be more than {ctx.get('gt')} (got {shown})",
        "less_than": f"must be less than {ctx.get('lt')} (got {shown})",
        "too_short": f"needs at least {ctx.get('min_length')} item(s)",
        "too_long": f"allows at most {ctx.get('max_length')} items "
        f"(got {ctx.get('actual_length')})",
        "literal_error": f"must be {ctx.get('expected')} (got {shown})",
    }
    if kind in simple:
        return simple[kind], None
    return _type_problem(kind, value, detail["msg"])


def _type_problem(kind: str, value: Any, fallback: str) -> tuple[str, str | None]:
    got = describe(value)
    if kind.startswith("int_"):
        return f"expected a whole number, got {got}", None
    if kind.startswith("bool_"):
        hint = None
        if isinstance(value, str) and value.lower() in _BOOLEAN_WORDS:
            hint = "YAML 1.2: only true and false are booleans"
        return f"expected true or false, got {got}", hint
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping, got {got}", "write key: value pairs"
    if kind in ("tuple_type", "list_type", "iterable_type"):
        return f"expected a list, got {got}", "write [a, b] or one '- item' per line"
    if kind.startswith("string_"):
        return f"expected text, got {got}", "put the value in quotes"
    return fallback, None


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict | list):
        return describe(value)
    return str(value)


# -- which fields a model accepts at a loc ---------------------------------------
def field_names(model: type[BaseModel], loc: Sequence[Any]) -> list[str]:
    """Input keys (aliases) of the model(s) found by following ``loc``."""
    candidates: list[Any] = [model]
    for part in loc:
        expanded = [m for c in candidates for m in _members(c)]
        if isinstance(part, int):
            candidates = [item for c in expanded for item in _items(c)]
            continue
        stepped = [_field_type(c, part) for c in expanded if _has_field(c, part)]
        candidates = stepped or expanded
    models = [m for c in candidates for m in _members(c) if _is_model(m)]
    return sorted({name for m in models for name in _inputs(m)})


def _inputs(model: type[BaseModel]) -> Iterator[str]:
    for name, info in model.model_fields.items():
        yield info.alias or name


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _has_field(value: Any, key: str) -> bool:
    return _is_model(value) and key in set(_inputs(value))


def _field_type(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info.annotation
    raise KeyError(key)  # pragma: no cover - guarded by _has_field


def _members(value: Any) -> list[Any]:
    """Strip Annotated and split unions."""
    origin = typing.get_origin(value)
    if origin is typing.Annotated:
        return _members(typing.get_args(value)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [m for arg in typing.get_args(value) for m in _members(arg)]
    return [value]


def _items(value: Any) -> list[Any]:
    origin = typing.get_origin(value)
    if origin in (tuple, list):
        return _members(typing.get_args(value)[0])
    if origin is dict:
        return _members(typing.get_args(value)[1])
    return []
