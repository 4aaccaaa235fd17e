"""Drafts, estimates and asset files over the v3 REST endpoints (BRIEF §1.3, §1.5).

Functions of an ``HttpClient`` that ``SpotifyAdsApi`` delegates to. Draft
creates, patches and publishes are writes (never retried after the server
may have acted); draft deletes are idempotent. Estimates are reads that use
POST: campaignctl treats a failed estimate as advisory, so they are never
retried either.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from campaignctl.errors import NotFoundError
from campaignctl.provider.base import JSON, DraftKind, Page
from campaignctl.provider.client import HttpClient
from campaignctl.provider.paging import PAGE_SIZE, collect_pages, read_page

_STEM: dict[DraftKind, str] = {"campaigns": "Campaign", "ad_sets": "AdSet", "ads": "Ad"}
_LIST_OPS: dict[DraftKind, str] = {
    "campaigns": "getCampaignDraftsV3",
    "ad_sets": "getAdSetDrafts",
    "ads": "getAdDrafts",
}
_LIST_KEYS: dict[DraftKind, str] = {
    "campaigns": "campaign_drafts",
    "ad_sets": "ad_set_drafts",
    "ads": "ad_drafts",
}


def create_draft(
    client: HttpClient, account_id: str, kind: DraftKind, body: JSON
) -> JSON:
    path = f"{_drafts(account_id)}/{kind}"
    return client.post(path, op=f"create{_STEM[kind]}Draft", json=body)


def draft_from_live(
    client: HttpClient, account_id: str, kind: DraftKind, live_id: str
) -> JSON:
    """A draft of a live object; it keeps the live object's id."""
    path = f"{_account(account_id)}/{kind}/{_seg(live_id)}/drafts"
    return client.post(path, op=f"createDraftFrom{_STEM[kind]}")


def update_draft(
    client: HttpClient, account_id: str, kind: DraftKind, draft_id: str, body: JSON
) -> JSON:
    path = f"{_drafts(account_id)}/{kind}/{_seg(draft_id)}"
    return client.patch(path, op=f"update{_STEM[kind]}Draft", json=body)


def get_draft(
    client: HttpClient, account_id: str, kind: DraftKind, draft_id: str
) -> JSON | None:
    """The draft, or None when there is none (404)."""
    path = f"{_drafts(account_id)}/{kind}/{_seg(draft_id)}"
    try:
        return client.get(path, op=f"get{_STEM[kind]}Draft")
    except NotFoundError:
        return None


def delete_draft(
    client: HttpClient, account_id: str, kind: DraftKind, draft_id: str
) -> bool:
    """Delete a draft (a campaign draft takes its hierarchy); False if absent."""
    path = f"{_drafts(account_id)}/{kind}/{_seg(draft_id)}"
    try:
        client.delete(path, op=f"delete{_STEM[kind]}Draft")
    except NotFoundError:
        return False
    return True


def list_drafts(
    client: HttpClient, account_id: str, kind: DraftKind, *, parallelism: int
) -> list[JSON]:
    """Every draft of one kind in the account."""
    path = f"{_drafts(account_id)}/{kind}"

    def fetch(offset: int) -> Page:
        params = {"limit": PAGE_SIZE, "offset": offset}
        body = client.get(path, op=_LIST_OPS[kind], params=params)
        return read_page(body, _LIST_KEYS[kind], offset=offset)

    return collect_pages(fetch, parallelism=parallelism)


def publish_draft(
    client: HttpClient,
    account_id: str,
    draft_id: str,
    *,
    action: Literal["VALIDATE", "PUBLISH"],
    version: int,
) -> JSON:
    """VALIDATE or PUBLISH a draft hierarchy at ``version``.

    Validation problems come back as an ``ApiError`` (400) whose
    ``detail.extra["validation_errors"]`` lists them.
    """
    path = f"{_drafts(account_id)}/campaigns/{_seg(draft_id)}"
    body = {"action": action, "draft_hierarchy_version": version}
    return client.post(path, op="publishCampaignDraft", json=body)


def estimate(
    client: HttpClient, endpoint: Literal["audience", "bid"], body: JSON
) -> JSON:
    """``POST /estimates/audience`` or ``/estimates/bid``."""
    op = "estimateAudience" if endpoint == "audience" else "estimateBid"
    return client.post(f"/estimates/{endpoint}", op=op, json=body)


def _seg(value: str) -> str:
    return quote(str(value), safe="")


def _account(account_id: str) -> str:
    return f"/ad_accounts/{_seg(account_id)}"


def _drafts(account_id: str) -> str:
    return f"{_account(account_id)}/drafts"
