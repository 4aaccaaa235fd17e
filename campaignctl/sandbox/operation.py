"""The pipeline every API operation runs through, as an ASGI endpoint.

In order: count the request for ``/_sandbox/stats``; inject latency;
authenticate the bearer token (401); rate-limit its principal (429); inject
a failure before doing anything (``--fail-rate``); settle due time-based
transitions; run the handler. After a successful write, ``--ambiguous-rate``
may replace the committed result with a 5xx, or start the response and drop
the connection (the client sees a protocol error). Request bodies are
capped (413) and every ``Problem`` becomes an ``ErrorResponse``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from campaignctl.sandbox.auth import Principal, authenticate
from campaignctl.sandbox.config import API_PREFIX
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import Problem, error_response
from campaignctl.sandbox.history import API_ACTOR, Actor, user_actor

MAX_JSON_BYTES = 1024 * 1024
MAX_UPLOAD_BODY = 21 * 1024 * 1024
ACTOR_HEADER = "x-sandbox-actor"
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{1,60}$")


@dataclass(frozen=True)
class Call:
    """What a handler gets besides the request."""

    sb: Sandbox
    principal: Principal
    actor: Actor


Handler = Callable[[Request, Call], Awaitable[Response]]


class Operation:
    """One spec operation (``operationId``) behind the sandbox pipeline."""

    def __init__(
        self,
        operation_id: str,
        handler: Handler,
        *,
        write: bool,
        reporting: bool = False,
        max_body: int = MAX_JSON_BYTES,
    ) -> None:
        self.operation_id = operation_id
        self.handler = handler
        self.write = write
        self.reporting = reporting
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        sb: Sandbox = scope["app"].state.sandbox
        sb.count(self.operation_id)
        if sb.config.latency_ms:
            await anyio.sleep(sb.config.latency_ms / 1000)
        request = Request(scope, receive=_capped(receive, scope, self.max_body))
        try:
            response = await self._run(sb, request)
        except Problem as problem:
            response = error_response(problem)
        if (
            self.write
            and response.status_code < 400
            and _hit(sb, sb.config.ambiguous_rate)
        ):
            if sb.roll() < 0.5:
                sb.count_fault("dropped")
                await drop_connection(response, send)
                return
            sb.count_fault("ambiguous")
            response = error_response(
                Problem(
                    sb.pick((500, 502, 503, 504)),
                    "sandbox: injected failure after the write was committed "
                    "(--ambiguous-rate); re-read before retrying",
                )
            )
        await response(scope, receive, send)

    async def _run(self, sb: Sandbox, request: Request) -> Response:
        principal = authenticate(sb, request.headers.get("authorization"))
        limited = sb.limiter.check(principal.key, reporting=self.reporting)
        if limited is not None:
            sb.count_fault("rate_limited")
            raise Problem(
                429,
                "rate limit exceeded; retry after Retry-After seconds",
                headers=limited,
            )
        if _hit(sb, sb.config.fail_rate):
            sb.count_fault("failed")
            raise Problem(
                sb.pick((500, 502, 503)),
                "sandbox: injected failure before anything was done (--fail-rate)",
            )
        actor = _actor(request) if self.write else API_ACTOR
        sb.refresh()
        return await self.handler(request, Call(sb, principal, actor))


def api_route(
    method: str,
    path: str,
    operation_id: str,
    handler: Handler,
    *,
    reporting: bool = False,
    max_body: int = MAX_JSON_BYTES,
) -> Route:
    """A Starlette route for one operation under ``/ads/v3``."""
    endpoint = Operation(
        operation_id,
        handler,
        write=method != "GET",
        reporting=reporting,
        max_body=max_body,
    )
    return Route(API_PREFIX + path, endpoint, methods=[method], name=operation_id)


async def drop_connection(response: Response, send: Send) -> None:
    """Start the response, send half the body, then stop: a dropped connection."""
    body = bytes(response.body)
    headers = [(k, v) for k, v in response.raw_headers if k != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    await send(
        {
            "type": "http.response.start",
            "status": response.status_code,
            "headers": headers,
        }
    )
    await send(
        {
            "type": "http.response.body",
            "body": body[: len(body) // 2],
            "more_body": True,
        }
    )


def _hit(sb: Sandbox, rate: float) -> bool:
    return rate > 0 and sb.roll() < rate


def _actor(request: Request) -> Actor:
    email = request.headers.get(ACTOR_HEADER)
    if email is None:
        return API_ACTOR
    if not _EMAIL.match(email):
        raise Problem(400, f"X-Sandbox-Actor: {email[:80]!r} is not an email address")
    return user_actor(email)


def _capped(receive: Receive, scope: Scope, limit: int) -> Receive:
    """``receive`` that refuses bodies over ``limit`` bytes with a 413."""
    for name, value in scope.get("headers", []):
        if name == b"content-length" and value.isdigit() and int(value) > limit:
            return _refuse(limit)
    received = 0

    async def capped() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise _too_large(limit)
        return message

    return capped


def _refuse(limit: int) -> Receive:
    async def refuse() -> Message:
        raise _too_large(limit)

    return refuse


def _too_large(limit: int) -> Problem:
    return Problem(413, f"request body larger than {limit} bytes")
