"""normalise / diff_fields: canonical forms and field-level changes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignctl.plan.diff import diff_fields, list_fields
from campaignctl.plan.fields import Context
from campaignctl.plan.model import FieldChange, Kind
from campaignctl.plan.normalise import as_int, canonical_time, normalise

CAPS = [
    {"frequency_period": 1, "frequency_unit": "DAY", "max_impressions": 5},
    {"frequency_period": 1, "frequency_unit": "MONTH", "max_impressions": 50},
    {"frequency_period": 1, "frequency_unit": "WEEK", "max_impressions": 35},
]
MINIMAL_AD_SET = {
    "name": "A",
    "asset_format": "AUDIO",
    "targets": {"placements": ["MUSIC"]},
}
FILLED = {
    "name": "A",
    "asset_format": "AUDIO",
    "targets": {"placements": ["MUSIC"], "platforms": ["ANDROID", "DESKTOP", "IOS"]},
    "pacing": "PACING_EVEN",
    "delivery": "ON",
    "frequency_caps": CAPS,
}


def ad_set_of(**fields: Any) -> dict[str, Any]:
    return {**MINIMAL_AD_SET, **fields}


AD_SETS = [
    pytest.param(MINIMAL_AD_SET, None, FILLED, id="server-defaults-filled"),
    pytest.param(
        ad_set_of(asset_format="VIDEO"),
        "VIDEO_VIEWS",
        {**FILLED, "asset_format": "VIDEO", "video_delivery_formats": ["OPT_IN"]},
        id="video-views-opt-in",
    ),
    pytest.param(
        ad_set_of(asset_format="VIDEO"),
        "CLICKS",
        {**FILLED, "asset_format": "VIDEO", "video_delivery_formats": ["IN_STREAM"]},
        id="video-clicks-in-stream",
    ),
    pytest.param(
        ad_set_of(asset_format="VIDEO"),
        "REACH",
        {
            **FILLED,
            "asset_format": "VIDEO",
            "video_delivery_formats": ["IN_STREAM", "OPT_IN"],
        },
        id="video-other-both",
    ),
    pytest.param(
        ad_set_of(
            frequency_caps=[], targets={"placements": ["MUSIC"], "platforms": []}
        ),
        None,
        FILLED,
        id="empty-means-default",
    ),
    pytest.param(
        ad_set_of(
            targets={
                "placements": ["PODCAST", "MUSIC"],
                "age_ranges": [{"min": 35}, {"min": 18, "max": 24}],
                "geo_targets": {
                    "country_code": "US",
                    "city_ids": None,
                    "dma_ids": ["5"],
                },
                "genre_ids": [],
            }
        ),
        None,
        {
            **FILLED,
            "targets": {
                "placements": ["MUSIC", "PODCAST"],
                "platforms": ["ANDROID", "DESKTOP", "IOS"],
                "age_ranges": [{"max": 24, "min": 18}, {"max": 99, "min": 35}],
                "geo_targets": {
                    "country_code": "US",
                    "city_ids": [],
                    "region_ids": [],
                    "postal_code_ids": [],
                },
            },
        },
        id="targets-sorted-geo-lists-age-max-unknown-dropped",
    ),
    pytest.param(
        ad_set_of(
            id="x",
            status="ACTIVE",
            cost_model="CPM",
            budget={"micro_amount": "150000000", "type": "DAILY", "currency": "USD"},
            start_time="2030-06-01T02:00:00+02:00",
            end_time="2030-06-30T00:00:00.000Z",
            bid_micro_amount=12_000_000.0,
            version=3,
        ),
        None,
        {
            **FILLED,
            "budget": {"micro_amount": 150_000_000, "type": "DAILY"},
            "start_time": "2030-06-01T00:00:00Z",
            "end_time": "2030-06-30T00:00:00Z",
            "bid_micro_amount": 12_000_000,
        },
        id="read-only-dropped-micros-int-times-canonical",
    ),
]


@pytest.mark.parametrize(("obj", "objective", "want"), AD_SETS)
def test_ad_set_normal_form(
    obj: dict[str, Any], objective: str | None, want: dict[str, Any]
) -> None:
    got = normalise(Kind.AD_SET, obj, ctx=Context(objective=objective))
    assert got == want


def test_live_object_is_projected_onto_the_desired_fields() -> None:
    desired = {
        "name": "Spot",
        "tagline": "Hi",
        "call_to_action": {"clickthrough_url": "u"},
    }
    live = {
        "id": "1",
        "name": "Spot",
        "tagline": "Hi",
        "start_time": "2030-06-01T00:00:00Z",  # inherited from the ad set
        "call_to_action": {"clickthrough_url": "u", "text": "Learn more"},
        "delivery": "ON",
        "dv_client_code": "x",
        "status": "PENDING",
    }
    ctx = Context()
    want = normalise(Kind.AD, desired, ctx=ctx)
    have = normalise(Kind.AD, live, ctx=ctx, managed=set(want))
    expected_cta = {
        "clickthrough_url": "u",
        "key": "LEARN_MORE",
        "language": "ENGLISH",
    }
    assert (
        want
        == have
        == {
            "name": "Spot",
            "tagline": "Hi",
            "call_to_action": expected_cta,
            "delivery": "ON",
        }
    )


def test_write_only_fields_are_never_compared() -> None:
    body = {"name": "C", "objective": "REACH", "ad_product": "CONTENT"}
    assert normalise(Kind.CAMPAIGN, body, ctx=Context()) == {
        "name": "C",
        "objective": "REACH",
    }


def test_asset_references_become_content_tokens() -> None:
    body = {"assets": {"asset_id": "ab" * 32, "logo_asset_id": "cd" * 32}}
    assert normalise(Kind.AD, body, ctx=Context(), defaults=False) == {
        "assets": {
            "asset_id": "sha256:abababababab",
            "logo_asset_id": "sha256:cdcdcdcdcdcd",
        }
    }


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2030-06-01T00:00:00Z", "2030-06-01T00:00:00Z"),
        ("2030-06-01T00:00:00.000Z", "2030-06-01T00:00:00Z"),
        ("2030-06-01T02:30:00+02:30", "2030-06-01T00:00:00Z"),
        ("2030-06-01T00:00:00", "2030-06-01T00:00:00Z"),
        ("not a time", "not a time"),
    ],
)
def test_canonical_time(text: str, want: str) -> None:
    assert canonical_time(text) == want


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (5, 5),
        ("150000000", 150_000_000),
        (150000000.0, 150_000_000),
        (Decimal("12.000"), 12),
        (1.5, 1.5),
        ("1.5", "1.5"),
        (True, True),
        (float("nan"), None),
    ],
    ids=repr,
)
def test_as_int_only_converts_integral_numbers(value: Any, want: Any) -> None:
    got = as_int(value)
    if want is None:  # NaN stays NaN (never equal to anything: shows as a change)
        assert got != got
    else:
        assert (got, type(got)) == (want, type(want))


@given(st.integers(-(2**63), 2**63 - 1))
def test_int64_micros_survive_every_spelling(micros: int) -> None:
    assert as_int(micros) == as_int(str(micros)) == micros


DIFFS = [
    pytest.param(
        {"budget": {"micro_amount": 1, "type": "DAILY"}},
        {"budget": {"micro_amount": 2, "type": "DAILY"}},
        [FieldChange(path="budget.micro_amount", before=1, after=2)],
        id="object-field-by-field",
    ),
    pytest.param(
        {"targets": {"genre_ids": ["blues", "rock"]}},
        {"targets": {"genre_ids": ["jazz", "rock"]}},
        [
            FieldChange(
                path="targets.genre_ids",
                before=["blues", "rock"],
                after=["jazz", "rock"],
            )
        ],
        id="set-as-a-whole",
    ),
    pytest.param(
        {"frequency_caps": CAPS},
        {"frequency_caps": CAPS[:1]},
        [FieldChange(path="frequency_caps", before=CAPS, after=CAPS[:1])],
        id="caps-as-a-whole",
    ),
    pytest.param(
        {"asset_format": "AUDIO", "name": "A"},
        {"asset_format": "VIDEO", "name": "B"},
        [
            FieldChange(
                path="asset_format", before="AUDIO", after="VIDEO", forces_replace=True
            ),
            FieldChange(path="name", before="A", after="B"),
        ],
        id="create-only-flagged",
    ),
    pytest.param(
        {"targets": {"placements": ["MUSIC"]}},
        {"targets": {"placements": ["MUSIC"], "geo_targets": {"country_code": "US"}}},
        [FieldChange(path="targets.geo_targets", after={"country_code": "US"})],
        id="added-object-as-a-whole",
    ),
    pytest.param(
        {"bid_micro_amount": 1}, {"bid_micro_amount": 1.0}, [], id="int-float"
    ),
]


@pytest.mark.parametrize(("before", "after", "want"), DIFFS)
def test_diff_fields(
    before: dict[str, Any], after: dict[str, Any], want: list[FieldChange]
) -> None:
    assert list(diff_fields(Kind.AD_SET, before, after)) == want


def test_list_fields_flattens_objects_but_not_arrays() -> None:
    body = {"budget": {"micro_amount": 1, "type": "DAILY"}, "frequency_caps": CAPS[:1]}
    assert list_fields(Kind.AD_SET, body) == (
        FieldChange(path="budget.micro_amount", after=1),
        FieldChange(path="budget.type", after="DAILY"),
        FieldChange(path="frequency_caps", after=CAPS[:1]),
    )
