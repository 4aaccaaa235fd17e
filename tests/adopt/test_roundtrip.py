"""The import mapping is the exact inverse of the manifest mapping.

For any live ad set (API shape, with the server's defaults filled in as it
returns them), ``ad_set_document`` → the manifest model → ``ad_set_body``
gives a desired body whose normal form equals the live one's: that is what
makes ``import`` then ``plan`` show no changes. The same holds for targeting
on its own, in both directions.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from campaignctl.manifest.adopt import Notes, ad_set_document
from campaignctl.manifest.desired import ad_set_body
from campaignctl.manifest.spec import AdSetSpec, Targets
from campaignctl.manifest.targeting import targets_body, targets_document
from campaignctl.manifest.vocab import EPISODE_TOPICS, SENSITIVE_TOPICS
from campaignctl.plan.fields import Context
from campaignctl.plan.model import Kind
from campaignctl.plan.normalise import managed_fields, normalise
from tests.plan.strategies import age_range, frequency_caps, geo_targets, subsets

Body = dict[str, Any]
OBJECTIVES = ["REACH", "EVEN_IMPRESSION_DELIVERY", "CLICKS", "VIDEO_VIEWS"]
slugs = st.from_regex(r"[a-z][a-z0-9-]{1,12}", fullmatch=True)
levels = st.sampled_from(["STANDARD", "PARTIAL", "LIMITED", "RESTRICTED"])


@st.composite
def live_targets(draw: st.DrawFn) -> Body:
    """Targets as the API returns them (unset geo lists as [])."""
    body: Body = {"placements": draw(subsets(["MUSIC", "PODCAST"], min_size=1))}
    optional: dict[str, st.SearchStrategy[Any]] = {
        "age_ranges": st.lists(age_range(), min_size=1, max_size=3, unique_by=repr),
        "genders": subsets(["MALE", "FEMALE", "NON_BINARY"], min_size=1),
        "geo_targets": geo_targets(),
        "language": st.sampled_from(["en", "es", "sv"]),
        "genre_ids": st.lists(slugs, unique=True, min_size=1, max_size=4),
        "playlist_ids": st.lists(slugs, unique=True, min_size=1, max_size=2),
        "artist_ids": st.lists(
            st.from_regex(r"[0-9A-Za-z]{22}", fullmatch=True), unique=True, min_size=1
        ),
        "interest_ids": st.lists(st.uuids().map(str), unique=True, min_size=1),
        "podcast_episode_topic_ids": subsets(list(EPISODE_TOPICS), min_size=1),
        "platforms": subsets(["ANDROID", "DESKTOP", "IOS"], min_size=1),
        "audience_ids": st.lists(st.uuids().map(str), min_size=1, max_size=2),
        "audience_ids_exclusions": st.lists(st.uuids().map(str), min_size=1),
        "sensitive_topic_exclusions": st.one_of(
            st.fixed_dictionaries({"filter_option": levels}),
            st.fixed_dictionaries(
                {
                    "topics": st.lists(
                        st.fixed_dictionaries(
                            {
                                "id": st.sampled_from(SENSITIVE_TOPICS),
                                "filter_option": levels,
                            }
                        ),
                        min_size=1,
                        max_size=3,
                        unique_by=lambda t: t["id"],
                    )
                }
            ),
        ),
        "user_day_parts": st.lists(day_part(), min_size=1, max_size=2, unique_by=repr),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            body[key] = draw(strategy)
    if "geo_targets" in body:
        for key in ("region_ids", "city_ids", "postal_code_ids"):
            body["geo_targets"].setdefault(key, [])
    return body


@st.composite
def day_part(draw: st.DrawFn) -> Body:
    days = ["MONDAY", "TUESDAY", "SATURDAY", "SUNDAY"]
    hours = []
    for _ in range(draw(st.integers(1, 2))):
        low = draw(st.integers(0, 23))
        hours.append({"min": low, "max": draw(st.integers(low, 23))})
    return {"day_of_week": draw(subsets(days, min_size=1)), "hour_of_day": hours}


@st.composite
def live_ad_sets(draw: st.DrawFn) -> tuple[Body, str]:
    objective = draw(st.sampled_from(OBJECTIVES))
    fmt = (
        "VIDEO"
        if objective == "VIDEO_VIEWS"
        else draw(st.sampled_from(["AUDIO", "VIDEO"]))
    )
    strategy = draw(st.sampled_from(["MAX_BID", "AUTOBID"]))
    lifetime = draw(st.booleans())
    ad_set: Body = {
        "id": draw(st.uuids().map(str)),
        "name": "Ad set",
        "category": "ADV_21_182",
        "asset_format": fmt,
        "start_time": "2031-01-01T10:00:00Z",
        "budget": {
            "micro_amount": draw(st.integers(1, 10**12)),
            "type": "LIFETIME" if lifetime else "DAILY",
            "currency": "USD",
        },
        "bid_strategy": strategy,
        "pacing": draw(st.sampled_from(["PACING_EVEN", "PACING_ASAP"])),
        "delivery": draw(st.sampled_from(["ON", "OFF"])),
        "frequency_caps": draw(st.one_of(frequency_caps(), st.just(_DEFAULT_CAPS))),
        "targets": draw(live_targets()),
        "status": "PENDING_APPROVAL",  # server-owned: never written
        "cost_model": "CPM",
    }
    if lifetime or draw(st.booleans()):
        ad_set["end_time"] = "2031-02-01T00:00:00Z"
    if strategy == "MAX_BID":
        ad_set["bid_micro_amount"] = draw(st.integers(1, 10**9))
    if fmt == "VIDEO":
        allowed = {"VIDEO_VIEWS": ["OPT_IN"], "CLICKS": ["IN_STREAM"]}
        ad_set["video_delivery_formats"] = draw(
            subsets(allowed.get(objective, ["IN_STREAM", "OPT_IN"]), min_size=1)
        )
    return ad_set, objective


_DEFAULT_CAPS = [
    {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 5},
    {"frequency_unit": "WEEK", "frequency_period": 1, "max_impressions": 35},
    {"frequency_unit": "MONTH", "frequency_period": 1, "max_impressions": 50},
]


def _same(desired: Body, live: Body, objective: str) -> None:
    ctx = Context(objective=objective)
    managed = managed_fields(Kind.AD_SET, desired, ctx)
    want = normalise(Kind.AD_SET, desired, ctx=ctx, managed=managed)
    have = normalise(Kind.AD_SET, live, ctx=ctx, managed=managed)
    assert want == have


@settings(max_examples=150, deadline=None)
@given(live_ad_sets())
def test_an_imported_ad_set_plans_no_changes(drawn: tuple[Body, str]) -> None:
    live, objective = drawn
    document = ad_set_document(
        live, [], objective=objective, currency="USD", refer=str, notes=Notes()
    )
    spec = AdSetSpec.model_validate(document)
    _same(ad_set_body(spec), live, objective)
    assert spec.id == live["id"]


@settings(max_examples=150, deadline=None)
@given(live_targets())
def test_targets_round_trip_from_the_api(live: Body) -> None:
    spec = Targets.model_validate(targets_document(live))
    _same({"targets": targets_body(spec)}, {"targets": live}, "REACH")


@settings(max_examples=100, deadline=None)
@given(live_targets())
def test_targets_round_trip_from_the_manifest(live: Body) -> None:
    written = Targets.model_validate(targets_document(live))
    again = Targets.model_validate(targets_document(targets_body(written)))
    assert again == written
