"""Concurrent writes through SyncASGITransport and over HTTP: nothing lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from .helpers import ACCOUNT, campaign_body, path

THREADS = 8
PER_THREAD = 25


def _hammer(client: httpx.Client) -> None:
    """Creates, read-modify-write draft edits and renames from many threads."""
    draft = client.post(path("drafts", "campaigns"), json={"name": "Shared"}).json()

    def work(worker: int) -> list[int]:
        statuses = []
        for index in range(PER_THREAD):
            body = campaign_body(name=f"Worker {worker} #{index}")
            statuses.append(client.post(path("campaigns"), json=body).status_code)
            child = {"campaign_id": draft["id"], "name": f"Set {worker}-{index}"}
            statuses.append(
                client.post(path("drafts", "ad_sets"), json=child).status_code
            )
        return statuses

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    assert {status for statuses in results for status in statuses} == {200}
    total = THREADS * PER_THREAD
    campaigns = client.get(path("campaigns"), params={"limit": 1}).json()
    assert campaigns["paging"]["total_results"] == total
    version = client.get(path("drafts", "campaigns", draft["id"])).json()
    assert version["draft_hierarchy_version"] == 1 + total  # no lost increments
    history = client.get(
        path("change_history"), params={"entity_type": "CAMPAIGN"}
    ).json()
    assert history["paging"]["total_results"] == total
    names = set()
    for offset in range(0, total, 50):
        page = client.get(
            path("campaigns"), params={"limit": 50, "offset": offset}
        ).json()
        names |= {c["name"] for c in page["campaigns"]}
    assert len(names) == total  # no duplicates, none missing

    def rename(worker: int) -> int:
        reply = client.patch(
            path("campaigns", first), json={"name": f"Renamed by {worker}"}
        )
        return reply.status_code

    first = page["campaigns"][0]["id"]
    with ThreadPoolExecutor(THREADS) as pool:
        assert set(pool.map(rename, range(THREADS))) == {200}
    renames = client.get(
        path("change_history"), params={"entity_ids": [first], "sort_direction": "ASC"}
    ).json()["change_history"]
    chain = [
        (row["changes"][0]["before"], row["changes"][0]["after"]) for row in renames[1:]
    ]
    # each rename saw the previous one: the before/after values form one chain
    assert all(chain[i][1] == chain[i + 1][0] for i in range(len(chain) - 1))
    assert len(chain) == THREADS


def test_concurrent_writes_in_process(sandbox_client: httpx.Client) -> None:
    _hammer(sandbox_client)


def test_concurrent_writes_over_http(sandbox_server: str) -> None:
    root = sandbox_server.removesuffix("/ads/v3")
    reply = httpx.post(
        f"{root}/api/token",
        data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
        auth=("sandbox-client", "sandbox-secret"),
    )
    headers = {"Authorization": f"Bearer {reply.json()['access_token']}"}
    limits = httpx.Limits(max_connections=THREADS)
    with httpx.Client(
        base_url=sandbox_server, headers=headers, limits=limits
    ) as client:
        _hammer(client)
        assert client.get(f"/ad_accounts/{ACCOUNT}").status_code == 200
