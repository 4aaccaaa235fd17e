"""What every rule uses: where things are written, and a findings list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from campaignctl.errors import Diagnostic, Location, Severity
from campaignctl.manifest.node import Node

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Where:
    """Locations inside one object's (merged) manifest node."""

    node: Node

    def at(self, *path: str | int) -> Location:
        """Where the value at ``path`` is written (nearest written ancestor)."""
        node = self.node
        for part in path:
            child = node.find((part,))
            if child is None:
                return node.loc
            node = child
        return node.loc

    def key(self, *path: str | int) -> Location:
        """Where the key of ``path`` is written (its value if it has no key)."""
        node = self.node.find(path)
        if node is None:
            return self.at(*path)
        return node.key_loc or node.loc

    def sub(self, *path: str | int) -> Where:
        node = self.node.find(path)
        return Where(node if node is not None else self.node)


@dataclass
class Findings:
    """Diagnostics collected by rules, in the order found."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(
        self, where: Location, message: str, *, hint: str | None = None, rule: str
    ) -> None:
        self.items.append(Diagnostic(message, where, hint=hint, rule=rule))

    def warn(
        self, where: Location, message: str, *, hint: str | None = None, rule: str
    ) -> None:
        self.items.append(
            Diagnostic(message, where, hint=hint, severity=Severity.WARNING, rule=rule)
        )


@dataclass(frozen=True)
class Context:
    """Facts rules need beyond the object itself."""

    now: datetime
    account_currency: str | None = None
