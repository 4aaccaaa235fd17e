"""Asset routes, including single and chunked uploads (multipart/form-data)."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox import assets, uploads
from campaignctl.sandbox.errors import Problem, bad_request, json_response, raw_json
from campaignctl.sandbox.operation import MAX_UPLOAD_BODY, Call, api_route
from campaignctl.sandbox.parsing import is_uuid, media_type, path_id, read_json

BASE = "/ad_accounts/{ad_account_id}/assets"
ASSET = BASE + "/{asset_id}"


async def list_assets(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    return raw_json(assets.list_assets(call.sb, account_id, request.query_params))


async def create_asset(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    body = await read_json(request)
    return json_response(assets.create_asset(call.sb, account_id, body))


async def get_asset(request: Request, call: Call) -> Response:
    account_id, asset_id = _ids(request)
    return json_response(assets.get_asset(call.sb, account_id, asset_id))


async def update_asset(request: Request, call: Call) -> Response:
    account_id, asset_id = _ids(request)
    body = await read_json(request)
    return json_response(assets.update_asset(call.sb, account_id, asset_id, body))


async def upload_asset(request: Request, call: Call) -> Response:
    account_id, asset_id = _ids(request)
    fields, data, mime = await _media_form(request)
    uploaded = uploads.upload_asset(
        call.sb,
        account_id,
        asset_id,
        data=data,
        mime=mime,
        asset_type=_required(fields, "asset_type"),
        origin=origin_of(request),
    )
    return json_response(uploaded)


async def start_chunked(request: Request, call: Call) -> Response:
    account_id, asset_id = _ids(request)
    return json_response(uploads.start_chunked(call.sb, account_id, asset_id))


async def transfer_chunk(request: Request, call: Call) -> Response:
    account_id, asset_id = _ids(request)
    fields, data, mime = await _media_form(request)
    session_id = _required(fields, "upload_session_id")
    if not is_uuid(session_id):
        raise bad_request("upload_session_id: is not a valid UUID")
    section = _required(fields, "upload_section")
    if not section.isdigit() or not 1 <= int(section) <= 1000:
        raise bad_request("upload_section: must be an integer from 1 to 1000")
    result = uploads.transfer_chunk(
        call.sb,
        account_id,
        asset_id,
        session_id=session_id.lower(),
        section=int(section),
        data=data,
        mime=mime,
        asset_type=_required(fields, "asset_type"),
    )
    return json_response(result)


async def complete_chunked(request: Request, call: Call) -> Response:
    account_id, asset_id = _ids(request)
    body = await read_json(request)
    completed = uploads.complete_chunked(
        call.sb, account_id, asset_id, body, origin=origin_of(request)
    )
    return json_response(completed)


def origin_of(request: Request) -> str:
    """``scheme://host[:port]`` the request came to (asset urls point there)."""
    return f"{request.url.scheme}://{request.url.netloc}"


def _ids(request: Request) -> tuple[str, str]:
    return path_id(request, "ad_account_id"), path_id(request, "asset_id")


async def _media_form(request: Request) -> tuple[dict[str, str], bytes, str]:
    """Text parts, the ``media`` file's bytes and its declared content type."""
    if media_type(request) != "multipart/form-data":
        raise Problem(415, "Content-Type must be multipart/form-data")
    async with request.form(
        max_files=1, max_fields=10, max_part_size=64 * 1024
    ) as form:
        files = form.getlist("media")
        if len(files) != 1 or not isinstance(files[0], UploadFile):
            raise bad_request("media: exactly one file part named media is required")
        media = files[0]
        data = await media.read()
        mime = (media.content_type or "").split(";")[0].strip().lower()
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    return fields, data, mime


def _required(fields: dict[str, str], name: str) -> str:
    if name not in fields:
        raise bad_request(f"{name}: is required")
    return fields[name]


ROUTES = [
    api_route("GET", BASE, "getAssetsByAdAccount", list_assets),
    api_route("POST", BASE, "createAsset", create_asset),
    api_route("GET", ASSET, "getAsset", get_asset),
    api_route("PATCH", ASSET, "updateAsset", update_asset),
    api_route(
        "POST", ASSET + "/upload", "uploadAsset", upload_asset, max_body=MAX_UPLOAD_BODY
    ),
    api_route(
        "POST",
        ASSET + "/chunked_upload/start",
        "startUploadChunkedAsset",
        start_chunked,
    ),
    api_route(
        "POST",
        ASSET + "/chunked_upload/transfer",
        "transferChunkedAsset",
        transfer_chunk,
        max_body=MAX_UPLOAD_BODY,
    ),
    api_route(
        "POST",
        ASSET + "/chunked_upload/complete",
        "completeUploadChunkedAsset",
        complete_chunked,
    ),
]
