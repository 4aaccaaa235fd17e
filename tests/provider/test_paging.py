"""Paging, repeated query keys, id chunking and de-duplication."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.provider.base import Page
from campaignctl.provider.paging import (
    chunk_ids,
    collect_pages,
    dedupe_by_id,
    page_count,
    read_page,
)

from .fakes import ACCOUNT, ListServer, TokenServer, make_api

SWEEP = "sort_field=CREATED_AT&sort_direction=ASC&limit=50"
BASE = f"/ads/v3/ad_accounts/{ACCOUNT}"


def objects(kind: str, count: int, **fields: Any) -> list[dict[str, Any]]:
    """``count`` objects created one second apart, newest last."""
    return [
        {
            "id": f"{kind}-{i:04d}",
            "name": f"{kind} {i}",
            "created_at": stamp(i),
            **fields,
        }
        for i in range(count)
    ]


def stamp(second: int) -> str:
    hours, minutes, seconds = second // 3600, second // 60 % 60, second % 60
    return f"2030-01-01T{hours:02d}:{minutes:02d}:{seconds:02d}Z"


def serve(**data: list[dict[str, Any]]) -> TokenServer:
    return TokenServer(ListServer(data))


def queries(server: TokenServer) -> list[str]:
    return sorted(e.query for e in server.exchanges)


@pytest.mark.parametrize(
    ("count", "offsets"),
    [
        pytest.param(0, [0], id="empty-takes-one-request"),
        pytest.param(1, [0], id="one"),
        pytest.param(50, [0], id="exactly-one-page"),
        pytest.param(51, [0, 50], id="one-more"),
        pytest.param(120, [0, 50, 100], id="three-pages"),
    ],
)
def test_list_reads_every_page_once(count: int, offsets: list[int]) -> None:
    campaigns = objects("campaign", count)
    server = serve(campaigns=campaigns)
    api = make_api(server)

    found = api.list_campaigns(ACCOUNT)

    assert found == campaigns  # ascending creation order, nothing twice
    assert queries(server) == sorted(f"{SWEEP}&offset={o}" for o in offsets)
    assert {e.path for e in server.exchanges} == {f"{BASE}/campaigns"}
    assert api.request_counts() == {"getCampaigns": len(offsets), "token": 1}


def test_name_filter_is_sent() -> None:
    server = serve(assets=objects("asset", 3))
    api = make_api(server)

    found = api.list_assets(ACCOUNT, name="asset 2")

    assert [a["id"] for a in found] == ["asset-0002"]
    assert queries(server) == [f"name=asset+2&{SWEEP}&offset=0"]


def test_id_filters_are_repeated_keys() -> None:
    ad_sets = objects("ad_set", 4, campaign_id="c-1") + objects(
        "x", 2, campaign_id="c-9"
    )
    server = serve(ad_sets=ad_sets)
    api = make_api(server)

    found = api.list_ad_sets(ACCOUNT, campaign_ids=["c-1", "c-2"], name="ad_set")

    assert [a["id"] for a in found] == [f"ad_set-000{i}" for i in range(4)]
    assert queries(server) == [
        f"name=ad_set&campaign_ids=c-1&campaign_ids=c-2&{SWEEP}&offset=0"
    ]


def test_id_filters_are_chunked_by_fifty() -> None:
    ad_set_ids = [f"s-{i:03d}" for i in range(120)]
    ads = [
        {
            "id": f"ad-{i:03d}",
            "ad_set_id": s,
            "created_at": f"2030-01-01T00:00:{i % 60:02d}Z",
        }
        for i, s in enumerate(ad_set_ids)
    ]
    server = serve(ads=ads)
    api = make_api(server)

    found = api.list_ads(ACCOUNT, ad_set_ids=ad_set_ids + ad_set_ids[:5])

    assert sorted(a["id"] for a in found) == [a["id"] for a in ads]
    sent = [e.query.split("&sort_field")[0] for e in server.exchanges]
    chunks = sorted(q.count("ad_set_ids=") for q in sent)
    assert chunks == [20, 50, 50]
    sent_ids = [part.split("=")[1] for q in sent for part in q.split("&")]
    assert sorted(sent_ids) == ad_set_ids  # each id once, duplicates dropped
    assert api.request_counts() == {"getAds": 3, "token": 1}


def test_no_ids_means_no_request() -> None:
    server = serve(ad_sets=objects("ad_set", 3, campaign_id="c-1"))
    api = make_api(server)

    assert api.list_ad_sets(ACCOUNT, campaign_ids=[]) == []
    assert server.exchanges == []


def test_page_one_then_the_rest_concurrently() -> None:
    order: list[int] = []
    inner = ListServer({"ads": objects("ad", 260, ad_set_id="s")})

    def route(request: httpx.Request) -> httpx.Response:
        order.append(int(request.url.params["offset"]))
        return inner(request)

    api = make_api(TokenServer(route), parallelism=3)

    assert len(api.list_ads(ACCOUNT)) == 260
    assert order[0] == 0
    assert sorted(order[1:]) == [50, 100, 150, 200, 250]


def test_items_seen_twice_are_kept_once() -> None:
    pages = {
        0: [{"id": "a"}, {"id": "b"}],
        2: [{"id": "b"}, {"id": "c"}],  # "b" shifted into the next page
        4: [{"id": "d"}],
    }

    def fetch(offset: int) -> Page:
        return Page(items=tuple(pages[offset]), total=5, offset=offset)

    found = collect_pages(fetch, parallelism=2, limit=2)

    assert found == [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}]


def test_continue_from_a_given_first_page() -> None:
    fetched: list[int] = []

    def fetch(offset: int) -> Page:
        fetched.append(offset)
        return Page(items=({"id": str(offset)},), total=3, offset=offset)

    first = Page(items=({"id": "0"},), total=3, offset=0)

    assert collect_pages(fetch, first=first, parallelism=1, limit=1) == [
        {"id": "0"},
        {"id": "1"},
        {"id": "2"},
    ]
    assert fetched == [1, 2]


@pytest.mark.parametrize(
    ("body", "want"),
    [
        pytest.param(
            {"paging": {"total_results": 75, "offset": 50}, "ads": [{"id": "x"}]},
            Page(items=({"id": "x"},), total=75, offset=50),
            id="paged",
        ),
        pytest.param(
            {"ads": [{"id": "x"}, "junk"]},
            Page(items=({"id": "x"},), total=51, offset=50),
            id="no-paging",
        ),
        pytest.param({"ads": None}, Page(items=(), total=50, offset=50), id="null"),
    ],
)
def test_read_page(body: dict[str, Any], want: Page) -> None:
    assert read_page(body, "ads", offset=50) == want


@pytest.mark.parametrize(
    ("total", "pages"), [(0, 1), (1, 1), (50, 1), (51, 2), (100, 2), (101, 3)]
)
def test_page_count(total: int, pages: int) -> None:
    assert page_count(total) == pages


@given(st.lists(st.text(min_size=1, max_size=3), max_size=300))
def test_chunks_cover_each_id_once_in_order(ids: list[str]) -> None:
    chunks = chunk_ids(ids)

    assert [i for chunk in chunks for i in chunk] == list(dict.fromkeys(ids))
    assert all(1 <= len(chunk) <= 50 for chunk in chunks)


@given(st.lists(st.sampled_from(["a", "b", "c", None]), max_size=20))
def test_dedupe_keeps_first_of_each_id(keys: list[str | None]) -> None:
    items = [{"id": k, "n": n} if k else {"n": n} for n, k in enumerate(keys)]

    kept = dedupe_by_id(items)

    with_ids = [i["id"] for i in kept if "id" in i]
    assert with_ids == list(dict.fromkeys(k for k in keys if k))
    assert len(kept) == len(with_ids) + keys.count(None)
