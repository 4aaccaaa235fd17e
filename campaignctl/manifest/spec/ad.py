"""Ads: creative text, asset files, call to action, tracking."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from campaignctl.frozen import Frozen
from campaignctl.manifest.fields import (
    AssetPath,
    HttpsUrl,
    Text,
    Timestamp,
    Uuid,
    choice,
)
from campaignctl.manifest.vocab import (
    AD_LANGUAGES,
    CTA_KEYS,
    DELIVERY,
    MAX_TRACKING,
    TRACKING_PARTNERS,
)

AdName = Annotated[str, Text(2, 200)]
Tagline = Annotated[str, Text(2, 40, trimmed=True)]
AdvertiserName = Annotated[str, Text(2, 25)]
Delivery = Annotated[str, choice("delivery", DELIVERY)]
CtaKey = Annotated[str, choice("call-to-action key", CTA_KEYS)]
AdLanguage = Annotated[str, choice("ad language", AD_LANGUAGES)]
TrackingPartner = Annotated[str, choice("measurement partner", TRACKING_PARTNERS)]


class CallToAction(Frozen):
    """The button (API ``call_to_action``)."""

    url: HttpsUrl = Field(description="Landing page (clickthrough_url), https only.")
    key: CtaKey | None = Field(
        None, description="Button label key; server default LEARN_MORE."
    )
    language: AdLanguage | None = Field(
        None, description="Button language; server default ENGLISH."
    )


class Tracking(Frozen):
    """A third-party tracking URL (API ``third_party_tracking``)."""

    partner: TrackingPartner = Field(description="IAS or DCM (measurement_partner).")
    url: HttpsUrl


class RemoteAsset(Frozen):
    """An asset already in the ad account, referenced by its id (not a file)."""

    id: Uuid = Field(description="The asset's UUID in the ad account.")


def _asset_form(value: Any) -> str:
    return "remote" if isinstance(value, dict | RemoteAsset) else "path"


# A creative: a file path (relative to the manifest) or {id: <asset uuid>}.
AssetRef = Annotated[
    Annotated[AssetPath, Tag("path")] | Annotated[RemoteAsset, Tag("remote")],
    Discriminator(_asset_form),
]


class AdSchedule(Frozen):
    """Overrides the ad set's flight; omitted parts inherit it."""

    start: Timestamp | None = None
    end: Timestamp | None = None


class AdSpec(Frozen):
    """An ad. Identity: ``name`` within the ad set.

    Exactly one primary file (``audio``, ``video`` or ``image``, matching the ad
    set's ``format``); paths are relative to the manifest file. Any creative
    may instead name an asset already in the account: ``{id: <uuid>}``.
    """

    name: AdName
    id: Uuid | None = Field(None, description="Pin an existing ad (adopt/rename).")
    tagline: Tagline
    advertiser_name: AdvertiserName
    audio: AssetRef | None = Field(None, description="Primary AUDIO file (≤ 31 s).")
    video: AssetRef | None = Field(None, description="Primary VIDEO file.")
    image: AssetRef | None = Field(None, description="Primary IMAGE file (display).")
    companion: AssetRef | None = Field(
        None, description="Companion IMAGE; required for AUDIO ad sets."
    )
    logo: AssetRef = Field(description="Logo IMAGE (required).")
    canvas: AssetRef | None = Field(
        None, description="9:16 IMAGE or VIDEO; AUDIO ad sets only."
    )
    call_to_action: CallToAction
    delivery: Delivery = Field("ON", description="ON or OFF.")
    schedule: AdSchedule | None = None
    tracking: Annotated[tuple[Tracking, ...], Field(max_length=MAX_TRACKING)] | None = (
        None
    )
