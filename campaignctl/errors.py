"""The one error hierarchy of campaignctl.

Lower layers raise; only ``cli.py`` prints, once, and picks the exit code::

    CampaignctlError                      exit 1 unless stated
    ├── DiagnosticsError                  problems located in files (file:line:col)
    │   ├── ManifestError                 YAML, schema or API-rule violations
    │   └── TemplateError                 Jinja rendering failures
    ├── ConfigError                       project file, flags, missing credentials
    ├── PlanError                         live state the planner cannot reconcile
    ├── ApiError                          the API answered with an error
    │   ├── AuthError                     401 / OAuth failures
    │   ├── NotFoundError                 404
    │   ├── RateLimitedError              429 after retries
    │   └── ServerError                   5xx after retries
    ├── TransportError                    network failure after retries
    ├── ApplyError                        some planned operations failed
    ├── WarehouseError                    the report destination (DuckDB,
    │                                     PostgreSQL, files) failed
    ├── PolicyError                       exit 3: blocked by policy
    └── StalePlanError                    exit 4: saved plan no longer matches

Messages are written for users: what went wrong, where, and a hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a source file; lines and columns are 1-based.

    Slotted: a large workspace keeps about a million of them (one per YAML
    value and key).
    """

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's input, with where and what to do."""

    message: str
    location: Location | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    rule: str | None = None  # stable rule id, e.g. "SPA-03" or "adset.lifetime-end"
    notes: tuple[str, ...] = ()  # more places, e.g. the values row a template used

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        """``file:line:col: message``, then indented notes and hint.

        Each part stays on its own line even when it quotes user input with
        line breaks, so tools can rely on the first line's shape.
        """
        where = f"{self.location}: " if self.location else ""
        tag = "" if self.is_error else "warning: "
        rule = f" [{self.rule}]" if self.rule else ""
        text = f"{where}{tag}{_one_line(self.message)}{rule}"
        text += "".join(f"\n  {_one_line(note)}" for note in self.notes)
        return f"{text}\n  hint: {_one_line(self.hint)}" if self.hint else text


def _one_line(text: str) -> str:
    """Line breaks and other invisible characters shown escaped (``\\n``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class CampaignctlError(Exception):
    """Base of every error campaignctl reports to users."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        """The text printed to the user (no traceback)."""
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class DiagnosticsError(CampaignctlError):
    """Carries every diagnostic found, so users fix them all in one pass."""

    def __init__(self, diagnostics: Sequence[Diagnostic], *, message: str = "") -> None:
        errors = [d for d in diagnostics if d.is_error]
        summary = message or f"{len(errors)} error(s) found"
        super().__init__(summary)
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)

    def render(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        lines.append(self.message)
        return "\n".join(lines)


class ManifestError(DiagnosticsError):
    """Manifests that cannot be loaded or violate the API's documented rules."""


class TemplateError(DiagnosticsError):
    """A template or values file could not be rendered."""


class ConfigError(CampaignctlError):
    """Project configuration, command-line usage or credentials are wrong."""


class PlanError(CampaignctlError):
    """The live account cannot be reconciled with the manifests as written."""


@dataclass(frozen=True)
class ErrorCode:
    code: str
    definition: str = ""


@dataclass(frozen=True)
class ApiErrorDetail:
    """The parts of the API's ``ErrorResponse`` worth showing."""

    status: int
    method: str
    path: str
    messages: tuple[str, ...] = ()
    error_codes: tuple[ErrorCode, ...] = ()
    sp_trace_id: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


class ApiError(CampaignctlError):
    """The API answered a request with an error status."""

    def __init__(self, detail: ApiErrorDetail, *, hint: str | None = None) -> None:
        self.detail = detail
        super().__init__(self._compose(detail), hint=hint)

    @staticmethod
    def _compose(detail: ApiErrorDetail) -> str:
        text = "; ".join(detail.messages) or "no message"
        codes = ", ".join(c.code for c in detail.error_codes)
        trace = f" (sp_trace_id {detail.sp_trace_id})" if detail.sp_trace_id else ""
        code_part = f" [{codes}]" if codes else ""
        return (
            f"{detail.method} {detail.path} → {detail.status}: {text}{code_part}{trace}"
        )

    @property
    def status(self) -> int:
        return self.detail.status


class AuthError(ApiError):
    """Authentication failed (401 or an OAuth error)."""


class NotFoundError(ApiError):
    """The object does not exist (404)."""


class RateLimitedError(ApiError):
    """Still rate-limited (429) after honouring Retry-After."""


class ServerError(ApiError):
    """The API failed (5xx) after retries, or a write's outcome is unknown."""

    def __init__(
        self,
        detail: ApiErrorDetail,
        *,
        hint: str | None = None,
        ambiguous: bool = False,
    ) -> None:
        super().__init__(detail, hint=hint)
        self.ambiguous = ambiguous  # a write that the server may have committed


class TransportError(CampaignctlError):
    """The API could not be reached (connection, timeout) after retries."""

    def __init__(
        self, message: str, *, hint: str | None = None, ambiguous: bool = False
    ) -> None:
        super().__init__(message, hint=hint)
        self.ambiguous = ambiguous  # a write that the server may have committed


class ApplyError(CampaignctlError):
    """Some operations of an apply failed; the result table says which."""


class WarehouseError(CampaignctlError):
    """A report destination could not be opened, read or written."""


class PolicyError(CampaignctlError):
    """The plan violates a policy in campaignctl.yaml."""

    exit_code = 3


class StalePlanError(CampaignctlError):
    """A saved plan no longer matches the manifests or the live account."""

    exit_code = 4
