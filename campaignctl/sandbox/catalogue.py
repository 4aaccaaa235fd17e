"""The built-in targeting catalogue and ad categories (``data/catalogue.json``).

A small, realistic catalogue: 71 countries Spotify Ads serves (ISO alpha-2
codes; the country's code is its geo id), regions, cities and postal codes
for US, GB, DE, SE, FR and BR (GeoNames-style ids, postal ids ``US:10001``),
three informational US DMA regions, languages (ISO 639-1), genres,
playlists, interests with sub-interests, artists (real Spotify artist ids),
the spec's 29 podcast episode topics and 9 sensitive topics, and a subset
of the ad categories (all 34 parents; ids named in the spec keep their
names, the other subcategory names are illustrative).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

JSON = dict[str, Any]
LOOKUPS = (
    "genres",
    "playlists",
    "languages",
    "artists",
    "episode_topics",
    "sensitive_topics",
    "interests",
)


@cache
def data() -> dict[str, list[JSON]]:
    text = resources.files("campaignctl.sandbox").joinpath("data/catalogue.json")
    loaded: dict[str, list[JSON]] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


@cache
def ids(kind: str) -> frozenset[str]:
    """Valid ids of one look-up kind (interests include sub-interests)."""
    rows = data()[kind]
    found = {row["id"] for row in rows}
    for row in rows:
        found |= {sub["id"] for sub in row.get("subtargets", ())}
    return frozenset(found)


@cache
def geos_by_id() -> dict[str, JSON]:
    return {geo["id"]: geo for geo in data()["geos"]}


@cache
def country_codes() -> frozenset[str]:
    return frozenset(g["id"] for g in data()["geos"] if g["type"] == "COUNTRY")


def search(kind: str, *, wanted: Sequence[str], query: str | None) -> list[JSON]:
    """Rows of one look-up kind filtered by ``ids`` and a ``q`` keyword."""
    rows: Iterable[JSON] = data()[kind]
    if wanted:
        rows = [row for row in rows if row["id"] in wanted]
    if query:
        needle = query.casefold()
        rows = [row for row in rows if needle in row["name"].casefold()]
    return list(rows)


def search_geos(
    *,
    country: str | None,
    wanted: Sequence[str],
    types: Sequence[str],
    query: str | None,
) -> list[JSON]:
    rows: Iterable[JSON] = data()["geos"]
    if country:
        rows = [g for g in rows if g["country_code"] == country.upper()]
    if wanted:
        rows = [g for g in rows if g["id"] in wanted]
    if types:
        rows = [g for g in rows if g["type"] in types]
    if query:
        needle = query.casefold()
        rows = [g for g in rows if needle in g["name"].casefold()]
    return list(rows)


def categories(query: str | None) -> list[JSON]:
    rows = data()["ad_categories"]
    if not query:
        return list(rows)
    needle = query.casefold()
    return [row for row in rows if needle in row["name"].casefold()]
