"""Offset pagination: page 1 first, then every other page concurrently.

List endpoints take ``limit`` (at most 50) and a 0-based ``offset`` and answer
``paging.total_results``. Sweeps sort by ``CREATED_AT`` ascending, so objects
created while we read land at the end instead of shifting earlier pages; items
seen twice anyway are dropped by id. Id filters are chunked so no URL carries
more than 50 ids.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from campaignctl.provider.base import JSON, Page

PAGE_SIZE = 50  # the API's maximum ``limit``
MAX_IDS = 50  # ids per filter in one request, keeping URLs short

T = TypeVar("T")
R = TypeVar("R")


def page_count(total: int, *, limit: int = PAGE_SIZE) -> int:
    """Requests a full sweep of ``total`` items takes (an empty list takes one)."""
    return max(1, math.ceil(total / limit))


def read_page(body: JSON, key: str, *, offset: int) -> Page:
    """A list response as a ``Page``; a missing ``paging`` means one page."""
    items = tuple(item for item in body.get(key) or () if isinstance(item, dict))
    paging = body.get("paging") or {}
    total = paging.get("total_results")
    return Page(
        items=items,
        total=int(total) if isinstance(total, int) else offset + len(items),
        offset=offset,
    )


def collect_pages(
    fetch: Callable[[int], Page],
    *,
    first: Page | None = None,
    parallelism: int,
    limit: int = PAGE_SIZE,
) -> list[JSON]:
    """Every item: page 1 (fetched unless given), then the rest in parallel."""
    head = first if first is not None else fetch(0)
    offsets = list(range(head.offset + limit, head.total, limit))
    rest = map_parallel(fetch, offsets, parallelism=parallelism)
    return dedupe_by_id(item for page in (head, *rest) for item in page.items)


def map_parallel(
    function: Callable[[T], R], args: Sequence[T], *, parallelism: int
) -> list[R]:
    """``[function(a) for a in args]`` on up to ``parallelism`` threads, in order."""
    if len(args) <= 1 or parallelism <= 1:
        return [function(arg) for arg in args]
    with ThreadPoolExecutor(max_workers=min(parallelism, len(args))) as pool:
        return list(pool.map(function, args))


def dedupe_by_id(items: Iterable[JSON]) -> list[JSON]:
    """Keep the first item per ``id`` (items without one are all kept)."""
    seen: set[str] = set()
    kept: list[JSON] = []
    for item in items:
        key = item.get("id")
        if key is not None:
            if str(key) in seen:
                continue
            seen.add(str(key))
        kept.append(item)
    return kept


def chunk_ids(ids: Iterable[str], *, size: int = MAX_IDS) -> list[tuple[str, ...]]:
    """Distinct ids, in first-seen order, in groups of at most ``size``."""
    unique = list(dict.fromkeys(ids))
    return [tuple(unique[i : i + size]) for i in range(0, len(unique), size)]
