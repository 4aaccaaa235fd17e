"""Offset-paged lists: ``limit`` 1-50, ``offset``, sorting and ``paging``.

Pages are built from the stored JSON text without re-serialising each object
(unless a ``fields`` projection asks for a subset).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import QueryParams

from campaignctl.sandbox.parsing import limit_offset, query_enum, query_str
from campaignctl.sandbox.store import JSON, Store, dump

Projection = Callable[[JSON], JSON]

COMMON_SORTS = {  # CampaignSortField, in the spec's order
    "ID": "id",
    "NAME": "name",
    "CREATED_AT": "created",
    "UPDATED_AT": "updated",
    "STATUS": "status",
}


@dataclass
class Filter:
    """SQL conditions (whitelisted fragments) and their bound values."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *values: Any) -> None:
        self.where.append(condition)
        self.params.extend(values)

    def any_of(self, column: str, values: Sequence[Any]) -> None:
        if values:
            marks = ",".join("?" * len(values))
            self.add(f"{column} IN ({marks})", *values)

    def name_contains(self, query: QueryParams, param: str = "name") -> None:
        text = query_str(query, param)
        if text:
            self.add("instr(name, ?) > 0", text.lower())


@dataclass(frozen=True)
class ListSpec:
    kind: str
    key: str  # the response's array property
    sorts: Mapping[str, str]  # sort_field value → SQL expression
    sortable: bool = True


def paging(limit: int, offset: int, total: int) -> JSON:
    return {
        "page_size": limit,
        "total_results": total,
        "offset": offset,
        "current_page": offset // limit + 1,
    }


def list_json(
    store: Store,
    spec: ListSpec,
    account_id: str,
    query: QueryParams,
    condition: Filter,
    *,
    project: Projection | None = None,
) -> str:
    """The list response as JSON text."""
    limit, offset = limit_offset(query)
    order = _order(spec, query)
    page = store.page(
        spec.kind,
        account_id,
        where=condition.where,
        params=condition.params,
        order=order,
        limit=limit,
        offset=offset,
    )
    bodies = page.bodies
    if project is not None:
        bodies = [dump(project(json.loads(text))) for text in bodies]
    head = dump(paging(limit, offset, page.total))
    return f'{{"paging":{head},"{spec.key}":[{",".join(bodies)}]}}'


def _order(spec: ListSpec, query: QueryParams) -> str:
    field_name = "CREATED_AT"
    direction = "DESC"
    if spec.sortable:
        field_name = (
            query_enum(query, "sort_field", tuple(spec.sorts), "CREATED_AT") or ""
        )
        direction = query_enum(query, "sort_direction", ("ASC", "DESC"), "DESC") or ""
    expression = spec.sorts[field_name]
    return f"{expression} {direction}, seq {direction}"
