"""BRIEF §11 rules 6-8: conditional requirements, field rules, ad/asset coupling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from . import media
from .helpers import (
    ad_body,
    ad_set_body,
    audio_ad_assets,
    campaign_body,
    create,
    messages,
    path,
    ready_asset,
    upload,
)

TARGETS = {"placements": ["MUSIC"], "geo_targets": {"country_code": "US"}}


def _ad_set_reply(
    client: httpx.Client, objective: str = "EVEN_IMPRESSION_DELIVERY", **overrides: Any
) -> httpx.Response:
    campaign = create(client, "campaigns", campaign_body(objective=objective))
    return client.post(path("ad_sets"), json=ad_set_body(campaign["id"], **overrides))


CONDITIONAL = [
    pytest.param(
        {"budget": {"micro_amount": 250_000_000, "type": "LIFETIME"}, "end_time": None},
        "EVEN_IMPRESSION_DELIVERY",
        ["end_time: is required when budget.type is LIFETIME"],
        id="lifetime-needs-end",
    ),
    pytest.param(
        {"bid_micro_amount": None},
        "EVEN_IMPRESSION_DELIVERY",
        ["bid_micro_amount: is required when bid_strategy is MAX_BID"],
        id="max-bid-needs-bid",
    ),
    pytest.param(
        {"bid_micro_amount": 0},
        "EVEN_IMPRESSION_DELIVERY",
        ["bid_micro_amount: must be greater than 0"],
        id="bid-positive",
    ),
    pytest.param(
        {"bid_strategy": "COST_PER_RESULT", "pacing": "PACING_ASAP"},
        "REACH",
        [
            "bid_strategy: COST_PER_RESULT needs the CLICKS objective",
            "bid_strategy: COST_PER_RESULT needs a LIFETIME budget",
            "bid_strategy: COST_PER_RESULT needs pacing PACING_EVEN",
        ],
        id="cost-per-result",
    ),
    pytest.param(
        {"targets": {"geo_targets": {"country_code": "US"}}},
        "EVEN_IMPRESSION_DELIVERY",
        ["targets.placements: is required and must contain MUSIC and/or PODCAST"],
        id="placements-required",
    ),
    pytest.param(
        {"targets": {"placements": ["PODCAST"]}},
        "EVEN_IMPRESSION_DELIVERY",
        ["targets.placements: PODCAST cannot be targeted on its own; add MUSIC"],
        id="podcast-alone",
    ),
    pytest.param(
        {"targets": TARGETS},
        "APP_INSTALLS",
        [
            "mobile_app_id: is required for the APP_INSTALLS objective",
            "targets.platforms: APP_INSTALLS needs exactly one of IOS or ANDROID",
        ],
        id="app-installs",
    ),
    pytest.param(
        {
            "asset_format": "VIDEO",
            "video_delivery_formats": ["IN_STREAM"],
            "targets": {
                "placements": ["MUSIC", "PODCAST"],
                "platforms": ["DESKTOP", "IOS"],
            },
        },
        "VIDEO_VIEWS",
        [
            "video_delivery_formats: VIDEO_VIEWS allows only ['OPT_IN']",
            "targets.platforms: VIDEO_VIEWS cannot target DESKTOP",
            "targets.placements: VIDEO_VIEWS allows MUSIC only",
        ],
        id="video-views",
    ),
    pytest.param(
        {"asset_format": "AUDIO"},
        "VIDEO_VIEWS",
        ["asset_format: AUDIO is not available for objective VIDEO_VIEWS"],
        id="objective-format",
    ),
    pytest.param(
        {
            "targets": {
                "placements": ["MUSIC"],
                "sensitive_topic_exclusions": {
                    "filter_option": "LIMITED",
                    "topics": [{"id": "alcohol", "filter_option": "RESTRICTED"}],
                },
            }
        },
        "EVEN_IMPRESSION_DELIVERY",
        [
            "targets.sensitive_topic_exclusions: set topic-level filters or a global "
            "filter_option, not both"
        ],
        id="sensitive-topics",
    ),
]


@pytest.mark.parametrize(("overrides", "objective", "expected"), CONDITIONAL)
def test_rule_06_conditional_requirements(
    sandbox_client: httpx.Client,
    overrides: dict[str, Any],
    objective: str,
    expected: list[str],
) -> None:
    body_overrides = {k: v for k, v in overrides.items() if v is not None}
    campaign = create(sandbox_client, "campaigns", campaign_body(objective=objective))
    body = ad_set_body(campaign["id"], **body_overrides)
    for key in (k for k, v in overrides.items() if v is None):
        del body[key]
    reply = sandbox_client.post(path("ad_sets"), json=body)
    assert (reply.status_code, messages(reply)) == (400, expected)


FIELDS = [
    pytest.param(
        {"name": " padded"}, ["name: has an invalid format"], id="campaign-name-edge"
    ),
    pytest.param(
        {"name": "x" * 201}, ["name: string should have at most 200"], id="long-name"
    ),
    pytest.param(
        {"purchase_order": "P"}, ["purchase_order: string should have at least 2"]
    ),
    pytest.param(
        {"objective": "SALES"}, ["objective: must be one of 'UNSET', 'REACH'"]
    ),
    pytest.param(
        {"objective": "UNSET"}, ["objective: UNSET is reserved for internal use"]
    ),
    pytest.param({"extra": 1}, ["extra: unknown field (not in the request schema)"]),
]


@pytest.mark.parametrize(("overrides", "prefixes"), FIELDS)
def test_rule_07_campaign_fields(
    sandbox_client: httpx.Client, overrides: dict[str, Any], prefixes: list[str]
) -> None:
    reply = sandbox_client.post(path("campaigns"), json=campaign_body(**overrides))
    assert reply.status_code == 400
    assert [
        m[: len(p)] for m, p in zip(messages(reply), prefixes, strict=True)
    ] == prefixes


AD_SET_FIELDS = [
    pytest.param(
        {"start_time": "2030-01-01T00:30:00Z"},
        ["start_time: must be at least one hour"],
    ),
    pytest.param(
        {"start_time": "2030-02-01T00:00:00+01:00"},
        ["start_time: has an invalid format"],
    ),
    pytest.param(
        {"end_time": "2030-02-01T00:00:00Z"}, ["end_time: must be after start_time"]
    ),
    pytest.param(
        {"end_time": "2031-02-02T00:00:00Z"}, ["end_time: must be within 365 days"]
    ),
    pytest.param(
        {"bid_strategy": {"type": "MAX_BID"}}, ["bid_strategy: must be one of"]
    ),
    pytest.param(
        {"targets": {"placements": ["MUSIC"], "geo_targets": [{"country_code": "US"}]}},
        ["targets.geo_targets: input should be a valid dictionary"],
    ),
    pytest.param(
        {"targets": {"placements": ["MUSIC"], "geo_targets": {"dma_ids": ["501"]}}},
        ["targets.geo_targets.dma_ids: unknown field"],
    ),
    pytest.param(
        {"targets": {"placements": ["MUSIC"], "age_ranges": [{"min": 12}]}},
        ["targets.age_ranges[0].min: input should be greater than or equal to 13"],
    ),
    pytest.param(
        {
            "frequency_caps": [
                {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 6}
            ]
        },
        ["frequency_caps[0].max_impressions: at most 5 per DAY"],
    ),
    pytest.param(
        {
            "frequency_caps": [
                {"frequency_unit": "DAY", "frequency_period": i, "max_impressions": 1}
                for i in range(1, 8)
            ]
        },
        ["frequency_caps: value should have at most 6 items"],
    ),
    pytest.param(
        {"category": "ADV_21_0"},
        ["category: has an invalid format"],
        id="parent-category",
    ),
    pytest.param(
        {"targets": {"placements": ["MUSIC"], "genre_ids": ["zydeco-punk"]}},
        ["targets.genre_ids: unknown id 'zydeco-punk' (see GET /targets/genres)"],
    ),
    pytest.param(
        {
            "targets": {
                "placements": ["MUSIC"],
                "geo_targets": {"country_code": "US", "city_ids": ["2643743"]},
            }
        },
        ["targets.geo_targets.city_ids: '2643743' is not in US"],
    ),
    pytest.param({"status": "ACTIVE"}, ["status: is read-only"]),
    pytest.param(
        {"budget": {"micro_amount": 1.5, "type": "DAILY"}},
        ["budget.micro_amount: input should be a valid integer"],
    ),
]


@pytest.mark.parametrize(("overrides", "prefixes"), AD_SET_FIELDS)
def test_rule_07_ad_set_fields(
    sandbox_client: httpx.Client, overrides: dict[str, Any], prefixes: list[str]
) -> None:
    reply = _ad_set_reply(sandbox_client, **overrides)
    assert reply.status_code == 400
    assert [
        m[: len(p)] for m, p in zip(messages(reply), prefixes, strict=True)
    ] == prefixes


def test_rule_07_ad_fields(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    ad_set = create(client, "ad_sets", ad_set_body(campaign["id"]))
    assets = audio_ad_assets(client)
    body = ad_body(
        ad_set["id"],
        assets,
        tagline="New album out now ",
        advertiser_name="N",
        third_party_tracking=[
            {"measurement_partner": "IAS", "url": "https://t.example"}
        ]
        * 12,
        call_to_action={"key": "BUY", "clickthrough_url": "ftp://x"},
    )
    reply = client.post(path("ads"), json=body)
    assert (reply.status_code, messages(reply)) == (
        400,
        [
            "advertiser_name: string should have at least 2 characters",
            "tagline: has an invalid format (no leading or trailing whitespace, "
            "at least 2 characters)",
            "third_party_tracking: list should have at most 11 items after "
            "validation, not 12",
            "call_to_action.key: must be one of 'APPLY_NOW', 'BOOK_NOW', 'BUY_NOW', "
            "'BUY_TICKETS', 'CLICK_NOW', 'DOWNLOAD', 'FIND_STORES', 'GET_COUPON', "
            "'GET_INFO', 'LEARN_MORE', 'LISTEN_NOW', 'MORE_INFO', 'ORDER_NOW', "
            "'PRE_SAVE', 'SAVE_NOW', 'SHARE', 'SHOP_NOW', 'SIGN_UP', 'VISIT_PROFILE', "
            "'VISIT_SITE' or 'WATCH_NOW'",
        ],
    )


def test_rule_08_ad_asset_coupling(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    ad_set = create(client, "ad_sets", ad_set_body(campaign["id"]))
    audio = ready_asset(client, "AUDIO")["id"]
    image = ready_asset(client, "IMAGE")["id"]
    waiting = create(client, "assets", {"asset_type": "IMAGE", "name": "later.png"})[
        "id"
    ]
    broken = create(client, "assets", {"asset_type": "IMAGE", "name": "broken.png"})[
        "id"
    ]
    upload(client, broken, media.png()[:60], "image/png", "IMAGE")
    landscape = ready_asset(client, "IMAGE", media.png(1200, 628))["id"]
    cases = [
        (
            {"asset_id": audio, "logo_asset_id": image},
            ["assets.companion_asset_id: is required for AUDIO ad sets"],
        ),
        (
            {"asset_id": image, "logo_asset_id": audio, "companion_asset_id": waiting},
            [
                f"assets.asset_id: asset {image} is IMAGE, needs AUDIO",
                f"assets.logo_asset_id: asset {audio} is AUDIO, needs IMAGE",
                f"assets.companion_asset_id: asset {waiting} is WAITING_UPLOAD, "
                "must be READY",
            ],
        ),
        (
            {
                "asset_id": audio,
                "logo_asset_id": broken,
                "companion_asset_id": image,
                "canvas_asset_id": landscape,
            },
            [
                f"assets.logo_asset_id: asset {broken} is ERROR, must be READY",
                "assets.canvas_asset_id: canvas must be 9:16 (VERTICAL_9_16)",
            ],
        ),
    ]
    for assets, expected in cases:
        reply = client.post(path("ads"), json=ad_body(ad_set["id"], assets))
        assert (reply.status_code, messages(reply)) == (400, expected)
    missing_logo = client.post(
        path("ads"), json=ad_body(ad_set["id"], {"asset_id": audio})
    )
    assert messages(missing_logo) == ["assets.logo_asset_id: is required"]
    long_audio = ready_asset(client, "AUDIO", media.wav(ms=32_000))["id"]
    assets = {**audio_ad_assets(client), "asset_id": long_audio}
    reply = client.post(path("ads"), json=ad_body(ad_set["id"], assets))
    assert messages(reply) == ["assets.asset_id: audio is 32000 ms, at most 31000 ms"]
    video_campaign = create(client, "campaigns", campaign_body(objective="REACH"))
    video_set = create(
        client, "ad_sets", ad_set_body(video_campaign["id"], asset_format="VIDEO")
    )
    portrait = ready_asset(client, "IMAGE", media.png(1080, 1920))["id"]
    video = ready_asset(client, "VIDEO")["id"]
    reply = client.post(
        path("ads"),
        json=ad_body(
            video_set["id"],
            {"asset_id": video, "logo_asset_id": image, "canvas_asset_id": portrait},
        ),
    )
    assert messages(reply) == [
        "assets.canvas_asset_id: canvas is only for AUDIO ad sets"
    ]
    ok = client.post(
        path("ads"),
        json=ad_body(video_set["id"], {"asset_id": video, "logo_asset_id": image}),
    )
    assert ok.status_code == 201
    assert ok.json()["assets"] == {"asset_id": video, "logo_asset_id": image}


def test_rule_07_schedule_changes(
    sandbox_client: httpx.Client, sandbox_advance: Callable[..., Any]
) -> None:
    client = sandbox_client
    campaign = create(client, "campaigns", campaign_body())
    ad_set = create(client, "ad_sets", ad_set_body(campaign["id"]))
    assets = audio_ad_assets(client)
    inheriting = create(client, "ads", ad_body(ad_set["id"], assets))
    pinned = create(
        client,
        "ads",
        ad_body(ad_set["id"], assets, name="Pinned", end_time="2030-02-10T00:00:00Z"),
    )
    url = path("ad_sets", ad_set["id"])
    moved = client.patch(url, json={"end_time": "2030-02-20T00:00:00Z"})
    assert moved.json()["end_time"] == "2030-02-20T00:00:00Z"
    times = [
        (ad["start_time"], ad["end_time"])
        for ad in (
            client.get(path("ads", a["id"])).json() for a in (inheriting, pinned)
        )
    ]
    assert times == [
        ("2030-02-01T00:00:00Z", "2030-02-20T00:00:00Z"),
        ("2030-02-01T00:00:00Z", "2030-02-10T00:00:00Z"),
    ]
    sandbox_advance(days=32)  # 2030-02-02: the flight has started
    late_start = client.patch(url, json={"start_time": "2030-02-05T00:00:00Z"})
    assert messages(late_start) == [
        "start_time: cannot be changed after the ad set has started"
    ]
    past_end = client.patch(url, json={"end_time": "2030-02-01T12:00:00Z"})
    assert messages(past_end) == ["end_time: must be in the future"]
    shorter = client.patch(url, json={"end_time": "2030-02-15T00:00:00Z"})
    assert shorter.status_code == 200
