"""Reorder set-typed arrays in responses, deterministically.

The spec's ``uniqueItems`` arrays are sets and the real API echoes them in
any order, so the sandbox never returns them in the order they were sent:
each array with two or more items is shuffled with a generator seeded from
``(seed, object id, write number)``, and rotated if the shuffle happened
to keep the original order. Clients must compare these arrays as sets.
"""

from __future__ import annotations

import random
from typing import Any

from campaignctl.sandbox.store import JSON

AD_SET_SETS = (
    ("frequency_caps",),
    ("video_delivery_formats",),
    ("promotion", "conversion_events"),
    ("targets", "genders"),
    ("targets", "platforms"),
    ("targets", "placements"),
    ("targets", "artist_ids"),
    ("targets", "genre_ids"),
    ("targets", "interest_ids"),
    ("targets", "playlist_ids"),
    ("targets", "podcast_episode_topic_ids"),
    ("targets", "user_day_parts"),
    ("targets", "geo_targets", "city_ids"),
    ("targets", "geo_targets", "region_ids"),
    ("targets", "geo_targets", "postal_code_ids"),
)


def shuffle_sets(body: JSON, *, key: str) -> JSON:
    """``body`` with every ad-set set-typed array reordered (in place)."""
    rng = random.Random(key)
    for path in AD_SET_SETS:
        parent: Any = body
        for step in path[:-1]:
            parent = parent.get(step) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and isinstance(parent.get(path[-1]), list):
            parent[path[-1]] = _reordered(parent[path[-1]], rng)
    return body


def _reordered(items: list[Any], rng: random.Random) -> list[Any]:
    if len(items) < 2:
        return items
    result = list(items)
    rng.shuffle(result)
    if result == items:
        result = result[1:] + result[:1]
    return result
