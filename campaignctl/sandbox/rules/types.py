"""Field types and enums of the v3 spec, as pydantic annotations.

Lengths, patterns and ranges are the spec's; enums are the spec's value lists.
Request models built from these are strict (no coercion) and reject unknown
fields, so a body the sandbox accepts is one Spotify's schema accepts.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from campaignctl.vocabulary import *  # noqa: F403 - the API's enums, for the rules

T = TypeVar("T")

UUID_PATTERN = (
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
EVENT_TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
CATEGORY_PATTERN = r"^ADV_([1-9]|[12][0-9]|3[0-4])_[1-9][0-9]*$"

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1


class Body(BaseModel):
    """Base of request models: strict types, unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _unique(items: list[T]) -> list[T]:
    seen: list[Any] = []
    for item in items:
        key = item.model_dump() if isinstance(item, BaseModel) else item
        if key in seen:
            raise ValueError("items must be unique")
        seen.append(key)
    return items


UniqueList = Annotated[list[T], AfterValidator(_unique)]

Uuid = Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
EventTime = Annotated[str, StringConstraints(pattern=EVENT_TIME_PATTERN)]
Int32 = Annotated[int, Field(ge=-(2**31), le=INT32_MAX)]
Int32Min1 = Annotated[int, Field(ge=1, le=INT32_MAX)]
Int64 = Annotated[int, Field(ge=-(2**63), le=INT64_MAX)]
TRIMMED = r"^\S.*\S$"  # no leading or trailing whitespace
