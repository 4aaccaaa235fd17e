"""Campaign routes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox import campaigns
from campaignctl.sandbox.errors import json_response, raw_json
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import path_id, read_json

BASE = "/ad_accounts/{ad_account_id}/campaigns"


async def list_campaigns(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    return raw_json(campaigns.list_campaigns(call.sb, account_id, request.query_params))


async def create_campaign(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    body = await read_json(request)
    return json_response(
        campaigns.create_campaign(call.sb, account_id, body, actor=call.actor)
    )


async def get_campaign(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    campaign_id = path_id(request, "campaign_id")
    found = campaigns.get_campaign(
        call.sb, account_id, campaign_id, request.query_params
    )
    return json_response(found)


async def update_campaign(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    campaign_id = path_id(request, "campaign_id")
    body = await read_json(request)
    updated = campaigns.update_campaign(
        call.sb, account_id, campaign_id, body, actor=call.actor
    )
    return json_response(updated)


ROUTES = [
    api_route("GET", BASE, "getCampaigns", list_campaigns),
    api_route("POST", BASE, "createCampaign", create_campaign),
    api_route("GET", BASE + "/{campaign_id}", "getCampaign", get_campaign),
    api_route("PATCH", BASE + "/{campaign_id}", "updateCampaign", update_campaign),
]
