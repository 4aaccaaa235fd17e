"""The API requests of a report over a window (pure).

Aggregate: ``entity_type`` = the level, ``fields`` in the aggregate
vocabulary, ``limit`` 50, the parent entity for ad sets and ads, explicit
statuses with their ``entity_status_type`` (none sent means every status),
and at most 50 ``entity_ids`` a request. For DAY and HOUR the ids must be of
the level itself; LIFETIME accepts the campaigns' ids directly.

Async: ``dimensions`` start with the names that identify an entity, metrics
are in the async vocabulary, and ``statuses`` is always explicit — the API's
default is ``[ACTIVE]``, which silently drops paused and finished entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from campaignctl.provider.paging import chunk_ids
from campaignctl.reports.catalogue import ASYNC_STATUSES
from campaignctl.reports.definition import ReportDefinition
from campaignctl.reports.windows import Span

PAGE_LIMIT = 50

Params = dict[str, Any]


def aggregate_requests(
    definition: ReportDefinition, span: Span, entity_ids: Sequence[str] | None
) -> list[Params]:
    """One request (first page) per id chunk; ``entity_ids`` None: every entity."""
    base = _aggregate_base(definition, span)
    if entity_ids is None:
        return [base]
    ids_type = _ids_type(definition)
    return [
        {**base, "entity_ids": list(chunk), "entity_ids_type": ids_type}
        for chunk in chunk_ids(entity_ids)
    ]


def filter_level(definition: ReportDefinition) -> str:
    """The level whose ids filter a campaign-limited aggregate request."""
    return _ids_type(definition)


def _ids_type(definition: ReportDefinition) -> str:
    lifetime = definition.granularity == "LIFETIME"
    return "CAMPAIGN" if lifetime else definition.level


def _aggregate_base(definition: ReportDefinition, span: Span) -> Params:
    params: Params = {
        "entity_type": definition.level,
        "fields": [m.aggregate for m in definition.catalogue],
        "granularity": definition.granularity,
        "limit": PAGE_LIMIT,
    }
    if definition.granularity != "LIFETIME":
        params["report_start"] = span.start_time()
        params["report_end"] = span.end_time(definition.granularity)
    if definition.level in ("AD_SET", "AD"):
        params["include_parent_entity"] = "true"
    if definition.statuses is not None:
        params["statuses"] = list(definition.statuses)
        params["entity_status_type"] = definition.level
    return params


def async_body(
    definition: ReportDefinition, span: Span, campaign_ids: Sequence[str] | None
) -> Params:
    """``CreateAsyncReportRequest`` for ``span`` (LIFETIME: all time)."""
    statuses = definition.statuses or ASYNC_STATUSES[definition.level]
    body: Params = {
        "name": definition.name,
        "granularity": definition.granularity,
        "dimensions": list(definition.dimensions),
        "metrics": [m.async_name for m in definition.catalogue],
        "statuses": list(statuses),
        "attribution_window": definition.attribution_window,
    }
    if campaign_ids is not None and definition.level != "AD_ACCOUNT":
        body["campaign_ids"] = list(campaign_ids)
    if definition.granularity == "DAY":
        body["report_start"] = span.start_time()
        body["report_end"] = span.end_time("DAY")
    if definition.insight_dimension:
        body["insight_dimension"] = definition.insight_dimension
    return body
