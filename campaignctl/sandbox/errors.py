"""Errors as the API writes them: ``{sp_trace_id, messages, error_codes}``.

Handlers raise ``Problem`` (or a helper below); the operation wrapper turns
it into a JSON response. Codes follow the spec's dotted style
(``ILLEGAL.INSIGHT_REPORT.INSUFFICIENT_IMPRESSIONS``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.responses import Response

from campaignctl.sandbox.store import dump

CODES = {
    400: (
        "INVALID_ARGUMENT.VALIDATION_FAILED",
        "The request is invalid; see messages.",
    ),
    401: ("UNAUTHENTICATED.INVALID_TOKEN", "Send a valid, unexpired bearer token."),
    403: ("PERMISSION_DENIED.AD_ACCOUNT", "The caller has no access to this resource."),
    404: ("NOT_FOUND.ENTITY", "No such entity in this ad account."),
    405: ("INVALID_ARGUMENT.METHOD_NOT_ALLOWED", "This path does not support it."),
    413: ("INVALID_ARGUMENT.PAYLOAD_TOO_LARGE", "Send a smaller request body."),
    415: ("INVALID_ARGUMENT.UNSUPPORTED_MEDIA_TYPE", "Use the documented type."),
    429: ("RESOURCE_EXHAUSTED.RATE_LIMITED", "Wait for Retry-After seconds."),
    500: ("INTERNAL.UNEXPECTED", "Retry later; quote sp_trace_id to support."),
    502: ("UNAVAILABLE.BAD_GATEWAY", "Retry later."),
    503: ("UNAVAILABLE.SERVICE", "Retry later."),
    504: ("UNAVAILABLE.TIMEOUT", "Retry later."),
}


class Problem(Exception):
    """An API error: status, human messages, and optional extra body keys."""

    def __init__(
        self,
        status: int,
        messages: str | Sequence[str],
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.code = code
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})
        super().__init__("; ".join(self.messages))


def bad_request(messages: str | Sequence[str], **extra: Any) -> Problem:
    return Problem(400, messages, extra=extra)


def not_found(what: str, object_id: str) -> Problem:
    return Problem(404, f"{what} {object_id} not found in this ad account")


def error_body(
    status: int,
    messages: Sequence[str],
    *,
    code: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    default_code, definition = CODES.get(status, CODES[500])
    return {
        "sp_trace_id": str(uuid.uuid4()),
        "messages": list(messages),
        "error_codes": [{"code": code or default_code, "definition": definition}],
        **(extra or {}),
    }


def error_response(problem: Problem) -> Response:
    body = error_body(
        problem.status, problem.messages, code=problem.code, extra=problem.extra
    )
    return json_response(body, status=problem.status, headers=problem.headers)


def json_response(
    body: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return raw_json(dump(body), status=status, headers=headers)


def raw_json(
    text: str, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """A JSON response from already-serialised text (list pages)."""
    return Response(
        text.encode(),
        status_code=status,
        headers=headers,
        media_type="application/json",
    )
