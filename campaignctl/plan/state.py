"""The two inputs of the planner: desired state (from manifests) and live state.

Desired bodies are API-shaped: each ``body`` is what the spec's create request
schema would carry (``CreateCampaignRequest``, ``AdSetCreateRequest``,
``CreateAdRequest``) with three differences:

* parent links are structural, so ``campaign_id`` / ``ad_set_id`` are absent;
* in an ad's ``assets`` object every ``*asset_id`` holds the referenced
  ``DesiredAsset.digest`` (sha256 hex), or ``id:<uuid>`` for an asset the
  manifest names by its remote id (``logo: {id: …}``);
* fields the manifest leaves out are absent. Server defaults (pacing, frequency
  caps, platforms, CTA key/language, video formats…) are *not* filled in here;
  the normaliser owns the server-default table. campaignctl's own defaults are
  filled in: ad set and ad ``delivery`` are ``"ON"`` unless written otherwise.

Money is already in micros (integers) and times are ``YYYY-MM-DDTHH:MM:SSZ``.

Live state is the raw JSON the list endpoints returned, per ad account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from campaignctl.errors import Location
from campaignctl.frozen import Frozen
from campaignctl.plan.address import asset_address

JSONObject = dict[str, Any]
REMOTE_PREFIX = "id:"  # an asset reference by remote id, not by file content


def remote_ref(asset_id: str) -> str:
    """How a desired ad body holds an asset named by its remote id."""
    return f"{REMOTE_PREFIX}{asset_id}"


def remote_id_of(reference: str) -> str | None:
    """The remote id of an ``id:<uuid>`` reference; None for a file digest."""
    if reference.startswith(REMOTE_PREFIX):
        return reference.removeprefix(REMOTE_PREFIX)
    return None


class DesiredAsset(Frozen):
    """A local creative file, identified by its content."""

    account_id: str
    digest: str  # sha256 hex of the file content
    name: str  # remote name, content-addressed: "cover-3fa9c2d1e0b4.png"
    asset_type: str  # AUDIO | IMAGE | VIDEO
    asset_subtype: str | None = None  # AUDIO only, e.g. USER_UPLOADED_AUDIO
    path: str  # path of the file relative to the project root, POSIX separators
    media_type: str  # MIME type for the upload, e.g. "audio/wav"
    size: int  # bytes
    source: Location | None = None  # first manifest place that references it

    @property
    def short_digest(self) -> str:
        return self.digest[:12]

    @property
    def address(self) -> str:
        return asset_address(self.name)


class DesiredAd(Frozen):
    address: str
    name: str
    id: str | None = None  # `id:` pin from the manifest
    body: JSONObject
    source: Location | None = None


class DesiredAdSet(Frozen):
    address: str
    name: str
    id: str | None = None
    body: JSONObject
    ads: tuple[DesiredAd, ...] = ()
    currency: str | None = None  # currency written in the manifest, if any
    source: Location | None = None


class DesiredCampaign(Frozen):
    address: str
    account_id: str
    name: str
    id: str | None = None
    body: JSONObject
    prune: bool = False  # switch off children that leave the manifests
    ad_sets: tuple[DesiredAdSet, ...] = ()
    source: Location | None = None


class DesiredState(Frozen):
    campaigns: tuple[DesiredCampaign, ...] = ()
    assets: tuple[DesiredAsset, ...] = ()

    def account_ids(self) -> tuple[str, ...]:
        return tuple(sorted({c.account_id for c in self.campaigns}))


class LiveAccount(Frozen):
    """Everything list endpoints returned for one ad account."""

    account: JSONObject  # AdAccountResponse
    campaigns: tuple[JSONObject, ...] = ()
    ad_sets: tuple[JSONObject, ...] = ()
    ads: tuple[JSONObject, ...] = ()
    assets: tuple[JSONObject, ...] = ()

    @property
    def id(self) -> str:
        return str(self.account["id"])

    @property
    def currency(self) -> str:
        return str(self.account.get("currency_code") or "USD")


class LiveState(Frozen):
    accounts: Mapping[str, LiveAccount] = {}
