"""Field-level differences between two normal forms (the only deepdiff user).

Objects are compared with ``==`` first; deepdiff runs only for the few that
differ. Its leaf paths are collapsed to what a person edits: arrays (sets of
genres, frequency caps, age ranges) change as a whole, objects (budget,
targets, call to action) change field by field.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from deepdiff import DeepDiff

from campaignctl.plan.fields import TABLES, Value
from campaignctl.plan.model import FieldChange, Kind
from campaignctl.plan.normalise import Node, compiled

Path = tuple[str, ...]


def diff_fields(
    kind: Kind, before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[FieldChange, ...]:
    """The changes that turn normal form ``before`` into ``after``."""
    if before == after:
        return ()
    tree = DeepDiff(
        dict(before), dict(after), view="tree", ignore_numeric_type_changes=True
    )
    root = compiled(kind)
    paths = {
        _collapse(root, level.path(output_format="list"))
        for levels in tree.values()
        for level in levels
    }
    return _changes(kind, sorted(paths), before, after)


def list_fields(kind: Kind, after: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """Every field of a new object, as changes from nothing."""
    paths = sorted(_leaves(compiled(kind), after, ()))
    return tuple(
        FieldChange(path=".".join(path), after=value_at(after, path)) for path in paths
    )


def forces_replace(kind: Kind, path: str) -> bool:
    """Whether changing ``path`` needs a new object (a create-only field)."""
    return path.split(".", 1)[0] in TABLES[kind].create_only


def _changes(
    kind: Kind,
    paths: Sequence[Path],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(
            path=".".join(path),
            before=value_at(before, path),
            after=value_at(after, path),
            forces_replace=forces_replace(kind, ".".join(path)),
        )
        for path in paths
    )


def _collapse(root: Node, keys: Sequence[Any]) -> Path:
    """A deepdiff path cut at the first array or leaf field."""
    node: Node | None = root
    path: list[str] = []
    for key in keys:
        if not isinstance(key, str) or node is None:
            break
        path.append(key)
        node = node.children.get(key)
        if node is None or node.value is not Value.OBJECT:
            break
    return tuple(path)


def _leaves(node: Node, value: Any, path: Path) -> Iterator[Path]:
    if node.value is not Value.OBJECT or not isinstance(value, Mapping) or not value:
        yield path
        return
    for key, item in value.items():
        child = node.children.get(key)
        if child is None:
            yield (*path, key)
        else:
            yield from _leaves(child, item, (*path, key))


def value_at(obj: Mapping[str, Any], path: Path) -> Any:
    """The value at ``path`` in nested dicts, or None when absent."""
    current: Any = obj
    for key in path:
        if not isinstance(current, Mapping) or key not in current:
            return None
        current = current[key]
    return current
