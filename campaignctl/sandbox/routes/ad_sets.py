"""Ad set routes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox import ad_sets
from campaignctl.sandbox.errors import json_response, raw_json
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import path_id, read_json

BASE = "/ad_accounts/{ad_account_id}/ad_sets"


async def list_ad_sets(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    return raw_json(ad_sets.list_ad_sets(call.sb, account_id, request.query_params))


async def create_ad_set(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    body = await read_json(request)
    created = ad_sets.create_ad_set(call.sb, account_id, body, actor=call.actor)
    return json_response(created, status=201)


async def get_ad_set(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    ad_set_id = path_id(request, "ad_set_id")
    return json_response(ad_sets.get_ad_set(call.sb, account_id, ad_set_id))


async def update_ad_set(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    ad_set_id = path_id(request, "ad_set_id")
    body = await read_json(request)
    updated = ad_sets.update_ad_set(
        call.sb, account_id, ad_set_id, body, actor=call.actor
    )
    return json_response(updated)


ROUTES = [
    api_route("GET", BASE, "getAdSetsByAdAccountId", list_ad_sets),
    api_route("POST", BASE, "createAdSet", create_ad_set),
    api_route("GET", BASE + "/{ad_set_id}", "getAdSetById", get_ad_set),
    api_route("PATCH", BASE + "/{ad_set_id}", "updateAdSet", update_ad_set),
]
