"""Located YAML values: what the loader builds and everything downstream reads.

Pure data, no pyyaml: ``campaignctl.manifest.yaml`` builds these from text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from campaignctl.errors import Diagnostic, Location

MAX_VALUES = 2_000_000  # values a document may expand to (alias bombs)

COLUMN_BITS = 32
_COLUMN = (1 << COLUMN_BITS) - 1


def pack_position(line: int, col: int) -> int:
    """A 1-based line and column as one int (0 for the whole file)."""
    return line << COLUMN_BITS | col


@dataclass(frozen=True, slots=True)
class Node:
    """A YAML value with where it was written.

    ``value`` is ``dict[str, Node]``, ``list[Node]`` or a scalar (str, int,
    Decimal, bool, None). ``at`` is where the value was written in ``file``
    and ``key_at`` where its mapping key was, each packed by ``pack_position``:
    one small int instead of a location object per value and key, because a
    large workspace holds more than a million of them (``loc`` and
    ``key_loc`` unpack on demand).
    """

    value: Any
    file: str
    at: int
    key_at: int | None = None

    @classmethod
    def located(cls, value: Any, loc: Location) -> Node:
        return cls(value, loc.file, pack_position(loc.line, loc.col))

    @property
    def loc(self) -> Location:
        return Location(self.file, self.at >> COLUMN_BITS, self.at & _COLUMN)

    @property
    def key_loc(self) -> Location | None:
        key = self.key_at
        if key is None:
            return None
        return Location(self.file, key >> COLUMN_BITS, key & _COLUMN)

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    def get(self, key: str) -> Node | None:
        return self.value.get(key) if isinstance(self.value, dict) else None

    def find(self, path: tuple[str | int, ...]) -> Node | None:
        """The node at ``path`` (keys and list indexes), or None."""
        node: Node | None = self
        for part in path:
            node = _child(node, part) if node else None
        return node

    def holding(self, value: Any, *, keyed: bool = True) -> Node:
        """``value`` written where this node is (under its key, if ``keyed``)."""
        return Node(value, self.file, self.at, self.key_at if keyed else None)


def _child(node: Node, part: str | int) -> Node | None:
    if isinstance(node.value, dict) and isinstance(part, str):
        return node.value.get(part)
    if isinstance(node.value, list) and isinstance(part, int):
        return node.value[part] if -len(node.value) <= part < len(node.value) else None
    return None


@dataclass(frozen=True)
class YamlDocument:
    """One ``---`` document of a file."""

    file: str
    index: int  # 0-based position in the file
    root: Node


class YamlError(Exception):
    """The text is not YAML campaignctl can read."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def plain(node: Node, *, limit: int = MAX_VALUES) -> Any:
    """The node's plain Python value (dicts, lists, scalars)."""
    budget = [limit]

    def walk(current: Node) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise YamlError(
                Diagnostic(
                    f"the document expands to more than {limit:,} values",
                    node.loc,
                    hint="aliases (*name) that repeat large anchors multiply in size",
                )
            )
        if isinstance(current.value, dict):
            return {k: walk(v) for k, v in current.value.items()}
        if isinstance(current.value, list):
            return [walk(v) for v in current.value]
        return current.value

    return walk(node)
