"""Delivery simulation: late data, distinct counts and format metrics."""

from __future__ import annotations

import math
from pathlib import Path

from campaignctl.sandbox.clock import parse_time
from campaignctl.sandbox.reports.visible import late_share

from .helpers import ad_body, create, ready_asset
from .reporting import DAY, JSON, advance, daily, delivering, lifetime, sandbox

FIELDS = ["IMPRESSIONS", "CLICKS", "SPEND", "REACH", "COMPLETES"]


def test_late_figures_shift_on_each_advance_then_settle() -> None:
    day = "2030-01-02T00:00:00Z"
    with sandbox(seed=3) as client:
        setup = delivering(client)
        advance(client, days=3)
        seen: list[tuple[float, JSON]] = []
        for _ in range(10):
            now = advance(client, days=1)["now"]
            [shown] = daily(
                client,
                setup.ad_ids[0],
                ["IMPRESSIONS", "SPEND"],
                day,
                day,
                entity_type="AD",
            )
            seen.append((parse_time(now) or 0.0, shown))
    settled = seen[-1][1]
    share = late_share(3, setup.ad_ids[0], parse_time(day) or 0.0)
    for as_of, shown in seen:
        age = math.floor((as_of - (parse_time(day) or 0.0) - DAY) / 3600)
        left = max(0, 168 - age)
        impressions = settled["IMPRESSIONS"]
        assert shown["IMPRESSIONS"] == impressions - math.floor(
            impressions * share * left / 168
        )
    impressions = [shown["IMPRESSIONS"] for _, shown in seen]
    assert impressions == sorted(impressions)
    assert len(set(impressions[:6])) == 6  # a little more after each advance
    assert impressions[6:] == [settled["IMPRESSIONS"]] * 4  # 7 days on: final


def test_reach_does_not_add_up_across_days() -> None:
    with sandbox() as client:
        setup = delivering(client, ads=2)
        advance(client, days=10)
        days = daily(
            client,
            setup.ad_set_id,
            ["REACH", "IMPRESSIONS"],
            "2030-01-01T00:00:00Z",
            "2030-01-10T00:00:00Z",
        )
        whole = lifetime(client, "AD_SET", ["REACH", "IMPRESSIONS", "FREQUENCY"])
        ads = lifetime(client, "AD", ["REACH"])
    total = whole[setup.ad_set_id]
    assert total["IMPRESSIONS"] == sum(day["IMPRESSIONS"] for day in days)
    assert total["REACH"] < sum(day["REACH"] for day in days)
    assert total["REACH"] < sum(ad["REACH"] for ad in ads.values())
    assert total["FREQUENCY"] == round(total["IMPRESSIONS"] / total["REACH"], 6)


def test_podcast_placements_serve_some_impressions_off_spotify() -> None:
    fields = ["IMPRESSIONS", "OFF_SPOTIFY_IMPRESSIONS", "VIDEO_VIEWS", "STREAMS"]
    with sandbox() as client:
        audio = delivering(client, targets=_targets(["MUSIC", "PODCAST"]))
        advance(client, days=2)
        found = lifetime(client, "AD_SET", fields)[audio.ad_set_id]
    assert found["IMPRESSIONS"] > 0 and found["OFF_SPOTIFY_IMPRESSIONS"] > 0
    assert found["VIDEO_VIEWS"] == found["STREAMS"] == 0


def test_video_ad_sets_get_video_metrics() -> None:
    fields = ["IMPRESSIONS", "VIDEO_VIEWS", "UNMUTES", "VIDEO_EXPAND_RATE"]
    with sandbox() as client:
        setup = delivering(client, ads=0, asset_format="VIDEO")
        assets = {
            "asset_id": ready_asset(client, "VIDEO")["id"],
            "logo_asset_id": ready_asset(client, "IMAGE", name="logo.png")["id"],
        }
        create(client, "ads", ad_body(setup.ad_set_id, assets))
        advance(client, days=2)
        found = lifetime(client, "AD_SET", fields)[setup.ad_set_id]
    assert found["VIDEO_VIEWS"] > 0 and found["UNMUTES"] > 0
    assert 0 < found["VIDEO_EXPAND_RATE"] < 1


def test_promotions_bring_streams_and_listeners() -> None:
    promotion = {
        "promotion_goal": "ARTIST_PROMO",
        "promotion_target_id": "1dfeR4HaWDbWqFHLkxsg1d",
    }
    fields = [
        *("IMPRESSIONS", "REACH", "STREAMS", "LISTENERS", "NEW_LISTENERS"),
        *("NEW_LISTENER_STREAMS", "STREAMS_PER_USER", "CONVERSION_RATE"),
    ]
    with sandbox() as client:
        setup = delivering(client, promotion=promotion)
        advance(client, days=5)
        found = lifetime(client, "AD_SET", fields)[setup.ad_set_id]
    assert 0 < found["NEW_LISTENERS"] < found["LISTENERS"] < found["STREAMS"]
    assert 0 < found["NEW_LISTENER_STREAMS"] < found["STREAMS"]
    assert found["LISTENERS"] < found["REACH"]
    assert found["STREAMS_PER_USER"] == round(found["STREAMS"] / found["LISTENERS"], 6)
    assert found["CONVERSION_RATE"] == round(
        found["LISTENERS"] * 100 / found["REACH"], 6
    )


def test_figures_survive_a_restart(tmp_path: Path) -> None:
    database = str(tmp_path / "sandbox.db")
    with sandbox(db=database) as client:
        setup = delivering(client)
        advance(client, days=3)
        before = lifetime(client, "AD", FIELDS)
    with sandbox(db=database) as client:
        assert lifetime(client, "AD", FIELDS) == before
        advance(client, days=1)  # continues from the stored watermark
        after = lifetime(client, "AD", FIELDS)[setup.ad_ids[0]]
    assert after["IMPRESSIONS"] > before[setup.ad_ids[0]]["IMPRESSIONS"]


def _targets(placements: list[str]) -> JSON:
    return {
        "placements": placements,
        "age_ranges": [{"min": 18, "max": 34}],
        "geo_targets": {"country_code": "US"},
    }
