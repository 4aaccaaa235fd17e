"""``GET /aggregate_reports/totals``: figures collapsed across 1-50 entities.

Reach and frequency are deduplicated across the entities (an ad set's
audience is counted once however many of its ads or days are included), so
the total REACH is at most the sum of the entities' reaches. Only CAMPAIGN,
AD_SET and AD; LIFETIME (optionally over a range of at most 90 days) or DAY;
only IMPRESSIONS, CLICKS, CTR, REACH and FREQUENCY.
"""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox.errors import Problem, json_response
from campaignctl.sandbox.metrics import Cell
from campaignctl.sandbox.objects import require_account
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import path_id
from campaignctl.sandbox.reports import entities
from campaignctl.sandbox.reports.engine import only_entities, tally
from campaignctl.sandbox.reports.fields import (
    AGGREGATE,
    TOTALS_FIELDS,
    Tally,
    field_values,
)
from campaignctl.sandbox.reports.params import (
    ENTITY_TYPES,
    MAX_IDS,
    enum_param,
    field_params,
    uuid_list,
    window_param,
)
from campaignctl.sandbox.reports.windows import Window
from campaignctl.sandbox.store import JSON, Store

PATH = "/ad_accounts/{ad_account_id}/aggregate_reports/totals"


async def aggregated_totals(request: Request, call: Call) -> Response:
    sb = call.sb
    account_id = path_id(request, "ad_account_id")
    require_account(sb.store, account_id)
    now = sb.now()
    level, ids, fields, window = _parse(request.query_params, now=now)
    _require_entities(sb.store, account_id, level, ids)
    wanted = set(ids)

    def key(cell: Cell) -> str | None:
        found = entities.key_of(level, cell, account_id)
        return "total" if found in wanted else None

    tallies = tally(
        sb, account_id, window, key, as_of=now, only=only_entities(level, ids)
    )
    rows = []
    for bucket in window.buckets():
        quantities = tallies.get(("total", bucket), Tally()).quantities()
        stats = [
            {"field_type": name, "field_value": value}
            for name, value in field_values(fields, quantities, AGGREGATE)
        ]
        times = window.bucket_times(bucket) if window.granularity == "DAY" else {}
        rows.append({**times, "stats": stats})
    body: JSON = {"granularity": window.granularity, "rows": rows}
    return json_response(body)


def _parse(
    query: QueryParams, *, now: float
) -> tuple[str, list[str], list[str], Window]:
    problems: list[str] = []
    level = enum_param(query, "entity_type", ENTITY_TYPES, problems)
    if level == "AD_ACCOUNT":
        problems.append(
            "entity_type: AD_ACCOUNT is not supported by totals; use CAMPAIGN, "
            "AD_SET or AD (account totals come from aggregate_reports)"
        )
    ids = uuid_list(query, "entity_ids", problems)
    granularity = enum_param(
        query, "granularity", ("LIFETIME", "DAY", "HOUR"), problems
    )
    if granularity == "HOUR":
        problems.append(
            "granularity: HOUR is not supported by totals; use DAY or LIFETIME"
        )
    fields = field_params(query, problems)
    problems += [
        f"fields: {name} is not supported by totals (only {', '.join(TOTALS_FIELDS)})"
        for name in fields
        if name not in TOTALS_FIELDS
    ]
    for name, found in (
        ("entity_type", level),
        ("entity_ids", ids),
        ("granularity", granularity),
        ("fields", fields),
    ):
        if not found and name not in query:
            hint = f" (1 to {MAX_IDS} ids)" if name == "entity_ids" else ""
            problems.append(f"{name}: is required{hint}")
    shape = granularity if granularity in ("DAY", "LIFETIME") else "LIFETIME"
    window = window_param(query, shape, problems, now=now)
    if problems:
        raise Problem(400, problems)
    assert level is not None
    return level, ids, list(dict.fromkeys(fields)), window


def _require_entities(
    store: Store, account_id: str, level: str, ids: list[str]
) -> None:
    kind = entities.KINDS[level]
    missing = [
        entity_id
        for entity_id in ids
        if (record := store.get(kind, entity_id)) is None
        or record.account_id != account_id
    ]
    if missing:
        raise Problem(
            400,
            [
                f"entity_ids: {level} {entity_id} not found in ad account {account_id}"
                for entity_id in missing
            ],
        )


ROUTES = [
    api_route("GET", PATH, "getAggregatedTotals", aggregated_totals, reporting=True)
]
