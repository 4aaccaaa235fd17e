"""The only writer to the terminal: documents to stdout, everything else to stderr.

Every string written passes through ``redact`` so a credential registered with
``register_secret`` can never reach the screen, a log or a CI transcript.
Colour is used only on a TTY and never when ``NO_COLOR`` is set.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TextIO

_secrets: set[str] = set()
REDACTED = "***"


class Style(StrEnum):
    BOLD = "1"
    DIM = "2"
    RED = "31"
    GREEN = "32"
    YELLOW = "33"
    BLUE = "34"
    MAGENTA = "35"
    CYAN = "36"


def register_secret(value: str | None) -> None:
    """Remember a credential so that it is redacted from all output."""
    if value and len(value) >= 4:
        _secrets.add(value)


def redact(text: str) -> str:
    """Replace every registered secret in ``text`` (longest first)."""
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def color_enabled(stream: TextIO) -> bool:
    """Colour only on a TTY, never with NO_COLOR or TERM=dumb."""
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, *styles: Style, enabled: bool) -> str:
    """Wrap ``text`` in ANSI styles when ``enabled``."""
    if not enabled or not styles:
        return text
    codes = ";".join(s.value for s in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


class Output:
    """Where commands write. Tests pass their own streams."""

    def __init__(
        self,
        *,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdin: TextIO | None = None,
        verbosity: int = 0,
    ) -> None:
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.stdin = stdin or sys.stdin
        self.verbosity = verbosity

    @property
    def color(self) -> bool:
        return color_enabled(self.stdout)

    @property
    def err_color(self) -> bool:
        return color_enabled(self.stderr)

    def document(self, text: str) -> None:
        """Write the command's result document (plan, JSON, YAML) to stdout."""
        self.stdout.write(redact(text))
        if text and not text.endswith("\n"):
            self.stdout.write("\n")
        self.stdout.flush()

    def info(self, text: str) -> None:
        """Progress and status lines: stderr."""
        self.stderr.write(redact(text) + "\n")
        self.stderr.flush()

    def debug(self, text: str, *, level: int = 1) -> None:
        """Shown with ``-v`` (level 1) or ``-vv`` (level 2)."""
        if self.verbosity >= level:
            self.info(text)

    def warn(self, text: str) -> None:
        self.info(
            paint("warning: ", Style.YELLOW, Style.BOLD, enabled=self.err_color) + text
        )

    def error(self, text: str) -> None:
        self.info(
            paint("error: ", Style.RED, Style.BOLD, enabled=self.err_color) + text
        )

    @property
    def interactive(self) -> bool:
        """Whether a human can answer a prompt (stdin is a terminal)."""
        isatty = getattr(self.stdin, "isatty", None)
        return bool(isatty and isatty())

    def confirm(self, question: str) -> bool:
        """Ask on stderr; only the exact answer 'yes' confirms."""
        self.stderr.write(redact(question))
        self.stderr.flush()
        answer = self.stdin.readline()
        return answer.strip() == "yes"
