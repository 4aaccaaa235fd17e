"""Targeting both ways: the manifest's readable ``targets`` ↔ the API's ``Targets``.

The tables below are the one place that says which manifest key is which API
key. ``targets_body`` (manifests → API, used by ``desired.py``) and
``targets_document`` (API → manifests, used by ``campaignctl import``) both
read them and sit side by side, and a property test round-trips generated
targets through both, so the two directions cannot drift apart.

Server defaults are left out of imported documents: all three platforms, empty
geo lists and an age range's ``max`` of 99 (``plan/fields.py`` is the table).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from campaignctl.manifest.spec import Targets
from campaignctl.plan.fields import Context
from campaignctl.plan.model import Kind
from campaignctl.plan.normalise import is_server_default
from campaignctl.plan.state import JSONObject

# manifest key → API key: lists copied item by item
TARGET_LISTS: Mapping[str, str] = {
    "placements": "placements",
    "genders": "genders",
    "genres": "genre_ids",
    "playlists": "playlist_ids",
    "artists": "artist_ids",
    "interests": "interest_ids",
    "episode_topics": "podcast_episode_topic_ids",
    "platforms": "platforms",
    "audiences": "audience_ids",
    "exclude_audiences": "audience_ids_exclusions",
}
# manifest ``geo`` key → API ``geo_targets`` key
GEO_FIELDS: Mapping[str, str] = {
    "country": "country_code",
    "regions": "region_ids",
    "cities": "city_ids",
    "postal_codes": "postal_code_ids",
}
# structured fields: manifest key → API key (converted below, both ways)
STRUCTURED: Mapping[str, str] = {
    "ages": "age_ranges",
    "geo": "geo_targets",
    "language": "language",
    "brand_safety": "sensitive_topic_exclusions",
    "day_parts": "user_day_parts",
}
# enums imported in lower case, the way people write them (any case is read)
LOWER_CASE = frozenset({"placements", "genders", "platforms"})
MAX_AGE = 99


# -- manifests → API -------------------------------------------------------------
def targets_body(targets: Targets) -> JSONObject:
    """The API's ``Targets`` for a manifest's ``targets``."""
    body: JSONObject = {}
    for key, api_key in TARGET_LISTS.items():
        value = getattr(targets, key)
        if value is not None:
            body[api_key] = list(value)
    if targets.ages is not None:
        body["age_ranges"] = [_present(min=a.min, max=a.max) for a in targets.ages]
    if targets.geo is not None:
        geo = {api: getattr(targets.geo, key) for key, api in GEO_FIELDS.items()}
        body["geo_targets"] = {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in geo.items()
            if v is not None
        }
    if targets.language is not None:
        body["language"] = targets.language
    if targets.brand_safety is not None:
        body["sensitive_topic_exclusions"] = _brand_safety(targets)
    if targets.day_parts is not None:
        body["user_day_parts"] = [
            {
                "day_of_week": list(part.days),
                "hour_of_day": [{"min": h.min, "max": h.max} for h in part.hours],
            }
            for part in targets.day_parts
        ]
    return body


def _brand_safety(targets: Targets) -> JSONObject:
    safety = targets.brand_safety
    assert safety is not None
    if safety.topics:
        return {
            "topics": [{"id": t, "filter_option": f} for t, f in safety.topics.items()]
        }
    return _present(filter_option=safety.level)


# -- API → manifests -------------------------------------------------------------
def targets_document(api: Mapping[str, Any]) -> JSONObject:
    """A manifest's ``targets`` for the API's ``Targets`` (defaults left out)."""
    doc: JSONObject = {}
    for key, api_key in TARGET_LISTS.items():
        value = api.get(api_key)
        if not value or _is_default(f"targets.{api_key}", value):
            continue
        doc[key] = [_lower(v) if key in LOWER_CASE else v for v in value]
    for key in STRUCTURED:
        _structured(api, key, doc)
    return {k: doc[k] for k in _ORDER if k in doc}


def _structured(api: Mapping[str, Any], key: str, doc: JSONObject) -> None:
    value = api.get(STRUCTURED[key])
    if value in (None, [], {}):
        return
    converted = _CONVERTERS[key](value)
    if converted not in (None, [], {}):
        doc[key] = converted


def _ages(value: Any) -> list[str]:
    """``{min: 18, max: 24}`` → ``18-24``; ``{min: 55, max: 99}`` → ``55+``."""
    return [_range(r, open_max=MAX_AGE) for r in value]


def _range(item: Mapping[str, Any], *, open_max: int | None = None) -> str:
    low, high = item.get("min"), item.get("max", open_max)
    if high is None or (open_max is not None and high == open_max):
        return f"{low}+"
    return str(low) if low == high else f"{low}-{high}"


def _geo(value: Any) -> JSONObject:
    doc: JSONObject = {}
    for key, api_key in GEO_FIELDS.items():
        item = value.get(api_key)
        if item in (None, []):
            continue
        doc[key] = list(item) if isinstance(item, list) else item
    return doc


def _language(value: Any) -> Any:
    return value


def _safety(value: Any) -> JSONObject | None:
    topics = value.get("topics") or []
    if topics:
        return {"topics": {t["id"]: _lower(t["filter_option"]) for t in topics}}
    level = value.get("filter_option")
    return {"level": _lower(level)} if level else None


def _day_parts(value: Any) -> list[JSONObject]:
    return [
        {
            "days": [_lower(d) for d in part.get("day_of_week") or []],
            "hours": [_range(h) for h in part.get("hour_of_day") or []],
        }
        for part in value
    ]


_CONVERTERS: Mapping[str, Callable[[Any], Any]] = {
    "ages": _ages,
    "geo": _geo,
    "language": _language,
    "brand_safety": _safety,
    "day_parts": _day_parts,
}
# document key order: how people read targeting (placements first)
_ORDER = (
    "placements",
    "ages",
    "genders",
    "geo",
    "language",
    "genres",
    "playlists",
    "artists",
    "interests",
    "episode_topics",
    "platforms",
    "audiences",
    "exclude_audiences",
    "brand_safety",
    "day_parts",
)


def _is_default(path: str, value: Any) -> bool:
    return is_server_default(Kind.AD_SET, path, value, obj={}, ctx=Context())


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _present(**fields: Any) -> JSONObject:
    return {key: value for key, value in fields.items() if value is not None}
