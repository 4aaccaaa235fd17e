"""YAML text → located nodes (``node.py``), and plain data → YAML text.

The only module that imports pyyaml. Scalars follow the YAML 1.2 core schema
(``scalars.py``): ``NO`` stays a string and money stays exact. Every mapping
key and value keeps its ``file:line:col``. Duplicate keys, unsupported tags,
recursive aliases and malformed YAML are located errors, never tracebacks.
Merge keys (``<<: *anchor``) are supported.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from sys import intern
from typing import Any

import yaml

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.node import (
    COLUMN_BITS,
    Node,
    YamlDocument,
    YamlError,
)
from campaignctl.manifest.scalars import SCALARS, plain_tag
from campaignctl.memory import collector_paused

__all__ = ["dump_yaml", "load_yaml"]

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = (_TAG + n for n in ("str", "map", "seq", "merge"))


def load_yaml(text: str, file: str) -> list[YamlDocument]:
    """Every non-empty document in ``text``; raises YamlError."""
    try:
        with collector_paused():
            return _load(text, file)
    except yaml.MarkedYAMLError as error:
        raise YamlError(_marked_diagnostic(error, file)) from None
    except yaml.reader.ReaderError as error:
        raise YamlError(_reader_diagnostic(error, text, file)) from None
    except (yaml.YAMLError, UnicodeError, ValueError) as error:
        raise YamlError(Diagnostic(f"invalid YAML: {error}", Location(file))) from None
    except RecursionError:
        raise YamlError(
            Diagnostic("invalid YAML: nested too deeply", Location(file))
        ) from None


def _load(text: str, file: str) -> list[YamlDocument]:
    roots = list(_compose_all(text))
    builder = _Builder(file)
    built = [
        (index, builder.build(root))
        for index, root in enumerate(roots)
        if root is not None
    ]
    return [
        YamlDocument(file, index, node)
        for index, node in built
        if node.value is not None
    ]


def dump_yaml(documents: list[Any], *, flow_leaves: bool = False) -> str:
    """Plain documents → YAML text, key order kept, ``---`` between documents.

    ``flow_leaves`` writes collections of scalars inline (``[music, podcast]``,
    ``{daily: 150.00 USD}``), the way manifests are written by hand.
    """
    # imports write thousands of objects: libyaml's emitter when present
    dumper = _CDumper if flow_leaves and _CDumper is not None else _Dumper
    return yaml.dump_all(
        documents,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None if flow_leaves else False,
        explicit_start=True,
        width=100,
    )


def _resolve(kind: Any, value: Any, implicit: Any) -> str:
    """The tag of an untagged node: YAML 1.2 core schema for plain scalars."""
    if kind is yaml.ScalarNode:
        return _TAG + plain_tag(value) if implicit[0] else _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema for plain scalars, plus the ``<<`` merge key.

    libyaml's composer calls these three per node. Path resolvers are not
    used, so ``descend_resolver``/``ascend_resolver`` are C builtins that
    accept the arguments and do nothing, and tags are memoised: loading
    thousands of rendered rows is dominated by per-node Python calls.
    """

    resolve = staticmethod(functools.lru_cache(maxsize=16_384)(_resolve))
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]


def _compose_all(text: str) -> Iterator[yaml.Node | None]:
    loader = _new_loader(text)
    try:
        while loader.check_node():
            yield loader.get_node()
    finally:
        loader.dispose()


def _new_loader(text: str) -> Any:
    """libyaml's parser when available (fast), with our resolver either way."""
    if _CParser is not None:
        return _CLoader(text)
    return _PyLoader(text)  # pragma: no cover - wheels ship libyaml


_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)


class _CLoader(_CParser or object, _Resolver):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        _CParser.__init__(self, stream)
        _Resolver.__init__(self)


class _PyLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Resolver,
):
    def __init__(self, stream: str) -> None:  # pragma: no cover
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


def _marked_diagnostic(error: yaml.MarkedYAMLError, file: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
    problem = error.problem or "invalid YAML"
    context = f" ({error.context})" if error.context else ""
    return Diagnostic(
        f"invalid YAML: {problem}{context}",
        where,
        hint="check indentation, quoting and that every ':' is followed by a space",
    )


def _reader_diagnostic(
    error: yaml.reader.ReaderError, text: str, file: str
) -> Diagnostic:
    """A character YAML refuses, located by its position in the text."""
    position = max(0, min(int(error.position), len(text)))
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Diagnostic(
        f"invalid YAML: unacceptable character #x{code:04x}: {error.reason}",
        Location(file, line, col),
        hint="remove control characters (copy-pasted text often carries them)",
    )


@dataclass
class _Builder:
    """Converts composed pyyaml nodes to Nodes; aliases share their values.

    The hot loop of loading: scalars (most nodes) take the shortest path.
    """

    file: str
    done: dict[int, Node] = field(default_factory=dict)
    active: set[int] = field(default_factory=set)

    def build(self, node: yaml.Node, key_at: int | None = None) -> Node:
        if node.__class__ is yaml.ScalarNode:
            value = intern(node.value) if node.tag == _STR else self._scalar(node)
            return Node(value, self.file, self._at(node), key_at)
        key = id(node)
        built = self.done.get(key)
        if built is None:
            if key in self.active:
                raise self._error(node, "recursive alias: an anchor contains itself")
            self.active.add(key)
            built = self._collection(node)
            self.active.discard(key)
            self.done[key] = built
        return (
            built if key_at is None else Node(built.value, built.file, built.at, key_at)
        )

    def _at(self, node: yaml.Node) -> int:
        mark = node.start_mark  # 0-based; pack_position inlined (hot path)
        return (mark.line + 1) << COLUMN_BITS | (mark.column + 1)

    def _loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _error(
        self, node: yaml.Node, message: str, hint: str | None = None
    ) -> YamlError:
        return YamlError(Diagnostic(message, self._loc(node), hint=hint))

    def _collection(self, node: yaml.Node) -> Node:
        if isinstance(node, yaml.MappingNode):
            return Node(self._mapping(node), self.file, self._at(node))
        if node.tag != _SEQ:
            self._expect_tag(node, "seq")
        build = self.build
        return Node([build(item) for item in node.value], self.file, self._at(node))

    def _expect_tag(self, node: yaml.Node, name: str) -> None:
        if node.tag != _TAG + name:
            raise self._error(
                node,
                f"unsupported YAML tag {_short_tag(node.tag)!r}",
                "campaignctl reads mappings, lists, strings, numbers and booleans",
            )

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Node]:
        if node.tag != _MAP:
            self._expect_tag(node, "map")
        explicit: dict[str, Node] = {}
        merged: dict[str, Node] = {}
        build, at = self.build, self._at
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode:
                raise self._error(
                    key_node, "mapping keys must be plain words, not lists or mappings"
                )
            if key_node.tag == _MERGE:
                merged = {**self._merge_source(value_node), **merged}
                continue
            key = intern(str(key_node.value))
            if key in explicit:
                first = explicit[key].key_loc
                raise self._error(
                    key_node,
                    f"duplicate key {key!r}",
                    f"it was first written at {first}; keep one of them",
                )
            explicit[key] = build(value_node, at(key_node))
        return {**merged, **explicit} if merged else explicit

    def _merge_source(self, node: yaml.Node) -> dict[str, Node]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        result: dict[str, Node] = {}
        for source in reversed(sources):
            built = self.build(source)
            if not isinstance(built.value, dict):
                raise self._error(
                    source, "a merge key (<<) needs a mapping or a list of mappings"
                )
            result.update(built.value)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        name = node.tag.removeprefix(_TAG)
        convert = SCALARS.get(name) if node.tag.startswith(_TAG) else None
        if convert is None:
            self._expect_tag(node, "str")
        try:
            return convert(node.value) if convert else node.value
        except ValueError:
            raise self._error(node, f"{node.value!r} is not a valid !!{name}") from None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


class _Dumper(yaml.SafeDumper):
    """Writes Decimals as written and quotes strings YAML 1.1 would mistype."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    if value.is_nan():
        return dumper.represent_scalar(_TAG + "float", ".nan")
    if value.is_infinite():
        return dumper.represent_scalar(_TAG + "float", "-.inf" if value < 0 else ".inf")
    return dumper.represent_scalar(_TAG + "float", format(value, "f"))


_Dumper.add_representer(Decimal, _represent_decimal)


def _c_dumper() -> type[yaml.SafeDumper] | None:
    """The same dumper over libyaml's emitter, when PyYAML was built with it."""
    base: type[yaml.SafeDumper] | None = getattr(yaml, "CSafeDumper", None)
    if base is None:
        return None
    dumper: type[yaml.SafeDumper] = type("_CDumper", (base,), {})
    dumper.add_representer(Decimal, _represent_decimal)
    return dumper


_CDumper = _c_dumper()
