"""What the planner refuses or warns about, each as a message for people.

Every check returns its message (or None) instead of raising, so one plan
reports every problem at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from campaignctl.plan.model import Action, Kind, ResourceAction
from campaignctl.plan.normalise import canonical_time
from campaignctl.plan.state import (
    DesiredAdSet,
    DesiredState,
    LiveAccount,
    remote_id_of,
)

NOUN = {Kind.CAMPAIGN: "campaign", Kind.AD_SET: "ad set", Kind.AD: "ad"}
MIN_LEAD = timedelta(hours=1)  # the API rejects creates starting sooner


def start_too_soon(action: ResourceAction, start: Any, *, now: datetime) -> str | None:
    """A create (or the create half of a replace) starting within the hour.

    Unchanged start times of existing objects are never checked (BRIEF §9.2
    item 11): only actions that create an object are.
    """
    if action.action not in (Action.CREATE, Action.REPLACE) or not isinstance(
        start, str
    ):
        return None
    earliest = now + MIN_LEAD
    try:
        starts = datetime.fromisoformat(canonical_time(start))
    except ValueError:
        return None  # validation owns malformed times
    if starts >= earliest:
        return None
    verb = "create" if action.action is Action.CREATE else "replace"
    return (
        f"{NOUN[action.kind]} {action.name!r} ({action.address}): start {start} "
        f"must be at least 1 hour in the future to {verb} it (the API rejects "
        f"earlier starts); move it after {api_time(earliest)}"
    )


def wrong_currency(ad_set: DesiredAdSet, account: LiveAccount) -> str | None:
    if not ad_set.currency or ad_set.currency == account.currency:
        return None
    return (
        f"ad set {ad_set.name!r} ({ad_set.address}) is written in {ad_set.currency}, "
        f"but ad account {account.id} bills in {account.currency}; write its money "
        f"in {account.currency}"
    )


def risky_update(
    action: ResourceAction, live: Mapping[str, Any] | None, *, now: datetime
) -> list[str]:
    """Ad set updates the API is known to refuse sometimes."""
    if action.action is not Action.UPDATE or live is None:
        return []
    paths = {c.path for c in action.changes}
    where = f"ad set {action.name!r} ({action.address})"
    warnings = []
    if "pacing" in paths:
        warnings.append(
            f"{where}: the API may refuse to change pacing on a live ad set"
        )
    started = live.get("start_time")
    if "start_time" in paths and _past(started, now):
        warnings.append(
            f"{where}: has already started; the API may refuse a new start time"
        )
    return warnings


def _past(time: Any, now: datetime) -> bool:
    return isinstance(time, str) and canonical_time(time) <= api_time(now)


def pin_under_new_parent(kind: Kind, child: Any, parent: str, how: Action) -> str:
    verb = "created" if how is Action.CREATE else "replaced"
    return (
        f"{NOUN[kind]} {child.name!r} ({child.address}) pins id:{child.id}, but its "
        f"parent {parent} is being {verb}; live objects cannot move, so remove the pin"
    )


def missing_account(account_id: str) -> str:
    return (
        f"ad account {account_id} was not found (or is not readable with these "
        "credentials); check the account id or alias in the manifests"
    )


def missing_asset(ad: Any, digest: str) -> str:
    remote = remote_id_of(digest)
    if remote is not None:
        return (
            f"ad {ad.name!r} ({ad.address}) uses asset {remote}, which is not in "
            "its ad account"
        )
    return (
        f"ad {ad.name!r} ({ad.address}) uses an asset (sha256 {digest[:12]}) that "
        "no manifest declares"
    )


def duplicate_addresses(desired: DesiredState) -> list[str]:
    """Manifest siblings whose names slug to the same address."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for campaign in desired.campaigns:
        seen[campaign.account_id, campaign.address] += 1
        for ad_set in campaign.ad_sets:
            seen[campaign.account_id, ad_set.address] += 1
            for ad in ad_set.ads:
                seen[campaign.account_id, ad.address] += 1
    return [
        f"{address}: {count} manifest objects share this address; give siblings "
        "names that differ in more than case and punctuation"
        for (_, address), count in sorted(seen.items())
        if count > 1
    ]


def api_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
