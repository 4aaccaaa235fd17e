"""Bad input is a 4xx ErrorResponse, never a 500, and a bug is a clean 500."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from campaignctl.sandbox import SyncASGITransport

from .helpers import ROOT, campaign_body, create, messages, path

JSON = {"Content-Type": "application/json"}

BODIES = [
    pytest.param(b"{", JSON, 400, "body: malformed JSON", id="truncated"),
    pytest.param(
        b"[1, 2]", JSON, 400, "body: must be a JSON object, got list", id="array"
    ),
    pytest.param(
        b'"name"', JSON, 400, "body: must be a JSON object, got str", id="string"
    ),
    pytest.param(
        b"null", JSON, 400, "body: must be a JSON object, got NoneType", id="null"
    ),
    pytest.param(b'{"name": NaN}', JSON, 400, "body: malformed JSON", id="nan"),
    pytest.param(b'{"name": 1e999}', JSON, 400, "body: malformed JSON", id="infinity"),
    pytest.param(b"\xff\xfe", JSON, 400, "body: malformed JSON", id="not-utf8"),
    pytest.param(b"[" * 100_000, JSON, 400, "body: malformed JSON", id="deep-nesting"),
    pytest.param(
        b"{}", {"Content-Type": "text/plain"}, 415, "Content-Type must be", id="type"
    ),
    pytest.param(b"{}", {}, 415, "Content-Type must be application/json", id="no-type"),
    pytest.param(
        b'{"name": "' + b"x" * (1024 * 1024) + b'"}',
        JSON,
        413,
        "request body larger",
        id="big",
    ),
]


@pytest.mark.parametrize(("content", "headers", "status", "start"), BODIES)
def test_malformed_bodies_are_client_errors(
    sandbox_client: httpx.Client,
    content: bytes,
    headers: dict[str, Any],
    status: int,
    start: str,
) -> None:
    reply = sandbox_client.post(path("campaigns"), content=content, headers=headers)
    assert reply.status_code == status
    assert messages(reply)[0].startswith(start)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/ad_accounts/not-a-uuid/campaigns", 400),
        (path("campaigns", "x" * 500), 400),
        (path("ad_sets", "%00"), 400),
        (path("campaigns") + "?statuses=SLEEPING", 400),
        (path("campaigns") + "?fields=COLOUR", 400),
        (path("campaigns") + "?limit=1e3", 400),
        (path("campaigns") + "?name=" + "n" * 2000, 400),
        (path("campaigns") + "?name=a&name=b", 400),
        (path("change_history") + "?created_gte=yesterday", 400),
        (path("campaigns") + "/", 404),
        ("/nothing/here", 404),
    ],
)
def test_bad_paths_and_queries_are_client_errors(
    sandbox_client: httpx.Client, url: str, status: int
) -> None:
    reply = sandbox_client.get(url)
    assert reply.status_code == status
    assert messages(reply)


def test_wrongly_typed_fields_are_reported_together(
    sandbox_client: httpx.Client,
) -> None:
    reply = sandbox_client.post(
        path("campaigns"),
        json={"name": 42, "objective": ["REACH"], "purchase_order": None},
    )
    assert messages(reply) == [
        "purchase_order: must not be null",
        "name: input should be a valid string",
        "objective: must be one of 'UNSET', 'REACH', 'EVEN_IMPRESSION_DELIVERY', "
        "'CLICKS', 'VIDEO_VIEWS', 'PODCAST_STREAMS', 'APP_INSTALLS' or "
        "'WEBSITE_VISITS'",
    ]


def test_a_bug_becomes_a_clean_500(sandbox_app: Starlette) -> None:
    async def broken(request: Request) -> Response:
        raise RuntimeError("boom")

    sandbox_app.router.routes.append(Route("/boom", broken))
    with httpx.Client(transport=SyncASGITransport(sandbox_app), base_url=ROOT) as raw:
        reply = raw.get("/boom")
    assert reply.status_code == 500
    assert messages(reply) == ["sandbox: internal error (this is a bug in the sandbox)"]


def test_writes_survive_bad_neighbours(sandbox_client: httpx.Client) -> None:
    create(sandbox_client, "campaigns", campaign_body())
    sandbox_client.post(path("campaigns"), content=b"{", headers=JSON)
    listed = sandbox_client.get(path("campaigns")).json()
    assert listed["paging"]["total_results"] == 1
