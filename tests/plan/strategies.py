"""Hypothesis strategies: valid desired bodies, as the manifest loader emits them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from campaignctl.plan.state import DesiredState

from .builders import ASSETS, COVER, LOGO, SPOT, SPOT_B, ad, ad_set, campaign

Body = dict[str, Any]
OBJECTIVES = ["REACH", "EVEN_IMPRESSION_DELIVERY", "CLICKS", "VIDEO_VIEWS"]
START = datetime(2030, 3, 1, tzinfo=UTC)

names = st.text(
    st.characters(min_codepoint=32, max_codepoint=0x24F, exclude_characters="\x7f"),
    min_size=2,
    max_size=30,
).map(lambda s: f"N{s.strip()}x")
slugs = st.from_regex(r"[a-z][a-z0-9-]{1,12}", fullmatch=True)
uuids = st.uuids().map(str)
artist_ids = st.from_regex(r"[0-9A-Za-z]{22}", fullmatch=True)
geo_ids = st.from_regex(r"[0-9]{5,7}", fullmatch=True)


def times(after: datetime = START) -> st.SearchStrategy[str]:
    return st.integers(0, 365 * 24).map(
        lambda h: (after + timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ")
    )


def subsets(values: list[str], *, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), min_size=min_size, unique=True)


@st.composite
def frequency_caps(draw: st.DrawFn) -> list[Body]:
    limits = {"DAY": 5, "WEEK": 35, "MONTH": 50}
    units = draw(subsets(list(limits), min_size=1))
    return [
        {
            "frequency_unit": unit,
            "frequency_period": draw(st.integers(1, 4)),
            "max_impressions": draw(st.integers(1, limits[unit])),
        }
        for unit in units
    ]


@st.composite
def targets(draw: st.DrawFn) -> Body:
    body: Body = {"placements": draw(subsets(["MUSIC", "PODCAST"], min_size=1))}
    optional = {
        "genre_ids": st.lists(slugs, unique=True, max_size=5),
        "artist_ids": st.lists(artist_ids, unique=True, max_size=3),
        "playlist_ids": st.lists(slugs, unique=True, max_size=3),
        "interest_ids": st.lists(uuids, unique=True, max_size=3),
        "podcast_episode_topic_ids": st.lists(slugs, unique=True, max_size=3),
        "genders": subsets(["MALE", "FEMALE", "NON_BINARY"], min_size=1),
        "platforms": subsets(["ANDROID", "DESKTOP", "IOS"], min_size=1),
        "age_ranges": st.lists(age_range(), min_size=1, max_size=3),
        "geo_targets": geo_targets(),
        "language": st.sampled_from(["en", "es", "sv"]),
        "sensitive_topic_exclusions": sensitive_topics(),
        "user_day_parts": st.lists(day_part(), max_size=2, unique_by=repr),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            body[key] = draw(strategy)
    return body


@st.composite
def age_range(draw: st.DrawFn) -> Body:
    low = draw(st.integers(13, 90))
    if draw(st.booleans()):
        return {"min": low}  # max defaults to 99
    return {"min": low, "max": draw(st.integers(low, 99))}


@st.composite
def geo_targets(draw: st.DrawFn) -> Body:
    geo: Body = {"country_code": draw(st.sampled_from(["US", "GB", "SE"]))}
    for key in ("region_ids", "city_ids", "postal_code_ids"):
        if draw(st.booleans()):
            geo[key] = draw(st.lists(geo_ids, unique=True, min_size=1, max_size=3))
    return geo


def sensitive_topics() -> st.SearchStrategy[Body]:
    levels = st.sampled_from(["STANDARD", "PARTIAL", "LIMITED", "RESTRICTED"])
    topic = st.fixed_dictionaries(
        {
            "id": st.sampled_from(["alcohol", "drugs", "tobacco"]),
            "filter_option": levels,
        }
    )
    topics = st.lists(topic, min_size=1, max_size=3, unique_by=lambda t: t["id"])
    return st.one_of(
        st.fixed_dictionaries({"filter_option": levels}),
        st.fixed_dictionaries({"topics": topics}),
    )


@st.composite
def day_part(draw: st.DrawFn) -> Body:
    days = ["MONDAY", "TUESDAY", "SATURDAY", "SUNDAY"]
    low = draw(st.integers(0, 23))
    hours = {"min": low, "max": draw(st.integers(low, 23))}
    return {"day_of_week": draw(subsets(days, min_size=1)), "hour_of_day": [hours]}


@st.composite
def ad_set_bodies(draw: st.DrawFn, *, name: str = "Ad set") -> Body:
    fmt = draw(st.sampled_from(["AUDIO", "VIDEO", "IMAGE"]))
    start = draw(times())
    body: Body = {
        "name": name,
        "category": draw(st.from_regex(r"ADV_[1-9]_[1-9][0-9]?", fullmatch=True)),
        "asset_format": fmt,
        "start_time": start,
        "budget": {
            "micro_amount": draw(st.integers(1, 10**12)),
            "type": draw(st.sampled_from(["DAILY", "LIFETIME"])),
        },
        "bid_strategy": draw(st.sampled_from(["MAX_BID", "AUTOBID"])),
        "targets": draw(targets()),
        "delivery": draw(st.sampled_from(["ON", "OFF"])),
    }
    optional = {
        "end_time": times(datetime.fromisoformat(start) + timedelta(hours=1)),
        "bid_micro_amount": st.integers(1, 10**9),
        "pacing": st.sampled_from(["PACING_EVEN", "PACING_ASAP"]),
        "frequency_caps": frequency_caps(),
        "slot_positions": subsets(["PRE_ROLL", "MID_ROLL", "POST_ROLL"], min_size=1),
    }
    if fmt == "VIDEO":
        formats = subsets(["IN_STREAM", "OPT_IN"], min_size=1)
        optional["video_delivery_formats"] = formats
    for key, strategy in optional.items():
        if draw(st.booleans()):
            body[key] = draw(strategy)
    return body


@st.composite
def ad_bodies(draw: st.DrawFn, *, name: str = "Ad") -> Body:
    urls = ["https://example.com/a", "https://example.com/b?x=1"]
    cta: Body = {"clickthrough_url": draw(st.sampled_from(urls))}
    if draw(st.booleans()):
        cta["key"] = draw(st.sampled_from(["LEARN_MORE", "LISTEN_NOW", "SHOP_NOW"]))
    if draw(st.booleans()):
        cta["language"] = draw(st.sampled_from(["ENGLISH", "SPANISH_MEXICO"]))
    body: Body = {
        "name": name,
        "tagline": draw(names),
        "advertiser_name": draw(names).strip()[:25],
        "assets": {
            "asset_id": draw(st.sampled_from([SPOT.digest, SPOT_B.digest])),
            "companion_asset_id": COVER.digest,
            "logo_asset_id": LOGO.digest,
        },
        "call_to_action": cta,
        "delivery": draw(st.sampled_from(["ON", "OFF"])),
    }
    if draw(st.booleans()):
        entries = st.lists(tracking(), max_size=3, unique_by=repr)
        body["third_party_tracking"] = draw(entries)
    if draw(st.booleans()):
        body["start_time"] = draw(times())
    if draw(st.booleans()):
        body["dv_client_code"] = draw(slugs)
    return body


@st.composite
def tracking(draw: st.DrawFn) -> Body:
    entry: Body = {
        "measurement_partner": draw(st.sampled_from(["IAS", "DCM"])),
        "url": f"https://track.example/{draw(slugs)}",
    }
    if draw(st.booleans()):
        entry["measurement_event"] = draw(st.sampled_from(["IMPRESSION", "CLICKED"]))
    return entry


@st.composite
def campaign_bodies(draw: st.DrawFn) -> Body:
    body: Body = {"name": "Campaign", "objective": draw(st.sampled_from(OBJECTIVES))}
    if draw(st.booleans()):
        body["purchase_order"] = draw(st.from_regex(r"PO-[0-9]{2,8}", fullmatch=True))
    if draw(st.booleans()):
        groups = ["AWARENESS", "WEBSITE_TRAFFIC"]
        body["delivery_goal_group"] = draw(st.sampled_from(groups))
    if draw(st.booleans()):
        body["ad_product"] = "UNSET"
    return body


@st.composite
def desired_states(draw: st.DrawFn) -> DesiredState:
    """One campaign, one ad set, one ad: every body drawn independently."""
    c = draw(campaign_bodies())
    s = draw(ad_set_bodies(name="Ad set"))
    a = draw(ad_bodies(name="Ad"))
    the_ad = ad("Ad").model_copy(update={"body": a})
    the_set = ad_set("Ad set", ads=(the_ad,)).model_copy(update={"body": s})
    the_campaign = campaign("Campaign", ad_sets=(the_set,))
    return DesiredState(
        campaigns=(the_campaign.model_copy(update={"body": c}),), assets=ASSETS
    )
