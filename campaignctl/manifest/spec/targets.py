"""Targeting as people write it; ``desired.py`` maps it to the API's ``Targets``."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from campaignctl.frozen import Frozen
from campaignctl.manifest.fields import (
    CountryCode,
    LanguageCode,
    StrictInt,
    Uuid,
    choice,
    describe,
    fail,
    unique,
)
from campaignctl.manifest.vocab import (
    DAYS,
    EPISODE_TOPICS,
    FILTER_OPTIONS,
    GENDERS,
    PLACEMENTS,
    PLATFORMS,
    SENSITIVE_TOPICS,
)

Gender = Annotated[str, choice("gender", GENDERS)]
Platform = Annotated[str, choice("platform", PLATFORMS)]
Placement = Annotated[str, choice("placement", PLACEMENTS)]
EpisodeTopic = Annotated[str, choice("podcast episode topic", EPISODE_TOPICS)]
SensitiveTopic = Annotated[str, choice("sensitive topic", SENSITIVE_TOPICS)]
FilterOption = Annotated[str, choice("brand safety filter", FILTER_OPTIONS)]
Day = Annotated[str, choice("day of the week", DAYS)]

_RANGE = re.compile(r"\s*(\d+)\s*(?:(-)\s*(\d+)|(\+))?\s*")


def _range_input(label: str, example: str) -> Any:
    """Accept ``"18-24"``, ``"55+"`` and ``"9"`` as well as ``{min, max}``."""

    def parse(value: object) -> object:
        if isinstance(value, dict):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return {"min": value, "max": value}
        if not isinstance(value, str):
            fail(f"expected {label} like {example}, got {describe(value)}")
        match = _RANGE.fullmatch(value)
        if not match:
            fail(f"{value!r} is not {label}", f"write it like {example}")
        low = int(match.group(1))
        if match.group(4):
            return {"min": low}
        return {"min": low, "max": int(match.group(3)) if match.group(2) else low}

    return parse


class AgeRange(Frozen):
    """Ages from ``min`` to ``max`` (inclusive, 13 to 99; no max means 99)."""

    min: Annotated[StrictInt, Field(ge=13, le=99)]
    max: Annotated[StrictInt, Field(ge=13, le=99)] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.max is not None and self.max < self.min:
            fail(f"min ({self.min}) is greater than max ({self.max})")
        return self


AgeInput = Annotated[
    AgeRange,
    BeforeValidator(
        _range_input("an age range", "18-24, 55+ or {min: 18, max: 34}"),
        json_schema_input_type=str | AgeRange,
    ),
]


class HourRange(Frozen):
    """Hours of the day from ``min`` to ``max`` (0 to 23, both included)."""

    min: Annotated[StrictInt, Field(ge=0, le=23)]
    max: Annotated[StrictInt, Field(ge=0, le=23)]

    @model_validator(mode="after")
    def _ordered(self) -> HourRange:
        if self.max < self.min:
            fail(f"min ({self.min}) is greater than max ({self.max})")
        return self


HourInput = Annotated[
    HourRange,
    BeforeValidator(
        _range_input("an hour range", "6-9 or {min: 6, max: 9}"),
        json_schema_input_type=str | HourRange,
    ),
]


class DayPart(Frozen):
    """When ads may run, in the listener's time zone (API ``user_day_parts``)."""

    days: Annotated[tuple[Day, ...], unique("days")] = Field(min_length=1)
    hours: tuple[HourInput, ...] = Field(min_length=1)


class Geo(Frozen):
    """Where listeners are (API ``geo_targets``): one country, optionally refined."""

    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code (country_code).")
    regions: Annotated[tuple[str, ...], unique("regions")] | None = Field(
        None, description="Region IDs from GET /targets/geos (region_ids)."
    )
    cities: Annotated[tuple[str, ...], unique("cities")] | None = Field(
        None, description="City IDs from GET /targets/geos (city_ids)."
    )
    postal_codes: Annotated[tuple[str, ...], unique("postal_codes")] | None = Field(
        None, description="Postal code IDs like US:10001 (postal_code_ids)."
    )


class BrandSafety(Frozen):
    """Podcast brand safety (API ``sensitive_topic_exclusions``).

    Either one ``level`` for all sensitive topics or per-topic ``topics``.
    """

    level: FilterOption | None = Field(None, description="Global filter_option.")
    topics: dict[SensitiveTopic, FilterOption] | None = Field(
        None, description="Per-topic filter: {alcohol: restricted, ...}."
    )


class Targets(Frozen):
    """Who sees the ads. Every list is a set unless noted."""

    placements: Annotated[tuple[Placement, ...], unique("placements")] = Field(
        description="Where ads run: music, podcast (PODCAST cannot be alone)."
    )
    ages: tuple[AgeInput, ...] | None = Field(
        None, description="Age ranges (age_ranges): 18-24, 55+ or {min, max}."
    )
    genders: Annotated[tuple[Gender, ...], unique("genders")] | None = Field(
        None, description="female, male, non_binary."
    )
    geo: Geo | None = Field(None, description="Country and refinements (geo_targets).")
    language: LanguageCode | None = Field(
        None, description="Two-letter language code; omitted means all languages."
    )
    genres: Annotated[tuple[str, ...], unique("genres")] | None = Field(
        None, description="Genre IDs like rock (genre_ids)."
    )
    playlists: Annotated[tuple[str, ...], unique("playlists")] | None = Field(
        None, description="Playlist IDs like holidays (playlist_ids)."
    )
    artists: Annotated[tuple[str, ...], unique("artists")] | None = Field(
        None, description="Spotify artist IDs (artist_ids)."
    )
    interests: Annotated[tuple[Uuid, ...], unique("interests")] | None = Field(
        None, description="Interest UUIDs (interest_ids)."
    )
    episode_topics: (
        Annotated[tuple[EpisodeTopic, ...], unique("episode_topics")] | None
    ) = Field(None, description="Podcast episode topics (podcast_episode_topic_ids).")
    platforms: Annotated[tuple[Platform, ...], unique("platforms")] | None = Field(
        None, description="android, desktop, ios; omitted means all three."
    )
    audiences: tuple[Uuid, ...] | None = Field(
        None, description="Audience UUIDs to target (audience_ids)."
    )
    exclude_audiences: tuple[Uuid, ...] | None = Field(
        None, description="Audience UUIDs to exclude (audience_ids_exclusions)."
    )
    brand_safety: BrandSafety | None = Field(
        None, description="Sensitive topic exclusions for podcasts."
    )
    day_parts: Annotated[tuple[DayPart, ...], unique("day_parts")] | None = Field(
        None, description="Days and hours to run (user_day_parts)."
    )
