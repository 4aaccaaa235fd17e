"""OAuth 2.0 as Spotify's accounts service does it, and bearer checks.

``POST /api/token`` takes HTTP Basic client auth (or ``client_id`` /
``client_secret`` form fields) and the ``refresh_token`` or
``authorization_code`` grant; ``GET /authorize`` approves at once and
redirects with a code valid for 10 minutes. Access tokens live
``token_ttl`` seconds of sandbox time. Errors use the OAuth shape
``{"error", "error_description"}``: 400 for a bad request or grant, 401 for
bad client credentials.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from starlette.requests import Request
from starlette.responses import (
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

from campaignctl.sandbox.config import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SANDBOX_USER,
)
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import Problem
from campaignctl.sandbox.parsing import media_type
from campaignctl.sandbox.store import dump

CODE_TTL = 600
MAX_FORM_BYTES = 64 * 1024


@dataclass(frozen=True)
class Principal:
    """Who a bearer token speaks for; rate limits are kept per principal."""

    client_id: str
    user_id: str

    @property
    def key(self) -> str:
        return f"{self.client_id}:{self.user_id}"


class OAuthError(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


def authenticate(sb: Sandbox, authorization: str | None) -> Principal:
    """The principal of a valid bearer token; 401 otherwise."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("missing bearer token; send Authorization: Bearer <token>")
    rows = sb.store.execute(
        "SELECT client_id, user_id, expires FROM tokens "
        "WHERE token = ? AND kind = 'access'",
        (token.strip(),),
    )
    if not rows:
        raise _unauthorized("invalid access token")
    client_id, user_id, expires = rows[0]
    if expires is not None and sb.now() >= expires:
        raise _unauthorized("the access token expired; refresh it")
    return Principal(client_id, user_id)


async def token_endpoint(request: Request) -> Response:
    sb: Sandbox = request.app.state.sandbox
    try:
        form = await _form(request)
        client_id = _client(request, form)
        body = _grant(sb, client_id, form)
    except OAuthError as error:
        headers = (
            {"WWW-Authenticate": 'Basic realm="sandbox"'} if error.status == 401 else {}
        )
        return JSONResponse(
            {"error": error.error, "error_description": error.description},
            status_code=error.status,
            headers=headers,
        )
    return Response(
        dump(body),
        media_type="application/json",
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


async def authorize_endpoint(request: Request) -> Response:
    sb: Sandbox = request.app.state.sandbox
    query = request.query_params
    if query.get("client_id") != CLIENT_ID:
        return PlainTextResponse("INVALID_CLIENT: Invalid client", status_code=400)
    redirect_uri = query.get("redirect_uri")
    if not redirect_uri or not redirect_uri.startswith(("http://", "https://")):
        return PlainTextResponse(
            "INVALID_CLIENT: Invalid redirect URI", status_code=400
        )
    params = {"state": query["state"]} if "state" in query else {}
    if query.get("response_type") != "code":
        params["error"] = "unsupported_response_type"
    else:
        code = "code_" + secrets.token_urlsafe(24)
        _store_token(sb, code, "code", expires=sb.now() + CODE_TTL, extra=redirect_uri)
        params["code"] = code
    separator = "&" if "?" in redirect_uri else "?"
    return RedirectResponse(
        f"{redirect_uri}{separator}{urlencode(params)}", status_code=302
    )


def issue_access_token(sb: Sandbox, *, client_id: str = CLIENT_ID) -> str:
    """A fresh access token (used by the grants and by test fixtures)."""
    token = "sbx_" + secrets.token_urlsafe(32)
    _store_token(
        sb, token, "access", expires=sb.now() + sb.config.token_ttl, client=client_id
    )
    return token


async def _form(request: Request) -> dict[str, str]:
    if media_type(request) != "application/x-www-form-urlencoded":
        raise OAuthError(
            400, "invalid_request", "use application/x-www-form-urlencoded"
        )
    raw = await request.body()
    if len(raw) > MAX_FORM_BYTES:
        raise OAuthError(400, "invalid_request", "request too large")
    try:
        parsed = parse_qs(raw.decode("utf-8"), strict_parsing=bool(raw))
    except (UnicodeDecodeError, ValueError) as error:
        raise OAuthError(400, "invalid_request", "malformed form body") from error
    return {key: values[0] for key, values in parsed.items()}


def _client(request: Request, form: dict[str, str]) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as error:
            raise OAuthError(
                401, "invalid_client", "malformed Basic credentials"
            ) from error
        client_id, _, secret = decoded.partition(":")
    else:
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
    if not client_id:
        raise OAuthError(
            401, "invalid_client", "client authentication required (HTTP Basic)"
        )
    if client_id != CLIENT_ID or not secrets.compare_digest(secret, CLIENT_SECRET):
        raise OAuthError(401, "invalid_client", "Invalid client")
    return client_id


def _grant(sb: Sandbox, client_id: str, form: dict[str, str]) -> dict[str, object]:
    grant = form.get("grant_type")
    if not grant:
        raise OAuthError(400, "invalid_request", "grant_type is required")
    if grant == "refresh_token":
        _check_refresh(sb, form.get("refresh_token", ""))
        return _token_body(sb, client_id)
    if grant == "authorization_code":
        _redeem_code(sb, form.get("code", ""), form.get("redirect_uri", ""))
        refresh = "sbxr_" + secrets.token_urlsafe(32)
        _store_token(sb, refresh, "refresh", expires=None, client=client_id)
        return {**_token_body(sb, client_id), "refresh_token": refresh}
    raise OAuthError(
        400, "unsupported_grant_type", f"grant_type {grant!r} is not supported"
    )


def _token_body(sb: Sandbox, client_id: str) -> dict[str, object]:
    return {
        "access_token": issue_access_token(sb, client_id=client_id),
        "token_type": "Bearer",
        "expires_in": sb.config.token_ttl,
        "scope": "",
    }


def _check_refresh(sb: Sandbox, token: str) -> None:
    if token and secrets.compare_digest(token, REFRESH_TOKEN):
        return
    rows = sb.store.execute(
        "SELECT 1 FROM tokens WHERE token = ? AND kind = 'refresh'", (token,)
    )
    if not rows:
        raise OAuthError(400, "invalid_grant", "Invalid refresh token")


def _redeem_code(sb: Sandbox, code: str, redirect_uri: str) -> None:
    with sb.store.transaction() as store:
        rows = store.execute(
            "SELECT expires, extra FROM tokens WHERE token = ? AND kind = 'code'",
            (code,),
        )
        store.execute("DELETE FROM tokens WHERE token = ? AND kind = 'code'", (code,))
    if not rows or sb.now() >= rows[0][0]:
        raise OAuthError(400, "invalid_grant", "Invalid authorization code")
    if rows[0][1] != redirect_uri:
        raise OAuthError(400, "invalid_grant", "Invalid redirect URI")


def _store_token(
    sb: Sandbox,
    token: str,
    kind: str,
    *,
    expires: float | None,
    client: str = CLIENT_ID,
    extra: str = "",
) -> None:
    sb.store.execute(
        "INSERT INTO tokens (token, kind, client_id, user_id, expires, extra) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (token, kind, client, SANDBOX_USER, expires, extra),
    )


def _unauthorized(message: str) -> Problem:
    return Problem(401, message, headers={"WWW-Authenticate": 'Bearer realm="sandbox"'})
