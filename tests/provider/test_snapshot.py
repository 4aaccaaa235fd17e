"""read_live_state: list endpoints only, and exactly the pages it must read."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest

from campaignctl.plan.state import LiveAccount, LiveState
from campaignctl.provider.snapshot import read_live_state

from .fakes import ACCOUNT, ListServer, TokenServer, make_api

OTHER = "00000000-0000-4000-a000-000000000002"


class Account:
    """An account's objects, each created one second after the previous one."""

    def __init__(self) -> None:
        self.data: dict[str, list[dict[str, Any]]] = {
            "campaigns": [],
            "ad_sets": [],
            "ads": [],
            "assets": [],
        }
        self._clock = itertools.count()

    def add(self, listing: str, name: str, **links: str) -> str:
        n = next(self._clock)
        object_id = f"{listing}-{len(self.data[listing]):04d}"
        created = f"2030-01-01T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z"
        self.data[listing].append(
            {"id": object_id, "name": name, "created_at": created, **links}
        )
        return object_id

    def campaign(self, name: str, *, ad_sets: int = 0, ads: int = 0) -> str:
        campaign_id = self.add("campaigns", name)
        for s in range(ad_sets):
            ad_set_id = self.add(
                "ad_sets", f"{name} / set {s}", campaign_id=campaign_id
            )
            for a in range(ads):
                self.add("ads", f"{name} / set {s} / ad {a}", ad_set_id=ad_set_id)
        return campaign_id

    def live(self, account_id: str = ACCOUNT) -> LiveAccount:
        return LiveAccount(
            account={"id": account_id, "currency_code": "USD"},
            **{key: tuple(items) for key, items in self.data.items()},
        )


def serve(*accounts: tuple[str, Account]) -> TokenServer:
    servers = {
        account_id: ListServer(
            account.data, account={"id": account_id, "currency_code": "USD"}
        )
        for account_id, account in accounts
    }

    def route(request: httpx.Request) -> httpx.Response:
        account_id = request.url.path.split("/")[4]
        return servers[account_id](request)

    return TokenServer(route)


def counts(server: TokenServer) -> dict[str, int]:
    ops = {
        "campaigns": "getCampaigns",
        "ad_sets": "getAdSetsByAdAccountId",
        "ads": "getAds",
        "assets": "getAssetsByAdAccount",
    }
    found: dict[str, int] = {}
    for exchange in server.exchanges:
        parts = exchange.path.split("/")
        op = ops[parts[5]] if len(parts) > 5 else "getAdAccount"
        found[op] = found.get(op, 0) + 1
    return found


def test_full_sweep_reads_every_list_once() -> None:
    account = Account()
    for i in range(60):
        account.campaign(f"campaign {i}", ad_sets=2, ads=2)  # 120 ad sets, 240 ads
    for i in range(51):
        account.add("assets", f"asset {i}")
    server = serve((ACCOUNT, account))
    api = make_api(server)

    live = read_live_state(api, [ACCOUNT])

    assert live == LiveState(accounts={ACCOUNT: account.live()})
    # 1 + P(60) + P(51) + P(120) + P(240) = 1 + 2 + 2 + 3 + 5
    assert counts(server) == {
        "getAdAccount": 1,
        "getCampaigns": 2,
        "getAssetsByAdAccount": 2,
        "getAdSetsByAdAccountId": 3,
        "getAds": 5,
    }
    assert api.request_counts() == {**counts(server), "token": 1}


def test_empty_account_takes_five_requests() -> None:
    server = serve((ACCOUNT, Account()))
    api = make_api(server)

    live = read_live_state(api, [ACCOUNT])

    assert live == LiveState(accounts={ACCOUNT: Account().live()})
    assert sum(counts(server).values()) == 5


def test_nothing_in_scope_skips_ad_sets_and_ads() -> None:
    account = Account()
    account.campaign("someone else's", ad_sets=3, ads=3)
    server = serve((ACCOUNT, account))

    live = read_live_state(
        make_api(server), [ACCOUNT], campaign_names=["Summer Launch"]
    )

    assert live.accounts[ACCOUNT].ad_sets == ()
    assert live.accounts[ACCOUNT].ads == ()
    assert counts(server) == {
        "getAdAccount": 1,
        "getCampaigns": 1,
        "getAssetsByAdAccount": 1,
    }


def test_one_chunk_of_parents_is_read_filtered() -> None:
    account = Account()
    summer = account.campaign("Summer Launch", ad_sets=3, ads=20)  # 60 ads
    for i in range(40):
        account.campaign(f"other {i}", ad_sets=2, ads=1)  # 80 ad sets, 80 ads
    server = serve((ACCOUNT, account))

    live = read_live_state(
        make_api(server), [ACCOUNT], campaign_names=["summer LAUNCH "]
    )

    found = live.accounts[ACCOUNT]
    assert {s["campaign_id"] for s in found.ad_sets} == {summer}
    assert len(found.ad_sets) == 3
    assert len(found.ads) == 60
    assert found.campaigns == tuple(account.data["campaigns"])  # all campaigns
    # ad sets: P(3) = 1 filtered (full would be P(83) = 2); ads: P(60) = 2
    assert counts(server) == {
        "getAdAccount": 1,
        "getCampaigns": 1,
        "getAssetsByAdAccount": 1,
        "getAdSetsByAdAccountId": 1,
        "getAds": 2,
    }
    queries = [e.query for e in server.exchanges if "/ad_sets" in e.path]
    assert queries == [
        f"campaign_ids={summer}&sort_field=CREATED_AT&sort_direction=ASC&limit=50&offset=0"
    ]


def test_pinned_id_brings_a_renamed_campaign_into_scope() -> None:
    account = Account()
    renamed = account.campaign("Renamed in the UI", ad_sets=1, ads=1)
    account.campaign("other", ad_sets=1, ads=1)
    server = serve((ACCOUNT, account))

    live = read_live_state(
        make_api(server), [ACCOUNT], campaign_names=["Summer"], campaign_ids=[renamed]
    )

    assert [s["campaign_id"] for s in live.accounts[ACCOUNT].ad_sets] == [renamed]
    assert len(live.accounts[ACCOUNT].ads) == 1


def many_managed(*, unmanaged_ad_sets: int) -> tuple[Account, list[str]]:
    account = Account()
    names = [f"managed {i}" for i in range(60)]  # 2 chunks of campaign ids
    for name in names:
        account.campaign(name, ad_sets=1)
    elsewhere = account.campaign("unmanaged")  # out of scope: its ad sets too
    for i in range(unmanaged_ad_sets):
        account.add("ad_sets", f"unmanaged {i}", campaign_id=elsewhere)
    return account, names


def test_many_parents_in_a_small_account_continue_the_full_sweep() -> None:
    account, names = many_managed(unmanaged_ad_sets=10)  # 70 ad sets: P = 2 <= 2 chunks
    server = serve((ACCOUNT, account))

    live = read_live_state(make_api(server), [ACCOUNT], campaign_names=names)

    assert len(live.accounts[ACCOUNT].ad_sets) == 60
    ad_set_queries = sorted(e.query for e in server.exchanges if "/ad_sets" in e.path)
    assert ad_set_queries == [
        "sort_field=CREATED_AT&sort_direction=ASC&limit=50&offset=0",
        "sort_field=CREATED_AT&sort_direction=ASC&limit=50&offset=50",
    ]
    # ads: 60 parent ad sets → 2 chunks; the probe finds 0 ads: P(0) = 1 <= 2
    assert counts(server)["getAds"] == 1


def test_many_parents_in_a_big_account_switch_to_filtered_reads() -> None:
    account, names = many_managed(unmanaged_ad_sets=500)  # 560: P = 12 > 2 chunks
    server = serve((ACCOUNT, account))

    live = read_live_state(make_api(server), [ACCOUNT], campaign_names=names)

    found = live.accounts[ACCOUNT]
    assert [s["name"] for s in found.ad_sets] == [f"{n} / set 0" for n in names]
    ad_set_queries = [e.query for e in server.exchanges if "/ad_sets" in e.path]
    assert len(ad_set_queries) == 3  # the probe + one page per chunk (50 + 10 ids)
    assert sorted(q.count("campaign_ids=") for q in ad_set_queries) == [0, 10, 50]


def test_every_campaign_in_scope_sweeps_ad_sets_and_ads_in_full() -> None:
    account = Account()
    names = [f"managed {i}" for i in range(120)]  # 3 chunks of campaign ids
    for name in names:
        account.campaign(name, ad_sets=2, ads=1)  # 240 ad sets, 240 ads
    expected = account.live()
    # created under a campaign (and an ad set) the campaign list did not show yet
    later = account.add("ad_sets", "created during the read", campaign_id="new")
    account.add("ads", "its ad", ad_set_id=later)
    server = serve((ACCOUNT, account))

    live = read_live_state(make_api(server), [ACCOUNT], campaign_names=names)

    assert live == LiveState(accounts={ACCOUNT: expected})
    # the minimum: 1 + P(120) + P(0 assets) + P(241) + P(241) = 1 + 3 + 1 + 5 + 5
    assert counts(server) == {
        "getAdAccount": 1,
        "getCampaigns": 3,
        "getAssetsByAdAccount": 1,
        "getAdSetsByAdAccountId": 5,
        "getAds": 5,
    }
    queries = [e.query for e in server.exchanges if "/ad_sets" in e.path]
    assert not [q for q in queries if "campaign_ids" in q]


def test_strategies_agree_on_the_result() -> None:
    account, names = many_managed(unmanaged_ad_sets=500)
    server = serve((ACCOUNT, account))
    api = make_api(server)

    scoped = read_live_state(api, [ACCOUNT], campaign_names=names).accounts[ACCOUNT]
    full = read_live_state(api, [ACCOUNT]).accounts[ACCOUNT]

    managed = {c["id"] for c in full.campaigns if c["name"] in names}
    assert scoped.ad_sets == tuple(
        s for s in full.ad_sets if s["campaign_id"] in managed
    )
    assert scoped.campaigns == full.campaigns
    assert scoped.assets == full.assets


@pytest.mark.parametrize("parallelism", [1, 8])
def test_accounts_are_read_side_by_side(parallelism: int) -> None:
    first, second = Account(), Account()
    first.campaign("A", ad_sets=1, ads=1)
    second.campaign("B", ad_sets=2, ads=1)
    server = serve((ACCOUNT, first), (OTHER, second))

    live = read_live_state(
        make_api(server, parallelism=parallelism),
        [OTHER, ACCOUNT, OTHER],
        parallelism=parallelism,
    )

    assert live == LiveState(
        accounts={ACCOUNT: first.live(ACCOUNT), OTHER: second.live(OTHER)}
    )
    assert sum(counts(server).values()) == 10


def test_no_per_object_reads() -> None:
    account = Account()
    account.campaign("Summer", ad_sets=2, ads=2)
    server = serve((ACCOUNT, account))

    read_live_state(make_api(server), [ACCOUNT], campaign_names=["Summer"])

    for exchange in server.exchanges:
        parts = exchange.path.split("/")
        assert len(parts) in (5, 6), exchange.path  # /ads/v3/ad_accounts/{id}[/{list}]
