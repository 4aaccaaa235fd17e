"""The interface the rest of campaignctl uses to talk to the Ads API.

Everything above ``provider/`` sees only this protocol and plain JSON objects
(``dict``) shaped like the spec's response schemas. Implementations must be
safe to call from several threads at once (apply runs writes in parallel).

Reads retry (429 honouring ``Retry-After``, 5xx, network errors) with
exponential backoff and jitter. Writes are never retried blindly: a 5xx or a
timeout after the server may have committed raises ``ServerError`` /
``TransportError`` with ``ambiguous=True`` so the caller can re-read by name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

JSON = dict[str, Any]

# The four paged collections under an ad account; each is also the key of the
# item array in its list response (``{"paging": {...}, "campaigns": [...]}``).
Listing = Literal["campaigns", "ad_sets", "ads", "assets"]

# The draft collections under ``/ad_accounts/{id}/drafts``.
DraftKind = Literal["campaigns", "ad_sets", "ads"]

# Query filters of a list endpoint; a sequence becomes repeated keys
# (``campaign_ids=a&campaign_ids=b``). ``limit``/``offset``/sort are the API's.
Filters = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class Page:
    """One page of a list endpoint: its items and ``paging.total_results``."""

    items: tuple[JSON, ...]
    total: int
    offset: int = 0


class AdsApi(Protocol):
    # -- reads (list endpoints page through everything) ---------------------
    def get_ad_account(self, account_id: str) -> JSON: ...

    def list_campaigns(
        self, account_id: str, *, name: str | None = None
    ) -> list[JSON]: ...

    def list_ad_sets(
        self,
        account_id: str,
        *,
        campaign_ids: Sequence[str] | None = None,
        name: str | None = None,
    ) -> list[JSON]: ...

    def list_ads(
        self,
        account_id: str,
        *,
        ad_set_ids: Sequence[str] | None = None,
        name: str | None = None,
    ) -> list[JSON]: ...

    def list_assets(
        self, account_id: str, *, name: str | None = None
    ) -> list[JSON]: ...

    def get_asset(self, account_id: str, asset_id: str) -> JSON: ...

    def get_object(self, account_id: str, listing: Listing, object_id: str) -> JSON:
        """One campaign, ad set or ad by id (used only to recover from an
        ambiguous write; planning reads lists)."""
        ...

    def list_change_history(
        self, account_id: str, *, entity_ids: Sequence[str], created_gte: str
    ) -> list[JSON]:
        """Change-history rows of ``entity_ids`` since ``created_gte`` (UTC).

        Every page of every id chunk (at most 50 ids a request), oldest first;
        rows are de-duplicated by ``change_id``. No ids: no request.
        """
        ...

    # -- page-level reads (for callers that count requests, e.g. snapshots) ---
    def list_first_page(
        self, account_id: str, listing: Listing, *, filters: Filters | None = None
    ) -> Page:
        """Page 1 (offset 0, sorted CREATED_AT ascending) of a list endpoint."""
        ...

    def list_all(
        self,
        account_id: str,
        listing: Listing,
        *,
        filters: Filters | None = None,
        first: Page | None = None,
    ) -> list[JSON]:
        """Every item, continuing from ``first`` when given; de-duplicated by id."""
        ...

    # -- writes ---------------------------------------------------------------
    def create_campaign(self, account_id: str, body: JSON) -> JSON: ...

    def update_campaign(
        self, account_id: str, campaign_id: str, body: JSON
    ) -> JSON: ...

    def create_ad_set(self, account_id: str, body: JSON) -> JSON: ...

    def update_ad_set(self, account_id: str, ad_set_id: str, body: JSON) -> JSON: ...

    def create_ad(self, account_id: str, body: JSON) -> JSON: ...

    def update_ad(self, account_id: str, ad_id: str, body: JSON) -> JSON: ...

    def create_asset(self, account_id: str, body: JSON) -> JSON: ...

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
        """Single multipart upload up to 20 MB, chunked upload above that."""
        ...

    def wait_asset_ready(
        self, account_id: str, asset_id: str, *, timeout_s: float = 120.0
    ) -> JSON:
        """Poll until READY (returned) or ERROR / timeout (raises ApiError)."""
        ...

    # -- drafts (staging, server-side validation, publish) --------------------
    def create_draft(self, account_id: str, kind: DraftKind, body: JSON) -> JSON: ...

    def draft_from_live(self, account_id: str, kind: DraftKind, live_id: str) -> JSON:
        """A draft of a live object, with the live object's id."""
        ...

    def update_draft(
        self, account_id: str, kind: DraftKind, draft_id: str, body: JSON
    ) -> JSON: ...

    def get_draft(self, account_id: str, kind: DraftKind, draft_id: str) -> JSON | None:
        """The draft, or None when there is none."""
        ...

    def delete_draft(self, account_id: str, kind: DraftKind, draft_id: str) -> bool:
        """Delete a draft (and the drafts below it); False when it was absent."""
        ...

    def list_drafts(self, account_id: str, kind: DraftKind) -> list[JSON]: ...

    def publish_draft(
        self,
        account_id: str,
        draft_id: str,
        *,
        action: Literal["VALIDATE", "PUBLISH"],
        version: int,
    ) -> JSON:
        """Problems raise ``ApiError`` with ``detail.extra["validation_errors"]``."""
        ...

    # -- advisory reads -------------------------------------------------------
    def estimate(self, endpoint: Literal["audience", "bid"], body: JSON) -> JSON:
        """``POST /estimates/{endpoint}`` (never retried; callers treat it as
        advisory)."""
        ...

    def download(self, url: str) -> bytes:
        """An asset's file from the ``url`` the API gave (no credentials sent)."""
        ...

    def request_counts(self) -> Mapping[str, int]:
        """HTTP requests sent so far per operationId (retries included)."""
        ...

    def close(self) -> None: ...
