"""Which template line produced each line of rendered text.

The template layer marks every line of literal template text with an
invisible ``\\x1e<template id>:<line>\\x1f`` marker as it renders. YAML is
parsed from the text without markers; only when a diagnostic needs its
origin are the markers read back: a rendered line comes from the last
marker seen before its first character (lines printed by one ``{{ }}``
belong to that expression's line). Pure text functions, no Jinja.
"""

from __future__ import annotations

import re

START, END = "\x02", "\x03"
MARKER = re.compile("\x02(\\d+):(\\d+)\x03")

Origin = tuple[int, int]  # (template id, 1-based template line)


def mark(template_id: int, line: int) -> str:
    return f"{START}{template_id}:{line}{END}"


def strip_marks(text: str) -> str:
    """The text without markers (what YAML reads)."""
    return MARKER.sub("", text) if START in text else text


def line_origins(marked: str) -> list[Origin | None]:
    """Output line (0-based) → (template id, template line), None if unknown.

    A line printed before any marker (a template that starts with ``{{ }}``)
    takes the first marker that follows it.
    """
    parts = MARKER.split(marked)
    origins: list[Origin | None] = []
    current: Origin | None = None
    waiting: list[int] = []  # lines printed before any marker
    pending = True  # the current output line has no origin yet
    for index in range(0, len(parts), 3):
        if index:
            current = (int(parts[index - 2]), int(parts[index - 1]))
            for line in waiting:
                origins[line] = current
            waiting.clear()
        for number, segment in enumerate(parts[index].split("\n")):
            if number:
                if pending:
                    origins.append(current)
                pending = True
            if segment and pending:
                if current is None:
                    waiting.append(len(origins))
                origins.append(current)
                pending = False
    return origins


def template_column(template_line: str, rendered_line: str, col: int) -> int:
    """The column in the template line that corresponds to ``col`` (1-based).

    Inside the literal text both lines share, the columns are equal; past
    it, the value came from the first ``{{`` after the shared prefix.
    """
    shared = 0
    limit = min(len(template_line), len(rendered_line))
    while shared < limit and template_line[shared] == rendered_line[shared]:
        shared += 1
    if col <= shared:
        return max(col, 1)
    expression = template_line.find("{{", max(shared - 1, 0))
    if expression < 0:
        expression = template_line.find("{{")
    return expression + 1 if expression >= 0 else 1
