"""An ad account built by hand (in "Ads Manager"), using every managed field.

Written through the sandbox's HTTP API one request at a time (so ids and
timestamps are reproducible), as a person: ``X-Sandbox-Actor``. Three
campaigns between them exercise every field the manifests manage: all
targeting kinds, both frequency-cap forms, pacing, delivery OFF ad sets and
ads, daily and lifetime budgets, the three bid strategies, video formats,
tracking, CTA keys and languages, ad schedules, purchase orders, a paused
campaign, and assets uploaded by campaignctl (content-addressed names) and
by hand (not).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import httpx

from tests.sandbox import media

ACCOUNT = "00000000-0000-4000-a000-000000000001"
BASE = f"/ad_accounts/{ACCOUNT}"
ACTOR = {"X-Sandbox-Actor": "maria@example.com"}
MIME = {"AUDIO": "audio/wav", "IMAGE": "image/png", "VIDEO": "video/mp4"}
START = "2030-03-01T00:00:00Z"
END = "2030-06-30T00:00:00Z"


@dataclass
class Seeder:
    client: httpx.Client

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        reply = self.client.post(f"{BASE}/{path}", json=body, headers=ACTOR)
        assert reply.is_success, reply.text
        return dict(reply.json())

    def patch(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        reply = self.client.patch(f"{BASE}/{path}", json=body, headers=ACTOR)
        assert reply.is_success, reply.text
        return dict(reply.json())

    def asset(self, stem: str, kind: str, data: bytes, *, addressed: bool) -> str:
        """An uploaded asset; ``addressed`` names it the way campaignctl does."""
        extension = {"AUDIO": ".wav", "IMAGE": ".png", "VIDEO": ".mp4"}[kind]
        short = hashlib.sha256(data).hexdigest()[:12]
        name = f"{stem}-{short}{extension}" if addressed else f"{stem}{extension}"
        body: dict[str, Any] = {"name": name, "asset_type": kind}
        if kind == "AUDIO":
            body["asset_subtype"] = "USER_UPLOADED_AUDIO"
        asset_id = str(self.post("assets", body)["id"])
        files = {"media": (name, data, MIME[kind])}
        reply = self.client.post(
            f"{BASE}/assets/{asset_id}/upload",
            files=files,
            data={"asset_type": kind},
            headers=ACTOR,
        )
        assert reply.is_success, reply.text
        return asset_id


def seed_account(client: httpx.Client) -> dict[str, str]:
    """Build the account; returns the ids of the objects by short name."""
    seed = Seeder(client)
    ids = {
        "spot": seed.asset("spot", "AUDIO", media.wav(ms=1500), addressed=True),
        "cover": seed.asset("cover", "IMAGE", media.png(640, 640), addressed=True),
        "logo": seed.asset("Brand Logo", "IMAGE", media.png(320, 320), addressed=False),
        "canvas": seed.asset("canvas", "IMAGE", media.png(540, 960), addressed=True),
        "video": seed.asset("teaser", "VIDEO", media.mp4(), addressed=True),
        "banner": seed.asset("banner", "IMAGE", media.png(600, 500), addressed=True),
    }
    ids |= _clicks_campaign(seed, ids)
    ids |= _video_campaign(seed, ids)
    ids |= _display_campaign(seed, ids)
    return ids


def _clicks_campaign(seed: Seeder, ids: dict[str, str]) -> dict[str, str]:
    campaign = seed.post(
        "campaigns",
        {
            "name": "Autumn Tour 2030",
            "objective": "CLICKS",
            "delivery_goal_group": "WEBSITE_TRAFFIC",
            "purchase_order": "PO-2030-118",
        },
    )
    seed.patch(f"campaigns/{campaign['id']}", {"status": "PAUSED"})
    ad_set = seed.post(
        "ad_sets",
        {
            "name": "Podcast Fans - Every Target",
            "campaign_id": campaign["id"],
            "category": "ADV_21_182",
            "asset_format": "AUDIO",
            "start_time": START,
            "end_time": END,
            "budget": {"micro_amount": 2_500_500_000, "type": "LIFETIME"},
            "bid_strategy": "COST_PER_RESULT",
            "bid_micro_amount": 1_750_000,
            "pacing": "PACING_EVEN",
            "delivery_goal": "CLICKS",
            "frequency_caps": [
                {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 2},
                {
                    "frequency_unit": "WEEK",
                    "frequency_period": 2,
                    "max_impressions": 20,
                },
            ],
            "targets": EVERY_TARGET,
        },
    )
    seed.patch(f"ad_sets/{ad_set['id']}", {"delivery": "OFF"})
    ad = seed.post(
        "ads",
        {
            "name": "Tour Spot",
            "ad_set_id": ad_set["id"],
            "tagline": "Tickets on sale Friday",
            "advertiser_name": "Nightjar Records",
            "assets": {
                "asset_id": ids["spot"],
                "companion_asset_id": ids["cover"],
                "logo_asset_id": ids["logo"],
                "canvas_asset_id": ids["canvas"],
            },
            "call_to_action": {
                "key": "BUY_TICKETS",
                "language": "SPANISH_MEXICO",
                "clickthrough_url": "https://example.com/tour?lang=es",
            },
            "end_time": "2030-05-31T00:00:00Z",
            "third_party_tracking": [
                {"measurement_partner": "DCM", "url": "https://dcm.example.com/t"},
                {"measurement_partner": "IAS", "url": "https://ias.example.com/i"},
            ],
        },
    )
    seed.patch(f"ads/{ad['id']}", {"delivery": "OFF"})
    return {"clicks": campaign["id"], "clicks_set": ad_set["id"], "tour": ad["id"]}


EVERY_TARGET = {
    "placements": ["MUSIC", "PODCAST"],
    "age_ranges": [{"min": 18, "max": 24}, {"min": 30, "max": 30}, {"min": 55}],
    "genders": ["FEMALE", "NON_BINARY"],
    "geo_targets": {
        "country_code": "US",
        "region_ids": ["5332921", "5128638"],
        "city_ids": ["5128581"],
        "postal_code_ids": ["US:10001", "US:90210"],
    },
    "language": "es",
    "genre_ids": ["blues", "rock"],
    "playlist_ids": ["workout"],
    "artist_ids": ["06HL4z0CvFAxyc27GXpf02"],
    "interest_ids": ["365a5223-0024-4579-a881-3b08e8720021"],
    "podcast_episode_topic_ids": ["music-and-audio", "video-gaming"],
    "platforms": ["IOS", "ANDROID"],
    "audience_ids": ["46b303e4-09a4-4c8e-998b-37186ff8120a"],
    "audience_ids_exclusions": ["7ebe6459-5fea-4a50-887d-273c06080c78"],
    "sensitive_topic_exclusions": {
        "topics": [
            {"id": "alcohol", "filter_option": "RESTRICTED"},
            {"id": "gambling", "filter_option": "LIMITED"},
        ]
    },
    "user_day_parts": [
        {
            "day_of_week": ["SATURDAY", "SUNDAY"],
            "hour_of_day": [{"min": 8, "max": 11}, {"min": 20, "max": 20}],
        }
    ],
}


def _video_campaign(seed: Seeder, ids: dict[str, str]) -> dict[str, str]:
    campaign = seed.post("campaigns", {"name": "Teaser Video", "objective": "REACH"})
    ad_set = seed.post(
        "ad_sets",
        {
            "name": "Opt-in Video DE",
            "campaign_id": campaign["id"],
            "category": "ADV_21_182",
            "asset_format": "VIDEO",
            "start_time": START,
            "budget": {"micro_amount": 80_000_000, "type": "DAILY"},
            "bid_strategy": "MAX_BID",
            "bid_micro_amount": 15_250_000,
            "pacing": "PACING_ASAP",
            "video_delivery_formats": ["OPT_IN"],
            "frequency_caps": [
                {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 3},
                {"frequency_unit": "WEEK", "frequency_period": 1, "max_impressions": 9},
            ],
            "targets": {
                "placements": ["MUSIC"],
                "geo_targets": {"country_code": "DE"},
                "sensitive_topic_exclusions": {"filter_option": "PARTIAL"},
            },
        },
    )
    ad = seed.post(
        "ads",
        {
            "name": "Teaser 15s",
            "ad_set_id": ad_set["id"],
            "tagline": "Watch the teaser",
            "advertiser_name": "Nightjar Records",
            "assets": {"asset_id": ids["video"], "logo_asset_id": ids["logo"]},
            "call_to_action": {"clickthrough_url": "https://example.com/teaser"},
        },
    )
    return {
        "video_campaign": campaign["id"],
        "video_set": ad_set["id"],
        "teaser": ad["id"],
    }


def _display_campaign(seed: Seeder, ids: dict[str, str]) -> dict[str, str]:
    campaign = seed.post(
        "campaigns",
        {"name": "Display Always On", "objective": "EVEN_IMPRESSION_DELIVERY"},
    )
    ad_set = seed.post(
        "ad_sets",
        {
            "name": "Display Defaults",
            "campaign_id": campaign["id"],
            "category": "ADV_1_1",
            "asset_format": "IMAGE",
            "start_time": START,
            "budget": {"micro_amount": 40_000_000, "type": "DAILY"},
            "bid_strategy": "AUTOBID",
            "targets": {"placements": ["MUSIC"]},
        },
    )
    ad = seed.post(
        "ads",
        {
            "name": "Banner",
            "ad_set_id": ad_set["id"],
            "tagline": "Always on",
            "advertiser_name": "Nightjar Records",
            "assets": {"asset_id": ids["banner"], "logo_asset_id": ids["logo"]},
            "call_to_action": {
                "key": "LEARN_MORE",
                "language": "ENGLISH",
                "clickthrough_url": "https://example.com/",
            },
        },
    )
    return {
        "display": campaign["id"],
        "display_set": ad_set["id"],
        "banner_ad": ad["id"],
    }
