"""Query parameters of ``GET /aggregate_reports`` and ``/totals``, checked.

Every rule of BRIEF §6.2 / §11 rule 13 is checked and all problems are
reported together (one 400). Array parameters use repeated keys
(``fields=A&fields=B``); a comma-separated value is not a field name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from starlette.datastructures import QueryParams

from campaignctl.sandbox.errors import Problem
from campaignctl.sandbox.parsing import is_uuid, query_int, query_str
from campaignctl.sandbox.reports import entities
from campaignctl.sandbox.reports.fields import (
    AGGREGATE_FIELDS,
    ASYNC_METRICS,
    aggregate_name,
)
from campaignctl.sandbox.reports.windows import (
    Window,
    build_window,
    check_recent_hours,
    parse_bounds,
)
from campaignctl.sandbox.store import JSON

ENTITY_TYPES = ("AD", "AD_SET", "CAMPAIGN", "AD_ACCOUNT")
GRANULARITIES = ("DAY", "HOUR", "LIFETIME")
REPORT_STATUSES = (
    *("ACTIVE", "APPROVED", "ARCHIVED", "PENDING_APPROVAL", "REJECTED"),
    *("PENDING_ADVERTISER_APPROVAL", "PAUSED", "COMPLETED", "READY", "PENDING"),
)
MAX_IDS = 50
MAX_DAYS = 90


@dataclass(frozen=True)
class AggregateQuery:
    """A checked aggregate report request (also the cursor of its pages)."""

    entity_type: str
    fields: tuple[str, ...]
    granularity: str
    start: float | None
    end: float | None
    include_parent_entity: bool
    entity_ids: tuple[str, ...]
    entity_ids_type: str | None
    statuses: tuple[str, ...]
    limit: int

    @property
    def window(self) -> Window:
        return Window(self.granularity, self.start, self.end)

    def to_json(self) -> JSON:
        return asdict(self)

    @classmethod
    def from_json(cls, data: JSON) -> AggregateQuery:
        return cls(
            entity_type=str(data["entity_type"]),
            fields=tuple(data["fields"]),
            granularity=str(data["granularity"]),
            start=data["start"],
            end=data["end"],
            include_parent_entity=bool(data["include_parent_entity"]),
            entity_ids=tuple(data["entity_ids"]),
            entity_ids_type=data["entity_ids_type"],
            statuses=tuple(data["statuses"]),
            limit=int(data["limit"]),
        )


def parse_aggregate(query: QueryParams, *, now: float) -> AggregateQuery:
    problems: list[str] = []
    entity_type = enum_param(query, "entity_type", ENTITY_TYPES, problems)
    if entity_type is None and "entity_type" not in query:
        problems.append("entity_type: is required unless continuation_token is set")
    fields = field_params(query, problems)
    if not fields and "fields" not in query:
        problems.append("fields: is required unless continuation_token is set")
    granularity = enum_param(query, "granularity", GRANULARITIES, problems)
    window = window_param(query, granularity or "LIFETIME", problems, now=now)
    parent = _include_parent(query, entity_type, problems)
    ids, ids_type = _entity_ids(query, entity_type, window.granularity, problems)
    statuses = _statuses(query, entity_type, problems)
    limit = _limit(query, problems)
    if problems:
        raise Problem(400, problems)
    assert entity_type is not None
    return AggregateQuery(
        entity_type=entity_type,
        fields=tuple(dict.fromkeys(fields)),
        granularity=window.granularity,
        start=window.start,
        end=window.end,
        include_parent_entity=parent,
        entity_ids=tuple(ids),
        entity_ids_type=ids_type,
        statuses=tuple(statuses),
        limit=limit,
    )


def enum_param(
    query: QueryParams, name: str, allowed: Sequence[str], problems: list[str]
) -> str | None:
    values = query.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        problems.append(f"{name}: give it once")
    elif values[0] not in allowed:
        problems.append(
            f"{name}: {values[0][:60]!r} is not one of {', '.join(allowed)}"
        )
    else:
        return values[0]
    return None


def field_params(query: QueryParams, problems: list[str]) -> list[str]:
    """``fields`` values in the aggregate vocabulary (async names refused)."""
    found = []
    for name in query.getlist("fields"):
        if name in AGGREGATE_FIELDS:
            found.append(name)
        elif name in ASYNC_METRICS:
            hint = aggregate_name(name)
            problems.append(
                f"fields: {name} is an async report metric, not an aggregate "
                "report field" + (f"; use {hint}" if hint else "")
            )
        elif "," in name:
            problems.append(
                f"fields: {name[:60]!r} is not a field; repeat the parameter for "
                "each field (fields=IMPRESSIONS&fields=CLICKS)"
            )
        else:
            problems.append(f"fields: {name[:60]!r} is not a ReportFieldType")
    return found


def window_param(
    query: QueryParams, granularity: str, problems: list[str], *, now: float
) -> Window:
    texts = {
        name: _single(query, name, problems) for name in ("report_start", "report_end")
    }
    bounds = parse_bounds(texts, problems)
    window = build_window(
        granularity, bounds, problems, max_days=MAX_DAYS, required=("DAY", "HOUR")
    )
    if granularity == "HOUR":
        check_recent_hours(window, now, problems)
    return window


def uuid_list(query: QueryParams, name: str, problems: list[str]) -> list[str]:
    values = query.getlist(name)
    bad = [value for value in values if not is_uuid(value)]
    if bad:
        problems.append(f"{name}: {bad[0][:80]!r} is not a valid UUID")
    if len(values) > MAX_IDS:
        problems.append(f"{name}: at most {MAX_IDS} ids per request")
    return list(dict.fromkeys(value.lower() for value in values if is_uuid(value)))


def _single(query: QueryParams, name: str, problems: list[str]) -> str | None:
    try:
        return query_str(query, name)
    except Problem as problem:
        problems.extend(problem.messages)
        return None


def _include_parent(
    query: QueryParams, entity_type: str | None, problems: list[str]
) -> bool:
    text = _single(query, "include_parent_entity", problems)
    if text is None or text == "false":
        return False
    if text != "true":
        problems.append("include_parent_entity: must be true or false")
        return False
    if entity_type in ("AD_ACCOUNT", "CAMPAIGN"):
        problems.append(
            f"include_parent_entity: not valid for entity_type {entity_type} "
            "(it has no parent in reports); use AD_SET or AD"
        )
    return True


def _entity_ids(
    query: QueryParams,
    entity_type: str | None,
    granularity: str,
    problems: list[str],
) -> tuple[list[str], str | None]:
    ids = uuid_list(query, "entity_ids", problems)
    ids_type = enum_param(query, "entity_ids_type", ENTITY_TYPES, problems)
    if not query.getlist("entity_ids"):
        return [], ids_type
    if entity_type == "AD_ACCOUNT":
        problems.append(
            "entity_ids: not valid for entity_type AD_ACCOUNT "
            "(the account comes from the path)"
        )
    elif ids_type is None and "entity_ids_type" not in query:
        problems.append("entity_ids: requires entity_ids_type")
    elif ids_type == "AD_ACCOUNT":
        problems.append("entity_ids_type: AD_ACCOUNT is not allowed")
    elif entity_type and ids_type and granularity != "LIFETIME":
        if ids_type != entity_type:
            problems.append(
                f"entity_ids_type: must equal entity_type ({entity_type}) "
                f"when granularity is {granularity}"
            )
    elif entity_type and ids_type and _depth(ids_type) > _depth(entity_type):
        problems.append(
            f"entity_ids_type: {ids_type} is below entity_type {entity_type}; "
            "filter by the entity's own ids or a parent level"
        )
    return ids, ids_type


def _statuses(
    query: QueryParams, entity_type: str | None, problems: list[str]
) -> list[str]:
    statuses = query.getlist("statuses")
    status_type = enum_param(query, "entity_status_type", ENTITY_TYPES, problems)
    for status in statuses:
        if status not in REPORT_STATUSES:
            problems.append(
                f"statuses: {status[:60]!r} is not one of {', '.join(REPORT_STATUSES)}"
            )
    if not statuses:
        if status_type is not None:
            problems.append("entity_status_type: requires statuses")
        return []
    if entity_type == "AD_ACCOUNT":
        problems.append("statuses: not valid for entity_type AD_ACCOUNT")
    elif status_type is None and "entity_status_type" not in query:
        problems.append("statuses: requires entity_status_type")
    elif entity_type and status_type and status_type != entity_type:
        problems.append(f"entity_status_type: must match entity_type ({entity_type})")
    elif entity_type and status_type:
        valid = entities.REPORT_STATUSES[entity_type]
        problems += [
            f"statuses: {status} is not a valid {entity_type} status "
            f"({', '.join(valid)})"
            for status in statuses
            if status in REPORT_STATUSES and status not in valid
        ]
    return list(dict.fromkeys(statuses))


def _limit(query: QueryParams, problems: list[str]) -> int:
    try:
        return query_int(query, "limit", default=MAX_IDS, lo=1, hi=MAX_IDS)
    except Problem as problem:
        problems.extend(problem.messages)
        return MAX_IDS


def _depth(level: str) -> int:
    return entities.LEVELS.index(level)
