"""Ad routes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox import ads
from campaignctl.sandbox.errors import json_response, raw_json
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import path_id, read_json

BASE = "/ad_accounts/{ad_account_id}/ads"


async def list_ads(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    return raw_json(ads.list_ads(call.sb, account_id, request.query_params))


async def create_ad(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    body = await read_json(request)
    created = ads.create_ad(call.sb, account_id, body, actor=call.actor)
    return json_response(created, status=201)


async def get_ad(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    ad_id = path_id(request, "ad_id")
    return json_response(ads.get_ad(call.sb, account_id, ad_id, request.query_params))


async def update_ad(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    ad_id = path_id(request, "ad_id")
    body = await read_json(request)
    return json_response(
        ads.update_ad(call.sb, account_id, ad_id, body, actor=call.actor)
    )


ROUTES = [
    api_route("GET", BASE, "getAds", list_ads),
    api_route("POST", BASE, "createAd", create_ad),
    api_route("GET", BASE + "/{ad_id}", "getAd", get_ad),
    api_route("PATCH", BASE + "/{ad_id}", "updateAd", update_ad),
]
