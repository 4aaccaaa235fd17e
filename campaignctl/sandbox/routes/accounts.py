"""Ad accounts and businesses (read-only)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox import accounts
from campaignctl.sandbox.errors import Problem, json_response
from campaignctl.sandbox.objects import require_account
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import path_id, query_enum

BUSINESS_TYPES = (
    "AD_AGENCY",
    "BRAND_ADVERTISER",
    "MUSIC_LABEL",
    "CONCERT_PROMOTER",
    "ARTIST",
    "MANAGER",
    "PUBLISHER",
    "PUBLISHER_PROMOS",
)


async def get_ad_account(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    return json_response(require_account(call.sb.store, account_id).body)


async def get_businesses(request: Request, call: Call) -> Response:
    return json_response({"businesses": accounts.businesses(call.sb)})


async def get_business(request: Request, call: Call) -> Response:
    business_id = path_id(request, "business_id")
    for business in accounts.businesses(call.sb):
        if business["id"] == business_id:
            return json_response(business)
    raise Problem(404, f"business {business_id} not found")


async def get_business_accounts(request: Request, call: Call) -> Response:
    business_id = path_id(request, "business_id")
    query_enum(request.query_params, "type", BUSINESS_TYPES)
    if not any(b["id"] == business_id for b in accounts.businesses(call.sb)):
        raise Problem(404, f"business {business_id} not found")
    return json_response({"ad_accounts": accounts.accounts_of(call.sb, business_id)})


ROUTES = [
    api_route("GET", "/ad_accounts/{ad_account_id}", "getAdAccount", get_ad_account),
    api_route("GET", "/businesses", "getBusinesses", get_businesses),
    api_route("GET", "/businesses/{business_id}", "getBusiness", get_business),
    api_route(
        "GET",
        "/businesses/{business_id}/ad_accounts",
        "getAdAccountsInBusiness",
        get_business_accounts,
    ),
]
