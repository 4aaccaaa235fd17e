"""Live objects → manifest documents: choices that are not plain renames."""

from __future__ import annotations

from typing import Any

import pytest

from campaignctl.manifest.adopt import (
    LiveCampaign,
    Notes,
    Siblings,
    campaign_document,
    cancel_defaults,
    frequency_caps_document,
    importable_campaign,
)
from campaignctl.manifest.adopt_ad import ad_document, asset_file_name

SHA = "b17c6049c0dd" + "0" * 52


def cap(unit: str, impressions: int, period: int = 1) -> dict[str, Any]:
    return {
        "frequency_unit": unit,
        "frequency_period": period,
        "max_impressions": impressions,
    }


@pytest.mark.parametrize(
    ("caps", "written"),
    [
        pytest.param(
            [cap("WEEK", 10), cap("DAY", 3)], {"day": 3, "week": 10}, id="by-unit"
        ),
        pytest.param(
            [cap("DAY", 2), cap("WEEK", 20, period=2)],
            [
                {"unit": "day", "period": 1, "impressions": 2},
                {"unit": "week", "period": 2, "impressions": 20},
            ],
            id="periods-need-the-list",
        ),
        pytest.param(
            [cap("DAY", 2), cap("DAY", 4, period=3)],
            [
                {"unit": "day", "period": 1, "impressions": 2},
                {"unit": "day", "period": 3, "impressions": 4},
            ],
            id="repeated-unit",
        ),
    ],
)
def test_frequency_caps_take_the_shortest_form(caps: Any, written: Any) -> None:
    assert frequency_caps_document(caps) == written


@pytest.mark.parametrize(
    ("asset", "name"),
    [
        pytest.param(
            {"name": "cover-b17c6049c0dd.png", "file_type": "PNG"}, "cover.png"
        ),
        pytest.param({"name": "My Logo.PNG", "file_type": "PNG"}, "my-logo.png"),
        pytest.param({"name": "spot.wav", "file_type": "MP3"}, "spot.mp3"),
        pytest.param({"name": "Ünïcode clip", "file_type": "MP4"}, "unicode-clip.mp4"),
        pytest.param({"name": "!!!.png", "file_type": "PNG"}, "xe84c538e.png"),
    ],
)
def test_asset_file_names(asset: dict[str, Any], name: str) -> None:
    assert asset_file_name(asset, SHA) == name


def test_project_defaults_are_cancelled_where_the_import_leaves_a_field_out() -> None:
    doc: dict[str, Any] = {
        "name": "Set",
        "targets": {"placements": ["music"]},
        "budget": {"daily": "1.00 USD"},
    }
    cancel_defaults(
        doc,
        {
            "pacing": "asap",
            "frequency_caps": {"day": 3},
            "targets": {"platforms": ["ios"], "placements": ["podcast"]},
            "budget": {"lifetime": "10 USD"},  # replaces as a whole: nothing to cancel
        },
    )
    assert doc == {
        "name": "Set",
        "targets": {"placements": ["music"], "platforms": None},
        "budget": {"daily": "1.00 USD"},
        "pacing": None,
        "frequency_caps": None,
    }


@pytest.mark.parametrize(
    ("campaign", "why"),
    [
        pytest.param({"status": "ACTIVE", "objective": "REACH", "name": "A"}, None),
        pytest.param(
            {"status": "ARCHIVED", "objective": "REACH", "name": "A"},
            "archived campaigns cannot change; left out",
        ),
        pytest.param(
            {"status": "PAUSED", "objective": "UNSET", "name": "A"},
            "objective 'UNSET' cannot be managed; left out",
        ),
        pytest.param(
            {
                "status": "PAUSED",
                "objective": "REACH",
                "name": "A (replaced 2030-01-01)",
            },
            "the old half of a replace (switched off); left out",
        ),
    ],
)
def test_which_campaigns_can_be_imported(
    campaign: dict[str, Any], why: str | None
) -> None:
    assert importable_campaign(campaign) == why


def test_siblings_whose_names_share_an_address_keep_the_first() -> None:
    names = Siblings()
    assert names.clash({"name": "Summer Sale", "id": "1"}) is None
    assert names.clash({"name": "summer-sale", "id": "2"}) == (
        "its name has the same address (summer-sale) as 'Summer Sale' (1), "
        "imported first; names identify objects, so it is left out"
    )


AD_SET = {
    "id": "s1",
    "name": "Set",
    "category": "ADV_1_1",
    "asset_format": "AUDIO",
    "start_time": "2031-01-01T00:00:00.000+00:00",
    "end_time": "2031-02-01T00:00:00Z",
    "budget": {"micro_amount": 12_345_678, "type": "DAILY", "currency": "SEK"},
    "bid_strategy": "MAX_BID",
    "bid_micro_amount": 9_000_000,
    "pacing": "PACING_EVEN",
    "delivery": "ON",
    "targets": {"placements": ["MUSIC"], "platforms": ["IOS", "DESKTOP", "ANDROID"]},
    "slot_positions": ["PRE_ROLL"],
}
AD = {
    "id": "a1",
    "name": "Ad",
    "tagline": "Hello there",
    "advertiser_name": "Me",
    "assets": {"asset_id": "x", "companion_asset_id": "y", "logo_asset_id": "z"},
    "call_to_action": {
        "key": "LEARN_MORE",
        "text": "Learn more",
        "language": "ENGLISH",
        "clickthrough_url": "https://example.com",
    },
    "delivery": "ON",
    "start_time": "2031-01-01T00:00:00Z",
    "end_time": "2031-01-20T00:00:00Z",
}


def test_a_campaign_document_in_full() -> None:
    notes = Notes()
    live = LiveCampaign(
        {"id": "c1", "name": "Camp", "objective": "REACH", "status": "ACTIVE"},
        [(AD_SET, [AD, {**AD, "id": "a2", "status": "ARCHIVED"}])],
    )
    doc = campaign_document(
        live, account="main", currency="SEK", refer=lambda i: {"id": i}, notes=notes
    )
    assert doc == {
        "apiVersion": "campaignctl/v1",
        "kind": "Campaign",
        "account": "main",
        "name": "Camp",
        "id": "c1",
        "objective": "REACH",
        "prune": False,
        "ad_sets": [
            {
                "name": "Set",
                "id": "s1",
                "category": "ADV_1_1",
                "format": "AUDIO",
                "schedule": {
                    "start": "2031-01-01T00:00:00Z",
                    "end": "2031-02-01T00:00:00Z",
                },
                "budget": {"daily": "12.345678 SEK"},
                "bid": {"max_cpm": "9.00 SEK"},
                "targets": {"placements": ["music"]},
                "ads": [
                    {
                        "name": "Ad",
                        "id": "a1",
                        "tagline": "Hello there",
                        "advertiser_name": "Me",
                        "audio": {"id": "x"},
                        "companion": {"id": "y"},
                        "logo": {"id": "z"},
                        "call_to_action": {"url": "https://example.com"},
                        "schedule": {"end": "2031-01-20T00:00:00Z"},
                    }
                ],
            }
        ],
    }
    assert notes.lines == [
        "ad set 'Set' (s1): slot_positions not managed by manifests; left as they are",
        "ad 'Ad' (a2): archived; left out",
    ]


def test_an_ad_with_its_own_delivery_and_cta() -> None:
    ad = {
        **AD,
        "delivery": "OFF",
        "start_time": "2031-01-05T00:00:00Z",
        "call_to_action": {
            "key": "SHOP_NOW",
            "language": "SWEDISH",
            "clickthrough_url": "https://example.com/s",
        },
        "third_party_tracking": [{"measurement_partner": "IAS", "url": "https://i"}],
    }
    assert ad_document(ad, ad_set=AD_SET, refer=str) == {
        "name": "Ad",
        "id": "a1",
        "tagline": "Hello there",
        "advertiser_name": "Me",
        "audio": "x",
        "companion": "y",
        "logo": "z",
        "call_to_action": {
            "url": "https://example.com/s",
            "key": "SHOP_NOW",
            "language": "SWEDISH",
        },
        "delivery": "OFF",
        "schedule": {"start": "2031-01-05T00:00:00Z", "end": "2031-01-20T00:00:00Z"},
        "tracking": [{"partner": "IAS", "url": "https://i"}],
    }
