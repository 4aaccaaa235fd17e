"""Draft routes: three draft kinds, drafts from live objects, publish."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from campaignctl.sandbox import drafts, publish
from campaignctl.sandbox.errors import json_response, raw_json
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import path_id, read_json

Handler = Callable[[Request, Call], Awaitable[Response]]
ACCOUNT = "/ad_accounts/{ad_account_id}"
# kind → (collection path segment, path parameter, operationId stem, live path, live id)
KINDS = {
    "draft_campaign": (
        "campaigns",
        "draft_campaign_id",
        "Campaign",
        "campaigns",
        "campaign_id",
    ),
    "draft_ad_set": ("ad_sets", "draft_ad_set_id", "AdSet", "ad_sets", "ad_set_id"),
    "draft_ad": ("ads", "draft_ad_id", "Ad", "ads", "ad_id"),
}
LIST_IDS = {
    "draft_campaign": "getCampaignDraftsV3",
    "draft_ad_set": "getAdSetDrafts",
    "draft_ad": "getAdDrafts",
}


def _handlers(kind: str) -> dict[str, Handler]:
    param = KINDS[kind][1]
    live_param = KINDS[kind][4]

    async def create(request: Request, call: Call) -> Response:
        account_id = path_id(request, "ad_account_id")
        body = await read_json(request)
        return json_response(drafts.create_draft(call.sb, kind, account_id, body))

    async def listing(request: Request, call: Call) -> Response:
        account_id = path_id(request, "ad_account_id")
        return raw_json(
            drafts.list_drafts(call.sb, kind, account_id, request.query_params)
        )

    async def get(request: Request, call: Call) -> Response:
        account_id, draft_id = (
            path_id(request, "ad_account_id"),
            path_id(request, param),
        )
        return json_response(drafts.get_draft(call.sb, kind, account_id, draft_id))

    async def update(request: Request, call: Call) -> Response:
        account_id, draft_id = (
            path_id(request, "ad_account_id"),
            path_id(request, param),
        )
        body = await read_json(request)
        return json_response(
            drafts.update_draft(call.sb, kind, account_id, draft_id, body)
        )

    async def delete(request: Request, call: Call) -> Response:
        account_id, draft_id = (
            path_id(request, "ad_account_id"),
            path_id(request, param),
        )
        drafts.delete_draft(call.sb, kind, account_id, draft_id)
        return Response(status_code=204)

    async def from_live(request: Request, call: Call) -> Response:
        account_id, live_id = (
            path_id(request, "ad_account_id"),
            path_id(request, live_param),
        )
        await read_json(request, optional=True)
        return json_response(drafts.draft_from_live(call.sb, kind, account_id, live_id))

    return {
        "create": create,
        "list": listing,
        "get": get,
        "update": update,
        "delete": delete,
        "from_live": from_live,
    }


async def publish_campaign_draft(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    draft_id = path_id(request, "draft_campaign_id")
    body = await read_json(request)
    result = publish.publish_draft(
        call.sb, account_id, draft_id, body, actor=call.actor
    )
    return json_response(result)


def _routes(kind: str) -> list[Route]:
    segment, param, stem, live_segment, live_param = KINDS[kind]
    handlers = _handlers(kind)
    base = f"{ACCOUNT}/drafts/{segment}"
    one = f"{base}/{{{param}}}"
    return [
        api_route("POST", base, f"create{stem}Draft", handlers["create"]),
        api_route("GET", base, LIST_IDS[kind], handlers["list"]),
        api_route("GET", one, f"get{stem}Draft", handlers["get"]),
        api_route("PATCH", one, f"update{stem}Draft", handlers["update"]),
        api_route("DELETE", one, f"delete{stem}Draft", handlers["delete"]),
        api_route(
            "POST",
            f"{ACCOUNT}/{live_segment}/{{{live_param}}}/drafts",
            f"createDraftFrom{stem}",
            handlers["from_live"],
        ),
    ]


ROUTES = [
    *_routes("draft_campaign"),
    *_routes("draft_ad_set"),
    *_routes("draft_ad"),
    api_route(
        "POST",
        f"{ACCOUNT}/drafts/campaigns/{{draft_campaign_id}}",
        "publishCampaignDraft",
        publish_campaign_draft,
    ),
]
