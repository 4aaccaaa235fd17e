"""The ASGI application: ``create_app(config) -> Starlette``.

One app, both ways: uvicorn serves it over HTTP (``campaignctl sandbox
serve``) and ``SyncASGITransport`` runs it in-process. Routes come from
per-resource modules listed in ``ROUTE_MODULES``; a new resource (reports,
estimates) is added by writing ``sandbox/<name>.py`` with ``ROUTES`` and
listing it here. ``ADVANCE_HOOKS`` run after ``/_sandbox/advance`` moved
the clock (the delivery simulation plugs in there).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from types import ModuleType

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from campaignctl.sandbox import estimates, reports
from campaignctl.sandbox.accounts import seed_accounts
from campaignctl.sandbox.config import SandboxConfig
from campaignctl.sandbox.context import AdvanceHook, Sandbox
from campaignctl.sandbox.delivery import simulate_delivery
from campaignctl.sandbox.errors import Problem, error_response
from campaignctl.sandbox.routes import (
    accounts,
    ad_sets,
    ads,
    assets,
    campaigns,
    drafts,
    history,
    sandbox,
    targets,
)

ROUTE_MODULES: tuple[ModuleType, ...] = (
    sandbox,
    accounts,
    campaigns,
    ad_sets,
    ads,
    assets,
    targets,
    history,
    drafts,
    estimates,
    reports,
)
ADVANCE_HOOKS: tuple[AdvanceHook, ...] = (simulate_delivery,)

logger = logging.getLogger("campaignctl.sandbox")


def create_app(
    config: SandboxConfig | None = None,
    *,
    advance_hooks: Sequence[AdvanceHook] = (),
) -> Starlette:
    """A sandbox app; its state is ``app.state.sandbox`` (a ``Sandbox``)."""
    sb = Sandbox(
        config or SandboxConfig(), advance_hooks=(*ADVANCE_HOOKS, *advance_hooks)
    )
    seed_accounts(sb)
    app = Starlette(
        routes=[route for module in ROUTE_MODULES for route in module.ROUTES],
        middleware=[Middleware(LastResort)],
        exception_handlers={HTTPException: _http_error, Problem: _problem},
    )
    app.router.redirect_slashes = False
    app.state.sandbox = sb
    return app


class LastResort:
    """Any bug becomes a 500 ``ErrorResponse`` instead of a crash or traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            logger.exception(
                "sandbox bug while serving %s %s", scope["method"], scope["path"]
            )
            if not started:
                problem = Problem(
                    500, "sandbox: internal error (this is a bug in the sandbox)"
                )
                await error_response(problem)(scope, receive, send)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    messages = {
        404: f"no route for {request.url.path}",
        405: f"{request.method} is not supported on {request.url.path}",
    }
    text = messages.get(error.status_code, str(error.detail))
    return error_response(Problem(error.status_code, text, headers=error.headers))


async def _problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, Problem)
    return error_response(error)
