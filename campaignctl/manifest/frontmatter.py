"""Front matter: a template's own rollout, in a YAML block at its top.

A template whose first line is ``---`` and whose first block (up to the next
``---`` line) has a top-level ``values:`` key carries front matter. When the
template is rendered the block becomes blank lines, so template lines stay
file lines. Pure text functions.
"""

from __future__ import annotations

from pathlib import Path

from campaignctl.manifest.node import YamlError
from campaignctl.manifest.yaml import load_yaml

FENCE = "---"
MAX_LINES = 200  # front matter longer than this is not looked for


def front_matter_end(text: str) -> int:
    """Number of lines of the leading front matter block (0 when none).

    Front matter is a first line ``---``, then YAML with a top-level
    ``values:`` key, then a closing ``---`` line.
    """
    lines = text.split("\n", MAX_LINES)
    if not lines or lines[0].rstrip() != FENCE:
        return 0
    for index, line in enumerate(lines[1:MAX_LINES], start=1):
        if line.rstrip() == FENCE:
            block = lines[1:index]
            has_values = any(b.startswith("values:") for b in block)
            return index + 1 if has_values else 0
    return 0


def front_matter_block(text: str) -> tuple[str, int]:
    """(the YAML block with line 1 blank, so lines match the file; its end)."""
    end = front_matter_end(text)
    if not end:
        return "", 0
    return "\n" + "\n".join(text.split("\n")[1 : end - 1]), end


def blank_front_matter(text: str) -> str:
    """Front matter lines emptied, so template lines stay file lines."""
    end = front_matter_end(text)
    if not end:
        return text
    lines = text.split("\n")
    return "\n" * end + "\n".join(lines[end:])


def template_values(path: Path) -> set[Path]:
    """The values file a template's front matter names, resolved (if any)."""
    try:
        block, end = front_matter_block(path.read_bytes().decode("utf-8-sig"))
        documents = load_yaml(block, "") if end else []
    except (OSError, UnicodeDecodeError, YamlError):
        return set()
    root = documents[0].root if documents else None
    value = root.get("values") if root is not None and root.is_mapping else None
    if value is None or not isinstance(value.value, str):
        return set()
    return {(path.parent / value.value).resolve()}
