"""Liveness, OAuth and the sandbox-only test endpoints (no bearer token)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from campaignctl.sandbox.auth import authorize_endpoint, token_endpoint
from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.config import API_PREFIX
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import (
    Problem,
    bad_request,
    error_response,
    json_response,
)
from campaignctl.sandbox.parsing import read_json
from campaignctl.sandbox.rules.asset import FILES_PATH
from campaignctl.sandbox.uploads import stored_file

UNITS = {"days": 86400, "hours": 3600, "seconds": 1}
MAX_ADVANCE_SECONDS = 10 * 366 * 86400


async def root(request: Request) -> Response:
    return json_response(
        {"service": "campaignctl sandbox", "status": "ok", "api": API_PREFIX}
    )


async def stats(request: Request) -> Response:
    sb: Sandbox = request.app.state.sandbox
    return json_response(sb.stats_body())


async def advance(request: Request) -> Response:
    """``POST /_sandbox/advance {"days": N, "hours": N, "seconds": N}``."""
    sb: Sandbox = request.app.state.sandbox
    try:
        seconds = _seconds(await read_json(request))
    except Problem as problem:
        return error_response(problem)
    before, after = sb.advance(seconds)
    return json_response(
        {
            "previous": format_time(before),
            "now": format_time(after),
            "advanced_seconds": seconds,
        }
    )


async def asset_file(request: Request) -> Response:
    """``GET /_sandbox/files/{asset_id}``: an uploaded asset's content (its url)."""
    sb: Sandbox = request.app.state.sandbox
    asset_id = str(request.path_params["asset_id"]).lower()
    found = stored_file(sb, asset_id)
    if found is None:
        return error_response(Problem(404, f"no uploaded file for asset {asset_id}"))
    data, media = found
    return Response(data, media_type=media or "application/octet-stream")


def _seconds(body: dict[str, object]) -> float:
    unknown = sorted(set(body) - set(UNITS))
    if unknown:
        raise bad_request(f"{', '.join(unknown)}: unknown; use days, hours or seconds")
    if not body:
        raise bad_request("body: give days, hours and/or seconds")
    total = 0.0
    for unit, value in body.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise bad_request(f"{unit}: must be a number >= 0")
        total += value * UNITS[unit]
    if total > MAX_ADVANCE_SECONDS:
        raise bad_request("advance by at most ten years at a time")
    return total


ROUTES = [
    Route("/", root, methods=["GET"], name="root"),
    Route("/api/token", token_endpoint, methods=["POST"], name="token"),
    Route("/authorize", authorize_endpoint, methods=["GET"], name="authorize"),
    Route("/authorize/", authorize_endpoint, methods=["GET"], name="authorize_slash"),
    Route("/_sandbox/stats", stats, methods=["GET"], name="sandbox_stats"),
    Route("/_sandbox/advance", advance, methods=["POST"], name="sandbox_advance"),
    Route(FILES_PATH + "/{asset_id}", asset_file, methods=["GET"], name="sandbox_file"),
]
