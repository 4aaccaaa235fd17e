"""Turn failed HTTP exchanges into the errors of ``campaignctl.errors``.

Three error bodies are understood: the spec's ``ErrorResponse`` (``sp_trace_id``,
``messages``, ``error_codes``), the gateway/legacy ``{"error": {"message",
"code"}}`` and OAuth's ``{"error": "...", "error_description": "..."}``. Anything
else falls back to a short excerpt of the body or the status phrase. Server
text passes through ``redact``: a server echoing a credential cannot leak it.
"""

from __future__ import annotations

from typing import Any

import httpx

from campaignctl.errors import (
    ApiError,
    ApiErrorDetail,
    AuthError,
    ErrorCode,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from campaignctl.output import redact
from campaignctl.provider.base import JSON
from campaignctl.provider.call import Call

_EXCERPT = 200
_AMBIGUOUS_HINT = (
    "the server may have applied this write; campaignctl looks the object up "
    "by name before trying again, and `campaignctl plan` shows the current state"
)
_HINTS = {
    401: "the API rejected the access token; check the SPOTIFY_ADS_* credentials",
    403: "these credentials lack a role on this ad account that allows this "
    "(writes need admin or contributor)",
    404: "it does not exist in this ad account: a wrong id, or another account's",
    429: "rate limited by the API; lower --parallelism or try again shortly",
}
_SERVER_HINT = "a Spotify server error; quote the sp_trace_id when reporting it"
_RENEWED_401_HINT = (
    "a freshly issued token was rejected too; check that the app has Ads API "
    "access and that the user accepted the API terms in Ads Manager"
)
_TOKEN_HINT = (
    "the token endpoint refused the credentials; check SPOTIFY_ADS_CLIENT_ID, "
    "SPOTIFY_ADS_CLIENT_SECRET and SPOTIFY_ADS_REFRESH_TOKEN"
)


def api_failure(call: Call, response: httpx.Response, *, renewed: bool) -> ApiError:
    """The error for a final, unsuccessful answer to ``call``."""
    status = response.status_code
    if not call.bearer and status in (400, 401):  # OAuth: invalid_grant & co
        detail = parse_error(call.method, call.path, response)
        return AuthError(detail, hint=_TOKEN_HINT)
    hint = _RENEWED_401_HINT if status == 401 and renewed else None
    ambiguous = status >= 500 and not call.idempotent
    return error_from_response(
        call.method, call.path, response, ambiguous=ambiguous, hint=hint
    )


def json_object(call: Call, response: httpx.Response) -> JSON:
    """A success body as a JSON object (empty for no content)."""
    if not response.content:
        return {}
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    kind = response.headers.get("content-type", "no content type")
    detail = ApiErrorDetail(
        status=response.status_code,
        method=call.method,
        path=call.path,
        messages=(f"expected a JSON object, got {kind}",),
    )
    # a write that answered 2xx did happen, even if we cannot read it
    raise ServerError(detail, ambiguous=not call.idempotent)


def error_from_response(
    method: str,
    path: str,
    response: httpx.Response,
    *,
    ambiguous: bool = False,
    hint: str | None = None,
) -> ApiError:
    """The most specific ``ApiError`` for an error response."""
    detail = parse_error(method, path, response)
    status = response.status_code
    if status >= 500:
        default = _AMBIGUOUS_HINT if ambiguous else _SERVER_HINT
        return ServerError(detail, hint=hint or default, ambiguous=ambiguous)
    error_class = {401: AuthError, 404: NotFoundError, 429: RateLimitedError}.get(
        status, ApiError
    )
    return error_class(detail, hint=hint or _HINTS.get(status))


def parse_error(method: str, path: str, response: httpx.Response) -> ApiErrorDetail:
    """The readable parts of an error body, whatever its shape."""
    body = _json_or_none(response)
    if isinstance(body, dict):
        detail = _from_error_response(body) or _from_legacy(body) or _from_oauth(body)
        if detail is not None:
            messages, codes, trace, extra = detail
            return ApiErrorDetail(
                status=response.status_code,
                method=method,
                path=path,
                messages=tuple(redact(m) for m in messages)
                or (_status_text(response),),
                error_codes=codes,
                sp_trace_id=trace,
                extra=extra,
            )
    return ApiErrorDetail(
        status=response.status_code,
        method=method,
        path=path,
        messages=(redact(_fallback_text(response)),),
    )


_Parsed = tuple[tuple[str, ...], tuple[ErrorCode, ...], str | None, dict[str, object]]


def _from_error_response(body: dict[str, Any]) -> _Parsed | None:
    if not {"messages", "error_codes", "sp_trace_id"} & body.keys():
        return None
    messages = tuple(str(m) for m in _as_list(body.get("messages")))
    codes = tuple(_error_code(c) for c in _as_list(body.get("error_codes")))
    trace = body.get("sp_trace_id")
    known = {"messages", "error_codes", "sp_trace_id"}
    extra = {k: v for k, v in body.items() if k not in known}
    return messages, codes, str(trace) if trace else None, extra


def _from_legacy(body: dict[str, Any]) -> _Parsed | None:
    error = body.get("error")
    if not isinstance(error, dict):
        return None
    message = error.get("message")
    code = error.get("code")
    messages = (str(message),) if message else ()
    codes = (ErrorCode(code=str(code)),) if code is not None else ()
    trace = body.get("sp_trace_id") or error.get("sp_trace_id")
    return messages, codes, str(trace) if trace else None, {}


def _from_oauth(body: dict[str, Any]) -> _Parsed | None:
    error = body.get("error")
    if not isinstance(error, str):
        return None
    description = body.get("error_description")
    text = f"{error}: {description}" if description else error
    return (text,), (), None, {}


def _error_code(raw: object) -> ErrorCode:
    if isinstance(raw, dict):
        return ErrorCode(
            code=str(raw.get("code", "")), definition=str(raw.get("definition") or "")
        )
    return ErrorCode(code=str(raw))


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _json_or_none(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError:
        return None


def _fallback_text(response: httpx.Response) -> str:
    text = " ".join(response.text.split())[:_EXCERPT] if response.content else ""
    return text or _status_text(response)


def _status_text(response: httpx.Response) -> str:
    return response.reason_phrase or f"HTTP {response.status_code}"


def transport_error(
    method: str, path: str, error: httpx.TransportError, *, ambiguous: bool
) -> TransportError:
    """A network failure, worded for users."""
    reason = redact(str(error))
    what = f"{type(error).__name__}: {reason}" if reason else type(error).__name__
    if ambiguous:
        message = f"{method} {path}: the connection failed after sending ({what})"
        return TransportError(message, hint=_AMBIGUOUS_HINT, ambiguous=True)
    message = f"{method} {path}: could not reach the API ({what})"
    hint = "check the network and CAMPAIGNCTL_API_URL / CAMPAIGNCTL_TOKEN_URL"
    return TransportError(message, hint=hint)
