"""Identity: which live sibling is the object a manifest describes.

An ``id:`` pin wins; otherwise the exact name under the same parent. Live
siblings renamed by an earlier replace (``<name> (replaced 2030-06-01)``) never
match by name. Two live siblings with the wanted name are ambiguous: the user
must pin one. Problems are collected, not raised, so one plan reports them all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

_REPLACED = re.compile(r" \(replaced [^()]*\)$")
LiveObject = Mapping[str, Any]


class Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def id(self) -> str | None: ...

    @property
    def address(self) -> str: ...


def is_replaced_leftover(name: str) -> bool:
    """Whether ``name`` marks the old half of an earlier replace."""
    return bool(_REPLACED.search(name))


@dataclass
class Matches:
    """The outcome of matching one parent's desired children to live ones."""

    pairs: list[tuple[Any, LiveObject | None]] = field(default_factory=list)
    unmatched: list[LiveObject] = field(default_factory=list)  # live only
    errors: list[str] = field(default_factory=list)


def match_children(
    desired: Sequence[Named],
    live: Sequence[LiveObject],
    *,
    noun: str,
    where: str,
    pinnable: Mapping[str, LiveObject],
) -> Matches:
    """Pair each desired child with its live sibling (or None).

    ``live`` are the live siblings under the matched parent; ``pinnable`` maps
    every live id of this kind in the account (a pin may name any of them, but
    only a sibling is a valid target). ``noun`` and ``where`` word the errors.
    """
    result = Matches()
    siblings = {str(obj.get("id")): obj for obj in live}
    claimed = _pinned(desired, siblings, pinnable, noun, where, result)
    by_name = _by_name(obj for i, obj in siblings.items() if i not in claimed)
    for item in desired:  # items with a problem are reported, not planned
        if item.id is not None:
            if item.id in siblings:
                result.pairs.append((item, siblings[item.id]))
            continue
        found = by_name.get(item.name, [])
        claimed.update(str(obj.get("id")) for obj in found)
        if len(found) > 1:
            result.errors.append(_ambiguous(item, found, noun, where))
        else:
            result.pairs.append((item, found[0] if found else None))
    result.unmatched = [obj for i, obj in siblings.items() if i not in claimed]
    return result


def _pinned(
    desired: Sequence[Named],
    siblings: Mapping[str, LiveObject],
    pinnable: Mapping[str, LiveObject],
    noun: str,
    where: str,
    result: Matches,
) -> set[str]:
    """Ids claimed by pins; records pins that name nothing usable."""
    claimed: set[str] = set()
    for item in desired:
        if item.id is None:
            continue
        if item.id in claimed:
            result.errors.append(f"{noun} {item.name!r}: id:{item.id} is pinned twice")
        elif item.id not in siblings:
            result.errors.append(_bad_pin(item, pinnable, noun, where))
        claimed.add(item.id)
    return claimed


def _by_name(objects: Any) -> dict[str, list[LiveObject]]:
    by_name: dict[str, list[LiveObject]] = {}
    for obj in objects:
        name = str(obj.get("name", ""))
        if not is_replaced_leftover(name):
            by_name.setdefault(name, []).append(obj)
    return by_name


def _ambiguous(item: Named, found: Sequence[LiveObject], noun: str, where: str) -> str:
    ids = ", ".join(sorted(str(obj.get("id")) for obj in found))
    return (
        f"{noun} {item.name!r} ({item.address}): {len(found)} live {noun}s {where} "
        f"have this name ({ids}); pin the one to manage with `id: <uuid>` in the "
        "manifest, or rename the others"
    )


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _bad_pin(
    item: Named, pinnable: Mapping[str, LiveObject], noun: str, where: str
) -> str:
    if item.id in pinnable:
        return (
            f"{noun} {item.name!r} ({item.address}) pins id:{item.id}, which is not "
            f"{where}; {_article(noun)} {noun} cannot move to another parent"
        )
    return (
        f"{noun} {item.name!r} ({item.address}) pins id:{item.id}, but the ad "
        f"account has no such {noun}; remove the pin to create it, or fix the id"
    )
