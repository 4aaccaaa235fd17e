"""Async CSV reports: create (201 ``{id}``), poll, download.

Lifecycle on the sandbox clock: PROCESSING for ``--processing-ms`` after the
request, then READY with a ``report_url`` — or FAILED, for names starting
with "Test fail" (any case; ``_`` or ``-`` also work as the separator), the
test convention like ad review's "[Test reject]" (brackets are not allowed
in report names). A READY report turns EXPIRED ``REPORT_TTL_SECONDS`` later
and its URL stops working. Unknown ids (or another account's) give 404.

``report_url`` points at ``/_sandbox/reports/{account}/{report}.csv`` on the
host the client called, which serves the file without a bearer token, as a
signed storage URL would.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import Problem, error_response, json_response
from campaignctl.sandbox.objects import require_account
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import is_uuid, path_id, read_json
from campaignctl.sandbox.reports.csv_export import render_csv
from campaignctl.sandbox.reports.requests import parse_request
from campaignctl.sandbox.store import JSON, Record

BASE = "/ad_accounts/{ad_account_id}/async_reports"
DOWNLOAD = "/_sandbox/reports/{ad_account_id}/{report_id}.csv"
REPORT_TTL_SECONDS = 86400
FAILING = re.compile(r"^test[ _-]fail", re.IGNORECASE)
KIND = "async_report"


async def create_report(request: Request, call: Call) -> Response:
    sb = call.sb
    account_id = path_id(request, "ad_account_id")
    require_account(sb.store, account_id)
    body = await read_json(request)
    parsed = parse_request(sb.store, account_id, body)
    now = sb.now()
    report_id = sb.new_id()
    state = {
        "request": parsed,
        "submitted": now,
        "ready_at": now + sb.config.processing_ms / 1000,
        "failed": bool(FAILING.match(parsed["name"])),
    }
    record = Record(
        KIND, report_id, account_id, {"id": report_id, "name": parsed["name"]}, now, now
    )
    record.state = state
    with sb.store.transaction() as store:
        store.insert(record)
    return json_response({"id": report_id}, status=201)


async def get_report(request: Request, call: Call) -> Response:
    sb = call.sb
    account_id = path_id(request, "ad_account_id")
    report_id = path_id(request, "report_id")
    require_account(sb.store, account_id)
    record = _report(sb, account_id, report_id)
    if record is None:
        return Response(status_code=404)  # the spec documents no body
    body = report_status(record, sb.now())
    if body["status"] == "READY":
        root = str(request.base_url).rstrip("/")
        body["report_url"] = root + DOWNLOAD.format(
            ad_account_id=account_id, report_id=report_id
        )
    return json_response(body)


def report_status(record: Record, now: float) -> JSON:
    """``AsyncReportResponse`` without ``report_url`` (pure)."""
    state = record.state
    body: JSON = {
        "status": "PROCESSING",
        "submitted_at": format_time(state["submitted"]),
    }
    ready_at = float(state["ready_at"])
    if now < ready_at:
        return body
    body["completed_at"] = format_time(ready_at)
    if state["failed"]:
        body["status"] = "FAILED"
    elif now >= ready_at + REPORT_TTL_SECONDS:
        body["status"] = "EXPIRED"
    else:
        body["status"] = "READY"
    return body


async def download(request: Request) -> Response:
    """The CSV file (sandbox-only route, no bearer token, like a signed URL)."""
    sb: Sandbox = request.app.state.sandbox
    account_id = str(request.path_params["ad_account_id"]).lower()
    report_id = str(request.path_params["report_id"]).lower()
    found = None
    if is_uuid(account_id) and is_uuid(report_id):
        found = _report(sb, account_id, report_id)
    if found is None:
        return error_response(Problem(404, f"no report file {request.url.path}"))
    status = report_status(found, sb.now())["status"]
    if status != "READY":
        code = 410 if status == "EXPIRED" else 404
        return error_response(Problem(code, f"report {report_id} is {status}"))
    text = render_csv(
        sb, account_id, found.state["request"], as_of=float(found.state["ready_at"])
    )
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", found.body["name"])
    headers = {"Content-Disposition": f'attachment; filename="{slug}.csv"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


def _report(sb: Sandbox, account_id: str, report_id: str) -> Record | None:
    record = sb.store.get(KIND, report_id)
    return record if record is not None and record.account_id == account_id else None


ROUTES = [
    api_route("POST", BASE, "createAsyncReport", create_report, reporting=True),
    api_route(
        "GET", BASE + "/{report_id}", "getAsyncReport", get_report, reporting=True
    ),
    Route(DOWNLOAD, download, methods=["GET"], name="sandbox_report_file"),
]
