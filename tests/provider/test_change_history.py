"""list_change_history: id chunks of 50, every page, oldest first, de-duplicated."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import httpx

from campaignctl.commands.planning import read_history
from campaignctl.plan.model import Action, Kind, Plan, ResourceAction

from .fakes import ACCOUNT, TokenServer, make_api

SINCE = "2029-07-05T00:00:00Z"


class HistoryServer:
    """Answers getChangeHistory from memory; remembers every query."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.queries: list[dict[str, list[str]]] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path == f"/ads/v3/ad_accounts/{ACCOUNT}/change_history"
        query = parse_qs(request.url.query.decode())
        with self._lock:
            self.queries.append(query)
        wanted = set(query["entity_ids"])
        found = [r for r in self.rows if r["entity_id"] in wanted]
        offset, limit = int(query["offset"][0]), int(query["limit"][0])
        body = {
            "paging": {
                "page_size": limit,
                "total_results": len(found),
                "offset": offset,
            },
            "change_history": found[offset : offset + limit],
        }
        return httpx.Response(200, content=json.dumps(body))


def rows_for(entities: list[str], per_entity: int) -> list[dict[str, Any]]:
    return [
        {
            "change_id": f"{e}-{n}",
            "entity_id": e,
            "timestamp": f"2030-01-01T00:00:{n:02d}Z",
        }
        for e in entities
        for n in range(per_entity)
    ]


def test_ids_are_chunked_and_every_page_is_read() -> None:
    entities = [f"id-{i:03d}" for i in range(120)]
    server = HistoryServer(rows_for(entities, 2))
    api = make_api(TokenServer(server))

    rows = api.list_change_history(ACCOUNT, entity_ids=entities, created_gte=SINCE)

    assert sorted(r["change_id"] for r in rows) == sorted(
        f"{e}-{n}" for e in entities for n in range(2)
    )
    chunks = {tuple(q["entity_ids"]) for q in server.queries}
    assert sorted(len(c) for c in chunks) == [20, 50, 50]
    assert {
        (q["created_gte"][0], q["sort_field"][0], q["sort_direction"][0])
        for q in server.queries
    } == {(SINCE, "TIMESTAMP", "ASC")}
    # 100 rows per full chunk: two pages each; 40 rows: one page
    assert sorted(int(q["offset"][0]) for q in server.queries) == [0, 0, 0, 50, 50]


def test_rows_seen_twice_are_kept_once_and_no_ids_no_request() -> None:
    entity = "id-1"
    server = HistoryServer(rows_for([entity], 1) * 2)
    api = make_api(TokenServer(server))
    rows = api.list_change_history(ACCOUNT, entity_ids=[entity], created_gte=SINCE)
    assert [r["change_id"] for r in rows] == ["id-1-0"]
    assert api.list_change_history(ACCOUNT, entity_ids=[], created_gte=SINCE) == []
    assert len(server.queries) == 1


def test_unreadable_history_is_a_warning_not_a_failure() -> None:
    def forbidden(request: httpx.Request) -> httpx.Response:
        body = {"messages": ["viewer role required"], "error_codes": []}
        return httpx.Response(403, content=json.dumps(body))

    update = ResourceAction(
        address="c/s",
        kind=Kind.AD_SET,
        action=Action.UPDATE,
        account_id=ACCOUNT,
        name="S",
        remote_id="id-1",
    )
    api = make_api(TokenServer(forbidden))
    now = datetime(2030, 1, 1, tzinfo=UTC)
    rows, unread = read_history(api, Plan(actions=(update,)), now=now)
    assert rows == []
    assert unread == [
        f"change history of ad account {ACCOUNT} could not be read, so live changes "
        "made outside campaignctl are not told apart: GET /ad_accounts/"
        f"{ACCOUNT}/change_history → 403: viewer role required"
    ]
