"""``GET /ad_accounts/{id}/aggregate_reports``: JSON rows, token-paged.

One row per entity (LIFETIME) or per entity and day/hour (DAY, HOUR), in
creation order then time; entities without delivery are included with zero
stats. ``limit`` (1-50) rows per page; a ``continuation_token`` (see
``tokens``) returns the next page, and any other parameter sent with it is
ignored with a ``warnings[]`` entry. A rate-limited reporting endpoint.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import json_response
from campaignctl.sandbox.objects import require_account
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import path_id
from campaignctl.sandbox.reports import entities
from campaignctl.sandbox.reports.engine import Buckets, only_entities, tally
from campaignctl.sandbox.reports.fields import (
    AGGREGATE,
    DEPRECATED_FIELDS,
    Tally,
    field_values,
)
from campaignctl.sandbox.reports.params import AggregateQuery, parse_aggregate
from campaignctl.sandbox.reports.tokens import decode_token, encode_token
from campaignctl.sandbox.store import JSON

PATH = "/ad_accounts/{ad_account_id}/aggregate_reports"


async def aggregate_report(request: Request, call: Call) -> Response:
    sb = call.sb
    account_id = path_id(request, "ad_account_id")
    require_account(sb.store, account_id)
    params = request.query_params
    token = params.get("continuation_token") or None
    now = sb.now()
    warnings: list[str] = []
    if token is None:
        query, offset, as_of = parse_aggregate(params, now=now), 0, now
        warnings += [
            f"fields: {name} is deprecated and always reports 0"
            for name in query.fields
            if name in DEPRECATED_FIELDS
        ]
    else:
        cursor = decode_token(
            token, seed=sb.config.seed, account_id=account_id, now=now
        )
        query = AggregateQuery.from_json(cursor["q"])
        offset, as_of = int(cursor["o"]), float(cursor["t"])
        ignored = sorted({name for name in params if name != "continuation_token"})
        if ignored:
            warnings.append(
                "continuation_token was supplied, so the other parameters were "
                f"ignored: {', '.join(ignored)}"
            )
    rows, total = report_page(sb, account_id, query, as_of=as_of, offset=offset)
    body: JSON = {
        "granularity": query.granularity,
        **query.window.echo(),
        "rows": rows,
        "warnings": warnings,
    }
    if offset + query.limit < total:
        cursor = {
            "q": query.to_json(),
            "o": offset + query.limit,
            "t": as_of,
            "a": account_id,
        }
        body["continuation_token"] = encode_token(cursor, seed=sb.config.seed)
    return json_response(body)


def report_page(
    sb: Sandbox, account_id: str, query: AggregateQuery, *, as_of: float, offset: int
) -> tuple[list[JSON], int]:
    """(the rows of one page, the number of rows in the whole report).

    Rows run entity by entity, each over every bucket, so a page needs the
    figures of a few entities only; just those are read and tallied.
    """
    level = query.entity_type
    found = [
        entity
        for entity in entities.load(sb.store, account_id, level, as_of=as_of)
        if _wanted(entity, query)
    ]
    window = query.window
    per_entity = len(window.buckets())
    first = offset // per_entity
    page = found[first : (offset + query.limit - 1) // per_entity + 1]
    tallies = tally(
        sb,
        account_id,
        window,
        lambda cell: entities.key_of(level, cell, account_id),
        as_of=as_of,
        only=only_entities(level, [entity.id for entity in page]),
    )
    rows = _rows(query, page, tallies)
    skip = offset - first * per_entity
    return rows[skip : skip + query.limit], len(found) * per_entity


def _rows(
    query: AggregateQuery, page: list[entities.Entity], tallies: Buckets
) -> list[JSON]:
    window = query.window
    rows = []
    for entity in page:
        head = _head(entity, parent=query.include_parent_entity)
        for bucket in window.buckets():
            quantities = tallies.get((entity.id, bucket), Tally()).quantities()
            stats = [
                {"field_type": name, "field_value": value}
                for name, value in field_values(query.fields, quantities, AGGREGATE)
            ]
            rows.append({**head, **window.bucket_times(bucket), "stats": stats})
    return rows


def _wanted(entity: entities.Entity, query: AggregateQuery) -> bool:
    ids_type = query.entity_ids_type
    if ids_type and entity.ancestor_id(ids_type) not in query.entity_ids:
        return False
    return not query.statuses or entities.report_status(entity) in query.statuses


def _head(entity: entities.Entity, *, parent: bool) -> JSON:
    head: JSON = {
        "entity_type": entity.level,
        "entity_id": entity.id,
        "entity_name": entity.name,
    }
    status = entities.report_status(entity)
    if status is not None:
        head["entity_status"] = status
    parent_entity = entities.parent_entity(entity) if parent else None
    if parent_entity is not None:
        head["parent_entity"] = parent_entity
    return head


ROUTES = [
    api_route("GET", PATH, "getAggregateReport", aggregate_report, reporting=True)
]
