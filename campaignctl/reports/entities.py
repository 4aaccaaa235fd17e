"""Live entities of an account: ids for filters, names → ids, manifest rows.

Read once per account and sync with list endpoints only. Used to
* turn ``campaigns:`` (manifest names) into the entity ids a request filters on;
* key async CSV rows, which carry names only: a name path that matches no
  live entity, or two (siblings sharing a name), is an error, never a guess;
* fill ``_campaignctl_entities``, which joins performance to what the
  manifests declare (address, names, budgets, flights), matched the way plan
  matches: an ``id:`` pin, else the exact name under the parent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from campaignctl.errors import ApiError, ApiErrorDetail
from campaignctl.plan.match import is_replaced_leftover
from campaignctl.plan.state import DesiredCampaign, LiveAccount

JSON = dict[str, Any]
PARENT_KEY = {"AD_SET": "campaign_id", "AD": "ad_set_id"}
MICROS = Decimal(1_000_000)


@dataclass(frozen=True)
class LiveEntities:
    """One account's campaigns, ad sets and ads as listed."""

    account: LiveAccount
    by_level: dict[str, tuple[JSON, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, account: LiveAccount) -> LiveEntities:
        levels = {
            "CAMPAIGN": account.campaigns,
            "AD_SET": account.ad_sets,
            "AD": account.ads,
        }
        return cls(account, levels)

    @property
    def account_id(self) -> str:
        return self.account.id

    def campaign_ids(self, names: Iterable[str]) -> list[str]:
        """Live ids of campaigns with these names (leftovers of replaces excluded)."""
        wanted = set(names)
        return [
            str(c["id"])
            for c in self.by_level["CAMPAIGN"]
            if c.get("name") in wanted and not is_replaced_leftover(str(c["name"]))
        ]

    def ids_under(self, level: str, campaign_ids: Sequence[str]) -> list[str]:
        """Ids of the ``level`` entities inside those campaigns."""
        if level == "CAMPAIGN":
            return list(campaign_ids)
        ad_sets = [
            a for a in self.by_level["AD_SET"] if a.get("campaign_id") in campaign_ids
        ]
        if level == "AD_SET":
            return [str(a["id"]) for a in ad_sets]
        parents = {str(a["id"]) for a in ad_sets}
        return [
            str(ad["id"])
            for ad in self.by_level["AD"]
            if ad.get("ad_set_id") in parents
        ]

    def name_index(self, level: str) -> dict[tuple[str, ...], list[str]]:
        """(campaign name, ad set name, ad name)[: depth] → ids of ``level``."""
        paths: dict[str, tuple[str, ...]] = {}
        index: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for current in ("CAMPAIGN", "AD_SET", "AD"):
            for item in self.by_level[current]:
                parent = paths.get(str(item.get(PARENT_KEY.get(current, ""))), ())
                path = (*parent, str(item.get("name", "")))
                paths[str(item["id"])] = path
                if current == level:
                    index[path].append(str(item["id"]))
            if current == level:
                break
        return index


def resolver(entities: LiveEntities, level: str, report: str) -> Any:
    """A ``Names`` function for async rows of ``level`` (errors on ambiguity)."""
    index = entities.name_index(level)

    def resolve(path: tuple[str, ...]) -> str:
        found = index.get(path, [])
        if len(found) == 1:
            return found[0]
        shown = " / ".join(path)
        problem = (
            "matches no live entity"
            if not found
            else (f"matches {len(found)} live entities ({', '.join(found)})")
        )
        detail = ApiErrorDetail(
            status=200,
            method="GET",
            path="async_reports",
            messages=(f"report {report!r}: the CSV row for {shown!r} {problem}",),
        )
        raise ApiError(
            detail,
            hint="async CSV rows carry names, not ids; rename one of the siblings, "
            "or use endpoint: aggregate, whose rows carry ids",
        )

    return resolve


def manifest_rows(
    entities: LiveEntities,
    campaigns: Sequence[DesiredCampaign],
    *,
    root: Path | None = None,
) -> list[JSON]:
    """``_campaignctl_entities`` rows: declared objects with their live ids.

    ``manifest`` is ``file:line:col`` with the file relative to ``root`` (the
    project), so rows do not depend on where the sync ran from.
    """
    rows: list[JSON] = []
    account = entities.account
    currency = account.currency
    for campaign in campaigns:
        if campaign.account_id != account.id:
            continue
        live = _match(campaign.id, campaign.name, entities.by_level["CAMPAIGN"], None)
        if live is None:
            continue
        children = [
            row
            for ad_set in campaign.ad_sets
            for row in _ad_set_rows(entities, campaign, ad_set, live, currency)
        ]
        sets = [r for r in children if r["level"] == "AD_SET"]
        rows.append(_campaign_row(campaign, live, sets, currency, account.id))
        rows += children
    for row in rows:
        row["manifest"] = _relative(row["manifest"], root)
    return rows


def _relative(place: str | None, root: Path | None) -> str | None:
    if place is None or root is None:
        return place
    file, _, position = place.rpartition(":")
    file, _, line = file.rpartition(":")
    path = Path(file)
    if path.is_absolute() and path.is_relative_to(root):
        file = path.relative_to(root).as_posix()
    return f"{file}:{line}:{position}"


def _ad_set_rows(
    entities: LiveEntities,
    campaign: DesiredCampaign,
    ad_set: Any,
    live: JSON,
    currency: str,
) -> list[JSON]:
    found = _match(
        ad_set.id,
        ad_set.name,
        entities.by_level["AD_SET"],
        str(live["id"]),
        "campaign_id",
    )
    if found is None:
        return []
    budget = ad_set.body.get("budget") or {}
    amount = Decimal(int(budget.get("micro_amount", 0))) / MICROS if budget else None
    own = ad_set.currency or currency
    row = _row(entities.account_id, "AD_SET", found, ad_set.address, ad_set.name)
    row |= {
        "campaign_name": campaign.name,
        "ad_set_name": ad_set.name,
        "currency": own,
        "daily_budget": amount if budget.get("type") == "DAILY" else None,
        "lifetime_budget": amount if budget.get("type") == "LIFETIME" else None,
        "flight_start_utc": _time(ad_set.body.get("start_time")),
        "flight_end_utc": _time(ad_set.body.get("end_time")),
        "manifest": str(ad_set.source) if ad_set.source else None,
    }
    rows = [row]
    for ad in ad_set.ads:
        live_ad = _match(
            ad.id, ad.name, entities.by_level["AD"], str(found["id"]), "ad_set_id"
        )
        if live_ad is not None:
            ad_row = _row(entities.account_id, "AD", live_ad, ad.address, ad.name)
            ad_row |= {
                "campaign_name": campaign.name,
                "ad_set_name": ad_set.name,
                "currency": own,
                "manifest": str(ad.source) if ad.source else None,
            }
            rows.append(ad_row)
    return rows


def _campaign_row(
    campaign: DesiredCampaign,
    live: JSON,
    sets: list[JSON],
    currency: str,
    account_id: str,
) -> JSON:
    row = _row(account_id, "CAMPAIGN", live, campaign.address, campaign.name)
    starts = [s["flight_start_utc"] for s in sets if s["flight_start_utc"]]
    ends = [s["flight_end_utc"] for s in sets if s["flight_end_utc"]]
    row |= {
        "campaign_name": campaign.name,
        "currency": currency,
        "daily_budget": _total(s["daily_budget"] for s in sets),
        "lifetime_budget": _total(s["lifetime_budget"] for s in sets),
        "flight_start_utc": min(starts) if starts else None,
        "flight_end_utc": max(ends) if ends and len(ends) == len(sets) else None,
        "manifest": str(campaign.source) if campaign.source else None,
    }
    return row


def _row(account_id: str, level: str, live: JSON, address: str, name: str) -> JSON:
    empty = dict.fromkeys(
        ("campaign_name", "ad_set_name", "currency", "daily_budget", "lifetime_budget")
    )
    return {
        "ad_account_id": account_id,
        "level": level,
        "entity_id": str(live["id"]),
        "address": address,
        "name": name,
        **empty,
        "flight_start_utc": None,
        "flight_end_utc": None,
        "manifest": None,
    }


def _match(
    pinned: str | None,
    name: str,
    live: Sequence[JSON],
    parent: str | None,
    parent_key: str = "",
) -> JSON | None:
    """The live sibling a manifest object is (None when absent or ambiguous)."""
    siblings = [i for i in live if parent is None or str(i.get(parent_key)) == parent]
    if pinned is not None:
        return next((i for i in siblings if str(i.get("id")) == pinned), None)
    named = [
        i
        for i in siblings
        if i.get("name") == name and not is_replaced_leftover(str(i.get("name")))
    ]
    return named[0] if len(named) == 1 else None


def _total(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _time(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
