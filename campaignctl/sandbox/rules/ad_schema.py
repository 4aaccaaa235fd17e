"""Ad request schemas: ``CreateAdRequest`` and ``UpdateAdRequest``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from campaignctl.sandbox.rules.types import (
    TRIMMED,
    AdLanguage,
    Body,
    CallToAction,
    Delivery,
    EventTime,
    Int64,
    MeasurementPartner,
    Uuid,
)

AdName = Annotated[str, StringConstraints(min_length=2, max_length=200)]
AdvertiserName = Annotated[str, StringConstraints(min_length=2, max_length=25)]
Tagline = Annotated[
    str, StringConstraints(min_length=2, max_length=40, pattern=TRIMMED)
]
Url = Annotated[str, StringConstraints(min_length=1, max_length=2048)]
Currency = Annotated[str, StringConstraints(min_length=3, max_length=3)]


class AdAssets(Body):
    asset_id: Uuid
    logo_asset_id: Uuid
    companion_asset_id: Uuid | None = None
    canvas_asset_id: Uuid | None = None


class CallToActionRequest(Body):
    key: CallToAction | None = None
    language: AdLanguage | None = None
    clickthrough_url: Url | None = None


class ThirdPartyTracking(Body):
    measurement_partner: MeasurementPartner | None = None
    url: Url | None = None


class Price(Body):
    micro: Int64 | None = None
    currency_code: Currency | None = None


class CatalogItem(Body):
    position: int
    id: Uuid | None = None
    asset_id: Uuid | None = None
    sku: str | None = None
    clickthrough_url: Url | None = None
    price: Price | None = None
    sale_price: Price | None = None
    tagline: Tagline | None = None


class Catalog(Body):
    id: Uuid | None = None
    name: str | None = None
    catalog_items: list[CatalogItem] | None = None


class UpdateAdRequest(Body):
    """``BaseRequestAdEntity`` plus ``call_to_action`` and ``delivery``."""

    name: AdName | None = None
    advertiser_name: AdvertiserName | None = None
    tagline: Tagline | None = None
    assets: AdAssets | None = None
    start_time: EventTime | None = None
    end_time: EventTime | None = None
    third_party_tracking: (
        Annotated[list[ThirdPartyTracking], Field(max_length=11)] | None
    ) = None
    dv_client_code: str | None = None
    catalog: Catalog | None = None
    call_to_action: CallToActionRequest | None = None
    delivery: Delivery | None = None


class CreateAdRequest(UpdateAdRequest):
    name: AdName
    advertiser_name: AdvertiserName
    tagline: Tagline
    assets: AdAssets
    ad_set_id: Uuid
    call_to_action: CallToActionRequest


NULLABLE = ("start_time", "end_time")
CREATE_ONLY = ("ad_set_id",)
READ_ONLY = (
    "id",
    "status",
    "reject_reason",
    "reject_reasons",
    "ad_preview_url",
    "created_at",
    "updated_at",
)
