"""``SpotifyAdsApi``: the ``AdsApi`` protocol over the v3 REST endpoints."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Literal, Self
from urllib.parse import quote

from campaignctl.provider import drafts
from campaignctl.provider.base import JSON, DraftKind, Filters, Listing, Page
from campaignctl.provider.client import HttpClient
from campaignctl.provider.paging import (
    PAGE_SIZE,
    chunk_ids,
    collect_pages,
    dedupe_by_id,
    map_parallel,
    read_page,
)
from campaignctl.provider.upload import Media, UploadLimits, upload, wait_ready

# operationId of each list endpoint, for the request counter
LIST_OPS: Mapping[Listing, str] = {
    "campaigns": "getCampaigns",
    "ad_sets": "getAdSetsByAdAccountId",
    "ads": "getAds",
    "assets": "getAssetsByAdAccount",
}
# operationId of each single-object read
GET_OPS: Mapping[Listing, str] = {
    "campaigns": "getCampaign",
    "ad_sets": "getAdSetById",
    "ads": "getAd",
    "assets": "getAsset",
}
SWEEP_ORDER = {"sort_field": "CREATED_AT", "sort_direction": "ASC"}
# oldest first, so rows written while we read land on later pages
HISTORY_ORDER = {"sort_field": "TIMESTAMP", "sort_direction": "ASC"}


class SpotifyAdsApi:
    """Thread-safe; ``parallelism`` bounds the pages fetched at once per list."""

    def __init__(
        self,
        client: HttpClient,
        *,
        parallelism: int = 8,
        uploads: UploadLimits | None = None,
        on_close: Sequence[Callable[[], None]] = (),
    ) -> None:
        self.client = client
        self.parallelism = max(1, parallelism)
        self._uploads = uploads or UploadLimits()
        self._on_close = tuple(on_close)

    # -- reads ---------------------------------------------------------------
    def get_ad_account(self, account_id: str) -> JSON:
        return self.client.get(_account(account_id), op="getAdAccount")

    def list_campaigns(self, account_id: str, *, name: str | None = None) -> list[JSON]:
        return self.list_all(account_id, "campaigns", filters=_named(name))

    def list_ad_sets(
        self,
        account_id: str,
        *,
        campaign_ids: Sequence[str] | None = None,
        name: str | None = None,
    ) -> list[JSON]:
        return self._list_by_ids(
            account_id, "ad_sets", "campaign_ids", campaign_ids, _named(name)
        )

    def list_ads(
        self,
        account_id: str,
        *,
        ad_set_ids: Sequence[str] | None = None,
        name: str | None = None,
    ) -> list[JSON]:
        return self._list_by_ids(
            account_id, "ads", "ad_set_ids", ad_set_ids, _named(name)
        )

    def list_assets(self, account_id: str, *, name: str | None = None) -> list[JSON]:
        return self.list_all(account_id, "assets", filters=_named(name))

    def get_asset(self, account_id: str, asset_id: str) -> JSON:
        return self.client.get(_asset(account_id, asset_id), op="getAsset")

    def get_object(self, account_id: str, listing: Listing, object_id: str) -> JSON:
        path = f"{_account(account_id)}/{listing}/{_seg(object_id)}"
        return self.client.get(path, op=GET_OPS[listing])

    def list_change_history(
        self, account_id: str, *, entity_ids: Sequence[str], created_gte: str
    ) -> list[JSON]:
        path = f"{_account(account_id)}/change_history"

        def sweep(chunk: tuple[str, ...]) -> list[JSON]:
            def fetch(offset: int) -> Page:
                params = {
                    "entity_ids": chunk,
                    "created_gte": created_gte,
                    **HISTORY_ORDER,
                    "limit": PAGE_SIZE,
                    "offset": offset,
                }
                body = self.client.get(path, op="getChangeHistory", params=params)
                return read_page(body, "change_history", offset=offset)

            return collect_pages(fetch, parallelism=self.parallelism)

        chunks = chunk_ids(entity_ids)
        lists = map_parallel(sweep, chunks, parallelism=self.parallelism)
        seen: set[str] = set()
        rows = []
        for row in (row for items in lists for row in items):
            key = str(row.get("change_id"))
            if key not in seen:
                seen.add(key)
                rows.append(row)
        return rows

    def list_first_page(
        self, account_id: str, listing: Listing, *, filters: Filters | None = None
    ) -> Page:
        return self._fetch_page(account_id, listing, filters or {}, 0)

    def list_all(
        self,
        account_id: str,
        listing: Listing,
        *,
        filters: Filters | None = None,
        first: Page | None = None,
    ) -> list[JSON]:
        def fetch(offset: int) -> Page:
            return self._fetch_page(account_id, listing, filters or {}, offset)

        return collect_pages(fetch, first=first, parallelism=self.parallelism)

    def list_chunked(
        self,
        account_id: str,
        listing: Listing,
        *,
        key: str,
        ids: Sequence[str],
        filters: Filters | None = None,
    ) -> list[JSON]:
        """Items matching any of ``ids`` under filter ``key``, ≤ 50 ids a request."""
        chunks = chunk_ids(ids)

        def sweep(chunk: tuple[str, ...]) -> list[JSON]:
            return self.list_all(
                account_id, listing, filters={**(filters or {}), key: chunk}
            )

        lists = map_parallel(sweep, chunks, parallelism=self.parallelism)
        return dedupe_by_id(item for items in lists for item in items)

    # -- writes --------------------------------------------------------------
    def create_campaign(self, account_id: str, body: JSON) -> JSON:
        path = f"{_account(account_id)}/campaigns"
        return self.client.post(path, op="createCampaign", json=body)

    def update_campaign(self, account_id: str, campaign_id: str, body: JSON) -> JSON:
        path = f"{_account(account_id)}/campaigns/{_seg(campaign_id)}"
        return self.client.patch(path, op="updateCampaign", json=body)

    def create_ad_set(self, account_id: str, body: JSON) -> JSON:
        path = f"{_account(account_id)}/ad_sets"
        return self.client.post(path, op="createAdSet", json=body)

    def update_ad_set(self, account_id: str, ad_set_id: str, body: JSON) -> JSON:
        path = f"{_account(account_id)}/ad_sets/{_seg(ad_set_id)}"
        return self.client.patch(path, op="updateAdSet", json=body)

    def create_ad(self, account_id: str, body: JSON) -> JSON:
        path = f"{_account(account_id)}/ads"
        return self.client.post(path, op="createAd", json=body)

    def update_ad(self, account_id: str, ad_id: str, body: JSON) -> JSON:
        path = f"{_account(account_id)}/ads/{_seg(ad_id)}"
        return self.client.patch(path, op="updateAd", json=body)

    def create_asset(self, account_id: str, body: JSON) -> JSON:
        path = f"{_account(account_id)}/assets"
        return self.client.post(path, op="createAsset", json=body)

    def upload_asset(
        self,
        account_id: str,
        asset_id: str,
        *,
        data: bytes,
        media_type: str,
        asset_type: str,
        filename: str,
    ) -> JSON:
        media = Media(
            data=data, media_type=media_type, asset_type=asset_type, filename=filename
        )
        return upload(self.client, _asset(account_id, asset_id), media, self._uploads)

    def wait_asset_ready(
        self, account_id: str, asset_id: str, *, timeout_s: float = 120.0
    ) -> JSON:
        return wait_ready(
            self.client, _asset(account_id, asset_id), timeout_s=timeout_s
        )

    # -- drafts, estimates, files (provider/drafts.py) ---------------------------
    def create_draft(self, account_id: str, kind: DraftKind, body: JSON) -> JSON:
        return drafts.create_draft(self.client, account_id, kind, body)

    def draft_from_live(self, account_id: str, kind: DraftKind, live_id: str) -> JSON:
        return drafts.draft_from_live(self.client, account_id, kind, live_id)

    def update_draft(
        self, account_id: str, kind: DraftKind, draft_id: str, body: JSON
    ) -> JSON:
        return drafts.update_draft(self.client, account_id, kind, draft_id, body)

    def get_draft(self, account_id: str, kind: DraftKind, draft_id: str) -> JSON | None:
        return drafts.get_draft(self.client, account_id, kind, draft_id)

    def delete_draft(self, account_id: str, kind: DraftKind, draft_id: str) -> bool:
        return drafts.delete_draft(self.client, account_id, kind, draft_id)

    def list_drafts(self, account_id: str, kind: DraftKind) -> list[JSON]:
        return drafts.list_drafts(
            self.client, account_id, kind, parallelism=self.parallelism
        )

    def publish_draft(
        self,
        account_id: str,
        draft_id: str,
        *,
        action: Literal["VALIDATE", "PUBLISH"],
        version: int,
    ) -> JSON:
        return drafts.publish_draft(
            self.client, account_id, draft_id, action=action, version=version
        )

    def estimate(self, endpoint: Literal["audience", "bid"], body: JSON) -> JSON:
        return drafts.estimate(self.client, endpoint, body)

    def download(self, url: str) -> bytes:
        return self.client.download(url, op="downloadAssetFile")

    # -- lifecycle -----------------------------------------------------------
    def request_counts(self) -> dict[str, int]:
        return self.client.request_counts()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            for close in self._on_close:
                close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # -- helpers -------------------------------------------------------------
    def _list_by_ids(
        self,
        account_id: str,
        listing: Listing,
        key: str,
        ids: Sequence[str] | None,
        filters: Filters,
    ) -> list[JSON]:
        if ids is None:
            return self.list_all(account_id, listing, filters=filters)
        return self.list_chunked(account_id, listing, key=key, ids=ids, filters=filters)

    def _fetch_page(
        self, account_id: str, listing: Listing, filters: Filters, offset: int
    ) -> Page:
        params: dict[str, Any] = {
            **filters,
            **SWEEP_ORDER,
            "limit": PAGE_SIZE,
            "offset": offset,
        }
        body = self.client.get(
            f"{_account(account_id)}/{listing}", op=LIST_OPS[listing], params=params
        )
        return read_page(body, listing, offset=offset)


def _seg(value: str) -> str:
    """An id as one path segment: nothing in it can change the path."""
    return quote(str(value), safe="")


def _account(account_id: str) -> str:
    return f"/ad_accounts/{_seg(account_id)}"


def _asset(account_id: str, asset_id: str) -> str:
    return f"{_account(account_id)}/assets/{_seg(asset_id)}"


def _named(name: str | None) -> Filters:
    return {"name": name} if name is not None else {}
