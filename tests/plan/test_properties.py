"""Properties of normaliser + differ + planner, over any valid desired state.

(a) apply then plan converges: the server's echo of any desired state plans
    no changes; (b) the order of set-valued arrays never matters; (c) changing
    one managed field changes exactly that field.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from campaignctl.plan.model import Action, Kind
from campaignctl.plan.planner import build_plan
from campaignctl.plan.state import DesiredState

from .builders import COVER, LOGO, NOW, SPOT, SPOT_B, converged
from .strategies import desired_states

Body = dict[str, Any]
AD_SET_SETS = ("frequency_caps", "video_delivery_formats", "slot_positions")
TARGET_SETS = [
    "genre_ids",
    "artist_ids",
    "playlist_ids",
    "interest_ids",
    "podcast_episode_topic_ids",
    "genders",
    "platforms",
    "placements",
    "age_ranges",
    "user_day_parts",
]


def with_bodies(
    desired: DesiredState,
    *,
    campaign: Callable[[Body], Body] = lambda b: b,
    ad_set: Callable[[Body], Body] = lambda b: b,
    ad: Callable[[Body], Body] = lambda b: b,
) -> DesiredState:
    """``desired`` with its (single) campaign, ad set and ad bodies rewritten."""
    (c,) = desired.campaigns
    (s,) = c.ad_sets
    (a,) = s.ads
    new_ad = a.model_copy(update={"body": ad(copy.deepcopy(a.body))})
    new_set = s.model_copy(
        update={"body": ad_set(copy.deepcopy(s.body)), "ads": (new_ad,)}
    )
    new_campaign = c.model_copy(
        update={"body": campaign(copy.deepcopy(c.body)), "ad_sets": (new_set,)}
    )
    return desired.model_copy(update={"campaigns": (new_campaign,)})


@settings(max_examples=150)
@given(desired=desired_states(), seed=st.integers(0, 2**16), empty=st.booleans())
def test_a_converged_account_plans_no_changes(
    desired: DesiredState, seed: int, empty: bool
) -> None:
    live = converged(desired, seed=seed, empty_lists=empty)
    plan = build_plan(desired, live.state(), now=NOW)
    assert [a for a in plan.actions if a.action is not Action.NOOP] == []


@settings(max_examples=100)
@given(desired=desired_states(), rng=st.randoms(use_true_random=False))
def test_the_order_of_set_valued_arrays_never_matters(
    desired: DesiredState, rng: random.Random
) -> None:
    live = converged(desired)

    def permuted(body: Body) -> Body:
        _shuffle(body, AD_SET_SETS, rng)
        targets = body.get("targets", {})
        _shuffle(targets, TARGET_SETS, rng)
        _shuffle(targets.get("geo_targets", {}), ("region_ids", "city_ids"), rng)
        return body

    shuffled = with_bodies(desired, ad_set=permuted)
    assert not build_plan(shuffled, live.state(), now=NOW).has_changes


def _shuffle(obj: Body, keys: Any, rng: random.Random) -> None:
    for key in keys:
        if isinstance(obj.get(key), list):
            rng.shuffle(obj[key])


def _set_path(body: Body, path: str, value: Any) -> Body:
    *parents, leaf = path.split(".")
    target = body
    for key in parents:
        target = target.setdefault(key, {})
    target[leaf] = value
    return body


def _get_path(body: Body, path: str) -> Any:
    for key in path.split("."):
        body = body.get(key, {}) if isinstance(body, dict) else {}
    return body


def _other_caps(body: Body) -> Any:
    one = [{"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 1}]
    two = [{"frequency_unit": "DAY", "frequency_period": 2, "max_impressions": 1}]
    return two if body.get("frequency_caps") == one else one


def _genres(body: Body) -> list[str]:
    return list(_get_path(body, "targets.genre_ids") or [])


def _other_spot(body: Body) -> str:
    return SPOT_B.digest if body["assets"]["asset_id"] == SPOT.digest else SPOT.digest


# (kind, path, new value from the current body); every path is a managed field
MUTATIONS: list[tuple[Kind, str, Callable[[Body], Any]]] = [
    (Kind.CAMPAIGN, "name", lambda b: b["name"] + " v2"),
    (Kind.CAMPAIGN, "objective", lambda b: "PODCAST_STREAMS"),
    (Kind.CAMPAIGN, "purchase_order", lambda b: "PO-CHANGED"),
    (Kind.AD_SET, "name", lambda b: b["name"] + " v2"),
    (Kind.AD_SET, "budget.micro_amount", lambda b: b["budget"]["micro_amount"] + 1),
    (Kind.AD_SET, "bid_micro_amount", lambda b: b.get("bid_micro_amount", 0) + 1),
    (Kind.AD_SET, "start_time", lambda b: "2034-01-01T00:00:00Z"),
    (Kind.AD_SET, "end_time", lambda b: "2034-02-01T00:00:00Z"),
    (Kind.AD_SET, "category", lambda b: "ADV_99_99"),
    (Kind.AD_SET, "delivery", lambda b: "OFF" if b["delivery"] == "ON" else "ON"),
    (Kind.AD_SET, "frequency_caps", _other_caps),
    (Kind.AD_SET, "asset_format", lambda b: "CATALOG"),
    (Kind.AD_SET, "bid_strategy", lambda b: "COST_PER_RESULT"),
    (Kind.AD_SET, "targets.genre_ids", lambda b: [*_genres(b), "zz-new"]),
    (Kind.AD_SET, "targets.language", lambda b: "fi"),
    (Kind.AD_SET, "targets.geo_targets.country_code", lambda b: "NO"),
    (Kind.AD, "tagline", lambda b: b["tagline"] + " v2"),
    (Kind.AD, "call_to_action.clickthrough_url", lambda b: "https://example.com/new"),
    (Kind.AD, "call_to_action.key", lambda b: "BUY_NOW"),
    (Kind.AD, "assets.asset_id", lambda b: _other_spot(b)),
    (Kind.AD, "assets.logo_asset_id", lambda b: COVER.digest),
    (Kind.AD, "assets.companion_asset_id", lambda b: LOGO.digest),
]


@settings(max_examples=200)
@given(desired=desired_states(), mutation=st.sampled_from(MUTATIONS))
def test_changing_one_managed_field_changes_exactly_that_field(
    desired: DesiredState, mutation: tuple[Kind, str, Callable[[Body], Any]]
) -> None:
    kind, path, new_value = mutation
    live = converged(desired)

    def mutate(body: Body) -> Body:
        return _set_path(body, path, new_value(body))

    edited = with_bodies(desired, **{_ARG[kind]: mutate})
    plan = build_plan(edited, live.state(), now=NOW)
    touched = [
        a for a in plan.actions if a.kind is kind and a.action is not Action.NOOP
    ]
    (action,) = touched
    if path in ("objective", "asset_format", "bid_strategy") or path.startswith(
        "assets."
    ):
        assert action.action is Action.REPLACE
        assert [(c.path, c.forces_replace) for c in action.changes] == [(path, True)]
    else:
        assert action.action is Action.UPDATE
        # a field of an object the live side lacks shows as that whole object
        (change,) = action.changes
        assert path == change.path or path.startswith(change.path + ".")
        assert path.split(".")[0] in (action.body or {}) or action.refs


_ARG = {Kind.CAMPAIGN: "campaign", Kind.AD_SET: "ad_set", Kind.AD: "ad"}
