"""Ad set targeting: the ``Targets`` schema, its rules and server defaults.

Look-up ids must exist in the built-in catalogue (``/targets/*``); artist ids
are checked for shape only (22 base62 characters), as the real catalogue
of artists is open-ended.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from campaignctl.sandbox import catalogue
from campaignctl.sandbox.rules.types import (
    Body,
    Gender,
    Placement,
    Platform,
    SensitiveTopicFilter,
    UniqueList,
    Uuid,
    Weekday,
)
from campaignctl.sandbox.store import JSON

Age = Annotated[int, Field(ge=13, le=99)]
Hour = Annotated[int, Field(ge=0, le=23)]
DEFAULT_PLATFORMS = ["ANDROID", "DESKTOP", "IOS"]
GEO_LISTS = (
    ("region_ids", "REGION"),
    ("city_ids", "CITY"),
    ("postal_code_ids", "POSTAL_CODE"),
)
_ARTIST_ID = re.compile(r"^[0-9A-Za-z]{22}$")


class AgeRange(Body):
    min: Age | None = None
    max: Age | None = None


class GeoTargets(Body):
    country_code: (
        Annotated[str, StringConstraints(min_length=2, max_length=2)] | None
    ) = None
    city_ids: UniqueList[str] | None = None
    postal_code_ids: UniqueList[str] | None = None
    region_ids: UniqueList[str] | None = None


class SensitiveTopic(Body):
    id: str
    filter_option: SensitiveTopicFilter


class SensitiveTopicExclusions(Body):
    topics: list[SensitiveTopic] | None = None
    filter_option: SensitiveTopicFilter | None = None


class HourRange(Body):
    min: Hour | None = None
    max: Hour | None = None


class DayPart(Body):
    day_of_week: list[Weekday] | None = None
    hour_of_day: list[HourRange] | None = None


class Targets(Body):
    age_ranges: list[AgeRange] | None = None
    artist_ids: UniqueList[str] | None = None
    geo_targets: GeoTargets | None = None
    genders: UniqueList[Gender] | None = None
    genre_ids: UniqueList[str] | None = None
    interest_ids: UniqueList[Uuid] | None = None
    platforms: UniqueList[Platform] | None = None
    podcast_episode_topic_ids: UniqueList[str] | None = None
    sensitive_topic_exclusions: SensitiveTopicExclusions | None = None
    language: Annotated[str, StringConstraints(min_length=2, max_length=2)] | None = (
        None
    )
    playlist_ids: UniqueList[str] | None = None
    placements: UniqueList[Placement] | None = None
    audience_ids: list[Uuid] | None = None
    audience_ids_exclusions: list[Uuid] | None = None
    user_day_parts: UniqueList[DayPart] | None = None


def target_problems(targets: JSON) -> list[str]:
    """Rules every live ad set's targets obey (objective rules live elsewhere)."""
    problems = _placement_problems(targets.get("placements"))
    problems += _age_problems(targets.get("age_ranges", []))
    if "geo_targets" in targets:
        problems += _geo_problems(targets["geo_targets"])
    problems += _lookup_problems(targets)
    problems += _sensitive_problems(targets.get("sensitive_topic_exclusions"))
    for index, part in enumerate(targets.get("user_day_parts", [])):
        for hours in part.get("hour_of_day", []):
            if hours.get("min", 0) > hours.get("max", 23):
                problems.append(
                    f"targets.user_day_parts[{index}].hour_of_day: min is after max"
                )
    return problems


def normalise_targets(targets: JSON) -> JSON:
    """Server defaults: platforms, age max 99, unset geo lists echoed as []."""
    result = dict(targets)
    if not result.get("platforms"):
        result["platforms"] = list(DEFAULT_PLATFORMS)
    if "age_ranges" in result:
        result["age_ranges"] = [
            {**r, "max": r.get("max", 99)} for r in result["age_ranges"]
        ]
    if "geo_targets" in result:
        geo = dict(result["geo_targets"])
        for key, _type in GEO_LISTS:
            geo.setdefault(key, [])
        result["geo_targets"] = geo
    return result


def _placement_problems(placements: Any) -> list[str]:
    if not placements:
        return ["targets.placements: is required and must contain MUSIC and/or PODCAST"]
    if placements == ["PODCAST"]:
        return ["targets.placements: PODCAST cannot be targeted on its own; add MUSIC"]
    return []


def _age_problems(ranges: list[JSON]) -> list[str]:
    return [
        f"targets.age_ranges[{index}]: min {age['min']} is above max {age['max']}"
        for index, age in enumerate(ranges)
        if "min" in age and age["min"] > age.get("max", 99)
    ]


def _geo_problems(geo: JSON) -> list[str]:
    country = geo.get("country_code")
    if country is None:
        return ["targets.geo_targets.country_code: is required when geo_targets is set"]
    if country not in catalogue.country_codes():
        return [
            f"targets.geo_targets.country_code: {country!r} is not a served country"
        ]
    problems = []
    known = catalogue.geos_by_id()
    for key, geo_type in GEO_LISTS:
        for geo_id in geo.get(key, []):
            found = known.get(geo_id)
            if found is None or found["type"] != geo_type:
                problems.append(
                    f"targets.geo_targets.{key}: unknown {geo_type.lower()} id "
                    f"{geo_id!r} (see GET /targets/geos)"
                )
            elif found["country_code"] != country:
                problems.append(
                    f"targets.geo_targets.{key}: {geo_id!r} is not in {country}"
                )
    return problems


def _lookup_problems(targets: JSON) -> list[str]:
    checks = (
        ("genre_ids", "genres"),
        ("playlist_ids", "playlists"),
        ("interest_ids", "interests"),
        ("podcast_episode_topic_ids", "episode_topics"),
    )
    problems = [
        f"targets.{field}: unknown id {value!r} (see GET /targets/{kind})"
        for field, kind in checks
        for value in targets.get(field, [])
        if value not in catalogue.ids(kind)
    ]
    problems += [
        f"targets.artist_ids: {value!r} is not a Spotify artist id"
        for value in targets.get("artist_ids", [])
        if not _ARTIST_ID.match(value)
    ]
    language = targets.get("language")
    if language is not None and language not in catalogue.ids("languages"):
        problems.append(f"targets.language: unknown language {language!r}")
    return problems


def _sensitive_problems(exclusions: JSON | None) -> list[str]:
    if not exclusions:
        return []
    topics = exclusions.get("topics") or []
    if topics and "filter_option" in exclusions:
        return [
            "targets.sensitive_topic_exclusions: set topic-level filters or a "
            "global filter_option, not both"
        ]
    problems = [
        f"targets.sensitive_topic_exclusions.topics: unknown topic {t['id']!r}"
        for t in topics
        if t["id"] not in catalogue.ids("sensitive_topics")
    ]
    ids = [t["id"] for t in topics]
    if len(set(ids)) != len(ids):
        problems.append("targets.sensitive_topic_exclusions.topics: duplicate topic id")
    return problems
