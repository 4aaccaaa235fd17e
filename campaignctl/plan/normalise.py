"""Canonical comparable forms of desired bodies and live API objects.

Both sides go through the same function, driven by the kind's table in
``fields.py``: project onto managed fields, drop empties and nulls, fill the
server defaults, sort set-valued arrays, canonical times and integer micros,
asset references as content tokens. Two objects are in sync exactly when their
normal forms are equal (``==``), which is cheap enough for 30,000 objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from campaignctl.plan.fields import MISSING, TABLES, Context, KindTable, Value
from campaignctl.plan.model import Kind

JSONObject = dict[str, Any]
_CANONICAL_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True, eq=False)
class Node:
    """One field of a kind's table, compiled for fast walking."""

    value: Value
    children: dict[str, Node] = field(default_factory=dict)  # object fields
    defaults: dict[str, Any] = field(default_factory=dict)  # child → default
    item: Node | None = None  # array item shape


def normalise(
    kind: Kind,
    obj: Mapping[str, Any],
    *,
    ctx: Context,
    managed: Collection[str] | None = None,
    defaults: bool = True,
) -> JSONObject:
    """The canonical form of ``obj`` restricted to ``managed`` top-level fields.

    ``managed`` defaults to ``managed_fields(kind, obj, ctx)`` (a desired body
    manages what it says plus the always-managed fields); pass the desired
    object's set when normalising the live one. ``defaults=False`` leaves
    server defaults out (used to list a create's fields).
    """
    if not defaults:
        ctx = replace(ctx, fill_defaults=False)
    keys = managed_fields(kind, obj, ctx) if managed is None else managed
    canonical = _object(compiled(kind), dict(obj), ctx, keys)
    assert isinstance(canonical, dict)
    return canonical


def managed_fields(
    kind: Kind, desired: Mapping[str, Any], ctx: Context
) -> frozenset[str]:
    """Top-level fields compared for a desired body: its own plus defaulted ones."""
    table = TABLES[kind]
    root = compiled(kind)
    own = {k for k, v in desired.items() if v is not None and k in root.children}
    for name, default in root.defaults.items() if ctx.fill_defaults else ():
        if not callable(default) or default(desired, ctx) is not MISSING:
            own.add(name)
    return frozenset(own - table.write_only - table.read_only)


def is_server_default(
    kind: Kind, path: str, value: Any, *, obj: Mapping[str, Any], ctx: Context
) -> bool:
    """Whether ``value`` at dotted ``path`` is the server's default for it.

    The defaults are the kind's table in ``fields.py`` (a rule is evaluated on
    ``obj``, the object holding the field); values compare in canonical form,
    so ``[IOS, ANDROID, DESKTOP]`` is the platforms default.
    """
    default = TABLES[kind].defaults.get(path, MISSING)
    if callable(default):
        default = default(obj, ctx)
    if default is MISSING or value is None:
        return False
    node = _node_at(compiled(kind), path)
    return bool(_value(node, value, ctx) == _value(node, default, ctx))


def _node_at(root: Node, path: str) -> Node:
    node = root
    for part in path.split("."):
        name = part.removesuffix("[]")
        node = node.children[name]
        if part.endswith("[]"):
            assert node.item is not None
            node = node.item
    return node


@cache
def compiled(kind: Kind) -> Node:
    """The kind's table as a tree of ``Node``s (built once)."""
    return _compile(TABLES[kind])


def _compile(table: KindTable) -> Node:
    shapes: dict[str, Value] = {"": Value.OBJECT, **table.fields}
    nodes: dict[str, Node] = {}
    for path in sorted(shapes, key=lambda p: (-p.count("."), p == "")):  # leaves first
        nodes[path] = _node(path, shapes[path], nodes, table.defaults)
    return nodes[""]


def _node(
    path: str, value: Value, nodes: Mapping[str, Node], defaults: Mapping[str, Any]
) -> Node:
    """The node at ``path``; array items are objects at ``path[]``."""
    is_array = value in (Value.SET, Value.LIST)
    own = f"{path}[]" if is_array else path
    children = _direct(own, nodes)
    shape = Node(Value.OBJECT, children, _static(children, _direct(own, defaults)))
    if not is_array:
        return Node(value, shape.children, shape.defaults)
    return Node(value, item=shape if children else None)


def _direct(own: str, paths: Mapping[str, Any]) -> dict[str, Any]:
    """Entries of ``paths`` one level below ``own``, keyed by their last name."""
    prefix = f"{own}." if own else ""
    return {
        p[len(prefix) :]: v
        for p, v in paths.items()
        if p.startswith(prefix) and p != own and "." not in p[len(prefix) :]
    }


def _static(
    children: Mapping[str, Node], defaults: Mapping[str, Any]
) -> dict[str, Any]:
    """Defaults in canonical form (rules stay callable)."""
    ctx = Context()
    return {
        name: d if callable(d) else _value(children[name], d, ctx)
        for name, d in defaults.items()
    }


# -- values ---------------------------------------------------------------------


def _value(node: Node, value: Any, ctx: Context) -> Any:
    if value is None:
        return MISSING
    return _BY_VALUE[node.value](node, value, ctx)


def _object(
    node: Node,
    value: Any,
    ctx: Context,
    keys: Collection[str] | None = None,
) -> Any:
    if not isinstance(value, dict):  # JSON objects are dicts (and faster to test)
        return value
    children = node.children
    out: JSONObject = {}
    for name in value if keys is None else keys:  # the shorter walk, hot path
        child = children.get(name)
        raw = value.get(name)
        if child is None or raw is None:
            continue
        canonical = _BY_VALUE[child.value](child, raw, ctx)
        if canonical is not MISSING and canonical != []:
            out[name] = canonical
    if node.defaults and ctx.fill_defaults:
        _fill_defaults(node, value, out, ctx, keys)
    return out


def _fill_defaults(
    node: Node,
    raw: Mapping[str, Any],
    out: JSONObject,
    ctx: Context,
    keys: Collection[str] | None,
) -> None:
    for name, default in node.defaults.items():
        if name in out or (keys is not None and name not in keys):
            continue
        filled = default(raw, ctx) if callable(default) else default
        if callable(default) and filled is not MISSING:
            filled = _value(node.children[name], filled, ctx)
        if filled is not MISSING:
            out[name] = filled


def _array(node: Node, value: Any, ctx: Context) -> Any:
    if not isinstance(value, list):
        return value
    item = node.item
    items = value if item is None else [_object(item, x, ctx) for x in value]
    if node.value is Value.LIST:
        return list(items)
    if item is not None:  # objects: sorted by a key blind to their key order
        return sorted(items, key=_sort_key)
    try:
        return sorted(items)
    except TypeError:  # mixed types
        return sorted(items, key=_sort_key)


def _sort_key(item: Any) -> str:
    """A total order for JSON values of any shape, blind to dict key order."""
    if isinstance(item, dict):
        return repr(sorted([(k, _scalar_key(v)) for k, v in item.items()]))
    if isinstance(item, list):
        return repr([_sort_key(v) for v in item])
    return repr(item)


def _scalar_key(value: Any) -> str:
    """``_sort_key`` of a dict's value, without a call for scalars."""
    if isinstance(value, dict | list):
        return _sort_key(value)
    return repr(value)


def _scalar(node: Node, value: Any, ctx: Context) -> Any:
    return value


def _integer(node: Node, value: Any, ctx: Context) -> Any:
    return as_int(value)


def _time(node: Node, value: Any, ctx: Context) -> Any:
    return canonical_time(value) if isinstance(value, str) else value


def _asset(node: Node, value: Any, ctx: Context) -> Any:
    return ctx.asset_token(value) if isinstance(value, str) else value


def as_int(value: Any) -> Any:
    """Integral numbers (int, integral float/Decimal, digit strings) → int."""
    if type(value) is int:
        return value
    if isinstance(value, float | Decimal) and _integral(value):
        return int(value)
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    return value  # left alone: a difference is shown rather than hidden


def _integral(number: float | Decimal) -> bool:
    if isinstance(number, float):
        return number.is_integer()
    return number.is_finite() and number == number.to_integral_value()


@lru_cache(maxsize=8192)
def canonical_time(text: str) -> str:
    """ISO-8601 → ``YYYY-MM-DDTHH:MM:SSZ`` in UTC; unparsable text unchanged."""
    if _CANONICAL_TIME.fullmatch(text):
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_BY_VALUE: dict[Value, Callable[[Node, Any, Context], Any]] = {
    Value.SCALAR: _scalar,
    Value.INT: _integer,
    Value.MICROS: _integer,
    Value.TIME: _time,
    Value.OBJECT: _object,
    Value.SET: _array,
    Value.LIST: _array,
    Value.ASSET: _asset,
}
