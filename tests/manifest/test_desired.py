"""Manifests → the planner's DesiredState, asserted whole."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from campaignctl.errors import Location
from campaignctl.manifest import load_workspace
from campaignctl.plan.state import (
    DesiredAd,
    DesiredAdSet,
    DesiredAsset,
    DesiredCampaign,
    DesiredState,
)
from tests.manifest.trees import ACCOUNT, BASE, NOW, media_files, project, write_tree

FULL = """\
apiVersion: campaignctl/v1
kind: Campaign
account: sandbox
name: Full Campaign
id: 3FA85F64-5717-4562-B3FC-2C963F66AFA6
objective: CLICKS
delivery_goal_group: WEBSITE_TRAFFIC
purchase_order: PO-1
status: PAUSED
prune: true
ad_sets:
  - name: Everything Set
    category: adv_1_6
    format: audio
    delivery: OFF
    delivery_goal: clicks
    schedule: {start: 2030-06-01, end: "2030-06-30T12:00:00+00:00"}
    budget: {lifetime: "1,250.50 USD"}
    bid: {cost_per_result: 1.5}
    pacing: even
    frequency_caps:
      - {unit: day, impressions: 2}
      - {unit: week, period: 2, impressions: 20}
    targets:
      placements: [music, podcast]
      ages: [18-24, 55+, {min: 30, max: 40}]
      genders: [female, non-binary]
      geo:
        country: se
        regions: ["2673722"]
        cities: ["2673730"]
        postal_codes: ["SE:11120"]
      language: SV
      genres: [rock]
      playlists: [holidays]
      artists: [06HL4z0CvFAxyc27GXpf02]
      interests: [7ebe6459-5fea-4a50-887d-273c06080c78]
      episode_topics: [video-gaming]
      platforms: [ios]
      audiences: [46b303e4-09a4-4c8e-998b-37186ff8120a]
      exclude_audiences: [365a5223-0024-4579-a881-3b08e8720021]
      brand_safety: {topics: {alcohol: restricted, crime-violence: limited}}
      day_parts: [{days: [saturday, sunday], hours: [8-11, 20]}]
    ads:
      - name: Spot A
        tagline: New album out now
        advertiser_name: Nightjar Records
        audio: assets/spot.wav
        companion: assets/cover.png
        logo: assets/logo.png
        canvas: assets/canvas.png
        delivery: OFF
        schedule: {end: 2030-06-20}
        call_to_action:
          key: listen_now
          url: https://example.com/listen
          language: spanish_mexico
        tracking: [{partner: dcm, url: https://dcm.example.com/t}]
  - name: Minimal Set
    category: ADV_1_6
    format: AUDIO
    schedule: {start: 2030-06-01T00:00:00Z}
    budget: {daily: 20}
    bid: {max_cpm: 12.345678 USD}
    targets: {placements: [music]}
"""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_every_field_maps_to_the_api_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, FULL)
    monkeypatch.chdir(tmp_path)
    media = media_files()
    spot, cover, logo, canvas = (
        _digest(media[f"assets/{n}"])
        for n in ("spot.wav", "cover.png", "logo.png", "canvas.png")
    )
    desired = load_workspace([Path()], now=NOW).desired

    def at(line: int, col: int) -> Location:
        return Location("campaign.yaml", line, col)

    ad = DesiredAd(
        address="full-campaign/everything-set/spot-a",
        name="Spot A",
        body={
            "name": "Spot A",
            "tagline": "New album out now",
            "advertiser_name": "Nightjar Records",
            "assets": {
                "asset_id": spot,
                "companion_asset_id": cover,
                "logo_asset_id": logo,
                "canvas_asset_id": canvas,
            },
            "call_to_action": {
                "clickthrough_url": "https://example.com/listen",
                "key": "LISTEN_NOW",
                "language": "SPANISH_MEXICO",
            },
            "delivery": "OFF",
            "end_time": "2030-06-20T00:00:00Z",
            "third_party_tracking": [
                {"measurement_partner": "DCM", "url": "https://dcm.example.com/t"}
            ],
        },
        source=at(45, 9),
    )
    everything = DesiredAdSet(
        address="full-campaign/everything-set",
        name="Everything Set",
        body={
            "name": "Everything Set",
            "start_time": "2030-06-01T00:00:00Z",
            "end_time": "2030-06-30T12:00:00Z",
            "budget": {"micro_amount": 1_250_500_000, "type": "LIFETIME"},
            "asset_format": "AUDIO",
            "bid_strategy": "COST_PER_RESULT",
            "bid_micro_amount": 1_500_000,
            "category": "ADV_1_6",
            "pacing": "PACING_EVEN",
            "frequency_caps": [
                {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 2},
                {
                    "frequency_unit": "WEEK",
                    "frequency_period": 2,
                    "max_impressions": 20,
                },
            ],
            "delivery_goal": "CLICKS",
            "targets": {
                "age_ranges": [
                    {"min": 18, "max": 24},
                    {"min": 55},
                    {"min": 30, "max": 40},
                ],
                "genders": ["FEMALE", "NON_BINARY"],
                "geo_targets": {
                    "country_code": "SE",
                    "region_ids": ["2673722"],
                    "city_ids": ["2673730"],
                    "postal_code_ids": ["SE:11120"],
                },
                "language": "sv",
                "genre_ids": ["rock"],
                "playlist_ids": ["holidays"],
                "artist_ids": ["06HL4z0CvFAxyc27GXpf02"],
                "interest_ids": ["7ebe6459-5fea-4a50-887d-273c06080c78"],
                "podcast_episode_topic_ids": ["video-gaming"],
                "platforms": ["IOS"],
                "placements": ["MUSIC", "PODCAST"],
                "audience_ids": ["46b303e4-09a4-4c8e-998b-37186ff8120a"],
                "audience_ids_exclusions": ["365a5223-0024-4579-a881-3b08e8720021"],
                "sensitive_topic_exclusions": {
                    "topics": [
                        {"id": "alcohol", "filter_option": "RESTRICTED"},
                        {"id": "crime-violence", "filter_option": "LIMITED"},
                    ]
                },
                "user_day_parts": [
                    {
                        "day_of_week": ["SATURDAY", "SUNDAY"],
                        "hour_of_day": [{"min": 8, "max": 11}, {"min": 20, "max": 20}],
                    }
                ],
            },
            "delivery": "OFF",
        },
        ads=(ad,),
        currency="USD",
        source=at(12, 5),
    )
    minimal = DesiredAdSet(
        address="full-campaign/minimal-set",
        name="Minimal Set",
        body={
            "name": "Minimal Set",
            "start_time": "2030-06-01T00:00:00Z",
            "budget": {"micro_amount": 20_000_000, "type": "DAILY"},
            "asset_format": "AUDIO",
            "bid_strategy": "MAX_BID",
            "bid_micro_amount": 12_345_678,
            "category": "ADV_1_6",
            "targets": {"placements": ["MUSIC"]},
            "delivery": "ON",
        },
        currency="USD",
        source=at(59, 5),
    )
    campaign = DesiredCampaign(
        address="full-campaign",
        account_id=ACCOUNT,
        name="Full Campaign",
        id="3fa85f64-5717-4562-b3fc-2c963f66afa6",
        body={
            "name": "Full Campaign",
            "objective": "CLICKS",
            "delivery_goal_group": "WEBSITE_TRAFFIC",
            "purchase_order": "PO-1",
            "status": "PAUSED",
        },
        prune=True,
        ad_sets=(everything, minimal),
        source=at(1, 1),
    )
    assets = (
        DesiredAsset(
            account_id=ACCOUNT,
            digest=spot,
            name=f"spot-{spot[:12]}.wav",
            asset_type="AUDIO",
            asset_subtype="USER_UPLOADED_AUDIO",
            path="assets/spot.wav",
            media_type="audio/wav",
            size=len(media["assets/spot.wav"]),
            source=at(48, 16),
        ),
        DesiredAsset(
            account_id=ACCOUNT,
            digest=cover,
            name=f"cover-{cover[:12]}.png",
            asset_type="IMAGE",
            path="assets/cover.png",
            media_type="image/png",
            size=len(media["assets/cover.png"]),
            source=at(49, 20),
        ),
        DesiredAsset(
            account_id=ACCOUNT,
            digest=logo,
            name=f"logo-{logo[:12]}.png",
            asset_type="IMAGE",
            path="assets/logo.png",
            media_type="image/png",
            size=len(media["assets/logo.png"]),
            source=at(50, 15),
        ),
        DesiredAsset(
            account_id=ACCOUNT,
            digest=canvas,
            name=f"canvas-{canvas[:12]}.png",
            asset_type="IMAGE",
            path="assets/canvas.png",
            media_type="image/png",
            size=len(media["assets/canvas.png"]),
            source=at(51, 17),
        ),
    )
    assert desired == DesiredState(campaigns=(campaign,), assets=assets)


def test_same_content_is_one_asset_per_account(tmp_path: Path) -> None:
    other = "00000000-0000-4000-a000-000000000002"
    second = BASE.replace("account: sandbox", f"account: {other}").replace(
        "Summer Launch 2030", "Winter Launch 2030"
    )
    logo = media_files()["assets/logo.png"]
    project(tmp_path, BASE, **{"b.yaml": second, "assets/logo-copy.png": logo})
    third = BASE.replace("Summer Launch", "Autumn Launch").replace(
        "logo.png", "logo-copy.png"
    )
    write_tree(tmp_path, {"c.yaml": third})
    desired = load_workspace([tmp_path], now=NOW).desired
    keys = [(a.account_id, a.path) for a in desired.assets]
    assert keys == [
        (other, "assets/spot.wav"),
        (other, "assets/cover.png"),
        (other, "assets/logo.png"),
        (ACCOUNT, "assets/spot.wav"),
        (ACCOUNT, "assets/cover.png"),
        (ACCOUNT, "assets/logo-copy.png"),
    ]
    assert [c.address for c in desired.campaigns] == [
        "winter-launch-2030",
        "autumn-launch-2030",
        "summer-launch-2030",
    ]
    assert desired.account_ids() == (ACCOUNT, other)
