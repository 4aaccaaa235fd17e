"""``GET /change_history``: the documented filters over a rolling 180 days.

Without ``created_gte`` the window is the last 30 days ([tools]); an older
``created_gte`` is clamped to the 180-day retention floor. ``entity_name``
(2-255 characters, case-insensitive substring of the entity's current name)
requires ``entity_type``. ``entity_name`` in rows is the name at read time.
"""

from __future__ import annotations

import json

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox import history
from campaignctl.sandbox.errors import bad_request, raw_json
from campaignctl.sandbox.listing import Filter, paging
from campaignctl.sandbox.objects import require_account
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import (
    limit_offset,
    path_id,
    query_enum,
    query_str,
    query_strings,
    query_time,
    query_uuids,
)
from campaignctl.sandbox.store import dump

CURRENT_NAME = (
    "coalesce(json_extract(o.body, '$.name'), json_extract(c.body, '$.entity_name'))"
)
JOIN = (
    "FROM changes AS c LEFT JOIN objects AS o ON o.id = c.entity_id AND o.kind = "
    "CASE c.entity_type WHEN 'CAMPAIGN' THEN 'campaign' WHEN 'AD_SET' THEN 'ad_set' "
    "WHEN 'CREATIVE' THEN 'ad' END"
)
SORTS = {
    "TIMESTAMP": "c.ts",
    "ENTITY_TYPE": "c.entity_type",
    "PRINCIPAL_TYPE": "c.principal_type",
}
CATEGORIES = (
    "STATUS",
    "BUDGET",
    "TARGETING",
    "CREATIVE",
    "SCHEDULING",
    "SETTINGS",
    "BILLING",
)


async def change_history(request: Request, call: Call) -> Response:
    account_id = path_id(request, "ad_account_id")
    require_account(call.sb.store, account_id)
    query = request.query_params
    limit, offset = limit_offset(query)
    condition = _filters(query, account_id, now=call.sb.now())
    field = query_enum(query, "sort_field", tuple(SORTS), "TIMESTAMP") or "TIMESTAMP"
    direction = query_enum(query, "sort_direction", ("ASC", "DESC"), "DESC")
    where = " AND ".join(condition.where)
    store = call.sb.store
    total = store.execute(f"SELECT count(*) {JOIN} WHERE {where}", condition.params)[0][
        0
    ]
    rows = store.execute(
        f"SELECT c.body, {CURRENT_NAME} {JOIN} WHERE {where} "
        f"ORDER BY {SORTS[field]} {direction}, c.seq {direction} LIMIT ? OFFSET ?",
        [*condition.params, limit, offset],
    )
    items = [dump({**json.loads(body), "entity_name": name}) for body, name in rows]
    head = dump(paging(limit, offset, total))
    return raw_json(f'{{"paging":{head},"change_history":[{",".join(items)}]}}')


def _filters(query: QueryParams, account_id: str, *, now: float) -> Filter:
    condition = Filter()
    condition.add("c.account_id = ?", account_id)
    floor = now - history.RETENTION_SECONDS
    since = query_time(query, "created_gte")
    condition.add(
        "c.ts >= ?",
        max(
            floor, since if since is not None else now - history.DEFAULT_WINDOW_SECONDS
        ),
    )
    until = query_time(query, "created_lte")
    if until is not None:
        condition.add("c.ts <= ?", until)
    entity_type = query_enum(query, "entity_type", tuple(history.ENTITY_KINDS))
    if entity_type:
        condition.add("c.entity_type = ?", entity_type)
    condition.any_of("c.entity_id", query_uuids(query, "entity_ids"))
    condition.any_of("c.change_id", query_uuids(query, "change_ids"))
    condition.any_of("c.principal_id", query_strings(query, "actor_ids"))
    principal = query_enum(query, "principal_type", ("USER", "SERVICE"))
    if principal:
        condition.add("c.principal_type = ?", principal)
    category = query_enum(query, "change_category", CATEGORIES)
    if category:
        condition.add("instr(' ' || c.categories || ' ', ?) > 0", f" {category} ")
    name = query_str(query, "entity_name")
    if name is not None:
        if not 2 <= len(name) <= 255:
            raise bad_request("entity_name: must be 2 to 255 characters")
        if not entity_type:
            raise bad_request("entity_name: requires entity_type")
        condition.add(f"instr(casefold({CURRENT_NAME}), ?) > 0", name.lower())
    return condition


ROUTES = [
    api_route(
        "GET",
        "/ad_accounts/{ad_account_id}/change_history",
        "getChangeHistory",
        change_history,
    ),
]
