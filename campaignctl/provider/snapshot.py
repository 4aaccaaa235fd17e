"""Read the live state of ad accounts with list endpoints only.

No per-object GETs: one ``getAdAccount`` per account, then paged lists of
campaigns, ad sets, ads and assets, fetched concurrently. With ``P(n) =
max(1, ceil(n / 50))`` the pages a list of ``n`` items takes, the requests per
account are exactly::

    1 + P(campaigns) + P(assets) + R(ad sets) + R(ads)

When every campaign is in scope (``campaign_names`` and ``campaign_ids`` both
None) ``R(x) = P(all x in the account)``: plain sweeps, all five in parallel.

Otherwise only children of in-scope campaigns are read. When every campaign
of the account is in scope (the usual case: the manifests manage the whole
account), every ad set and ad is a child of one, so both are swept in full,
side by side: ``R(x) = P(all x)``, the minimum. Else, with ``k`` parent ids
(in-scope campaigns for ad sets, their ad sets for ads) in ``c = ceil(k / 50)``
id chunks:

* ``k = 0``: ``R = 0`` (nothing to read; a first plan costs 3 requests);
* ``c = 1``: ``R = P(children of those parents)``: one filtered sweep, never
  more pages than a full sweep;
* ``c > 1``: page 1 of the full sweep is read (it tells the account total
  ``n``). If ``P(n) <= c`` the sweep continues: ``R = P(n)``. Otherwise the
  filtered sweeps are cheaper to finish: ``R = 1 + sum of P(children)`` over
  the chunks.

Requests are not retried here; retries (and the counter) live in the client.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from campaignctl.plan.state import LiveAccount, LiveState
from campaignctl.provider.base import JSON, AdsApi, Listing
from campaignctl.provider.paging import MAX_IDS, dedupe_by_id, map_parallel, page_count


@dataclass(frozen=True)
class Scope:
    """Which campaigns matter: by name (case-insensitive) or by pinned id."""

    names: frozenset[str]
    ids: frozenset[str]

    def includes(self, campaign: JSON) -> bool:
        name = str(campaign.get("name") or "").strip().casefold()
        return name in self.names or str(campaign.get("id")) in self.ids


def read_live_state(
    api: AdsApi,
    account_ids: Sequence[str],
    *,
    campaign_names: Collection[str] | None = None,
    campaign_ids: Collection[str] | None = None,
    parallelism: int = 8,
) -> LiveState:
    """Everything the planner needs about ``account_ids`` (see the module doc)."""
    scope = _scope(campaign_names, campaign_ids)
    accounts = sorted(set(account_ids))

    def read(account_id: str) -> LiveAccount:
        return read_account(api, account_id, scope=scope, parallelism=parallelism)

    found = map_parallel(read, accounts, parallelism=parallelism)
    return LiveState(accounts=dict(zip(accounts, found, strict=True)))


def read_account(
    api: AdsApi, account_id: str, *, scope: Scope | None, parallelism: int
) -> LiveAccount:
    """One account; ``scope`` None reads every campaign's children."""
    reader = _AccountReader(api, account_id, scope)
    tasks: list[Callable[[], object]] = [reader.account, reader.assets]
    tasks += reader.sweeps() if scope is None else [reader.scoped_tree]
    map_parallel(lambda task: task(), tasks, parallelism=parallelism)
    return reader.result()


class _AccountReader:
    """Collects the lists of one account, filled in by parallel tasks."""

    def __init__(self, api: AdsApi, account_id: str, scope: Scope | None) -> None:
        self.api = api
        self.account_id = account_id
        self.scope = scope
        self.found: dict[str, object] = {}

    def sweeps(self) -> list[Callable[[], object]]:
        listings: tuple[Listing, ...] = ("campaigns", "ad_sets", "ads")
        return [functools.partial(self._sweep, listing) for listing in listings]

    def account(self) -> None:
        self.found["account"] = self.api.get_ad_account(self.account_id)

    def assets(self) -> None:
        self._sweep("assets")

    def _sweep(self, listing: Listing) -> None:
        self.found[listing] = self.api.list_all(self.account_id, listing)

    def scoped_tree(self) -> None:
        """Campaigns, then the ad sets of those in scope, then their ads."""
        assert self.scope is not None
        campaigns = self.api.list_all(self.account_id, "campaigns")
        self.found["campaigns"] = campaigns
        parents = [str(c["id"]) for c in campaigns if self.scope.includes(c)]
        if parents and len(parents) == len(campaigns):
            self._whole_tree(parents)
            return
        ad_sets = self._children("ad_sets", parents, "campaign_id")
        self.found["ad_sets"] = ad_sets
        self.found["ads"] = self._children(
            "ads", [str(a["id"]) for a in ad_sets], "ad_set_id"
        )

    def _whole_tree(self, campaign_ids: list[str]) -> None:
        """Every campaign is in scope: sweep all ad sets and ads side by side.

        Children of campaigns (or ad sets) created after they were listed are
        left out, as the filtered reads would.
        """
        sweeps = [functools.partial(self._sweep, x) for x in ("ad_sets", "ads")]
        map_parallel(lambda sweep: sweep(), sweeps, parallelism=2)
        ad_sets = _children_of(self.found["ad_sets"], campaign_ids, "campaign_id")
        ad_set_ids = [str(a["id"]) for a in ad_sets]
        self.found["ad_sets"] = ad_sets
        self.found["ads"] = _children_of(self.found["ads"], ad_set_ids, "ad_set_id")

    def _children(self, listing: Listing, parents: list[str], field: str) -> list[JSON]:
        if not parents:
            return []
        chunks = -(-len(parents) // MAX_IDS)
        if chunks == 1:
            items = self._filtered(listing, parents)
        else:
            first = self.api.list_first_page(self.account_id, listing)
            if page_count(first.total) <= chunks:
                items = self.api.list_all(self.account_id, listing, first=first)
            else:
                items = self._filtered(listing, parents)
        return _children_of(items, parents, field)

    def _filtered(self, listing: Listing, parents: list[str]) -> list[JSON]:
        if listing == "ad_sets":
            return self.api.list_ad_sets(self.account_id, campaign_ids=parents)
        return self.api.list_ads(self.account_id, ad_set_ids=parents)

    def result(self) -> LiveAccount:
        def listed(key: str) -> tuple[JSON, ...]:
            items = self.found.get(key)
            assert isinstance(items, list)
            return tuple(sorted(dedupe_by_id(items), key=_creation_order))

        account = self.found["account"]
        assert isinstance(account, dict)
        # built from decoded JSON objects (``read_page`` keeps dicts only):
        # validating would only copy 30,000 dicts of a large account
        return LiveAccount.model_construct(
            account=account,
            campaigns=listed("campaigns"),
            ad_sets=listed("ad_sets"),
            ads=listed("ads"),
            assets=listed("assets"),
        )


def _children_of(items: object, parents: Collection[str], field: str) -> list[JSON]:
    """The items whose ``field`` names one of ``parents``."""
    assert isinstance(items, list)
    wanted = set(parents)
    return [item for item in items if str(item.get(field)) in wanted]


def _creation_order(item: JSON) -> tuple[str, str]:
    return (str(item.get("created_at") or ""), str(item.get("id") or ""))


def _scope(names: Collection[str] | None, ids: Collection[str] | None) -> Scope | None:
    if names is None and ids is None:
        return None
    return Scope(
        names=frozenset(n.strip().casefold() for n in names or ()),
        ids=frozenset(str(i) for i in ids or ()),
    )
