"""Ad sets: schedule, budget, bid, pacing, frequency caps, targeting and ads."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from campaignctl.frozen import Frozen
from campaignctl.manifest.fields import (
    Category,
    MoneyValue,
    StrictInt,
    Text,
    Timestamp,
    Uuid,
    choice,
    describe,
    fail,
    unique,
)
from campaignctl.manifest.money import Money
from campaignctl.manifest.spec.ad import AdSpec, Delivery
from campaignctl.manifest.spec.targets import Targets
from campaignctl.manifest.vocab import (
    ASSET_FORMATS,
    DELIVERY_GOALS,
    FREQUENCY_UNITS,
    MAX_FREQUENCY_CAPS,
    MAX_IMPRESSIONS,
    PACING,
    VIDEO_FORMATS,
)

AdSetName = Annotated[str, Text(2, 200)]
AssetFormat = Annotated[str, choice("format", ASSET_FORMATS)]
Pacing = Annotated[str, choice("pacing", tuple(PACING.values()), aliases=PACING)]
VideoFormat = Annotated[str, choice("video format", VIDEO_FORMATS)]
DeliveryGoal = Annotated[str, choice("delivery goal", DELIVERY_GOALS)]
FrequencyUnit = Annotated[str, choice("frequency unit", FREQUENCY_UNITS)]


class Schedule(Frozen):
    """The flight (API ``start_time`` / ``end_time``), in UTC."""

    start: Timestamp
    end: Timestamp | None = None


class Budget(Frozen):
    """Exactly one of ``daily`` or ``lifetime`` (API ``budget``)."""

    daily: MoneyValue | None = Field(None, description="DAILY budget, e.g. 150 USD.")
    lifetime: MoneyValue | None = Field(
        None, description="LIFETIME budget, e.g. 5000 USD (needs schedule.end)."
    )

    @model_validator(mode="after")
    def _one(self) -> Budget:
        if (self.daily is None) == (self.lifetime is None):
            fail("set exactly one of daily or lifetime", "for example {daily: 150 USD}")
        return self

    @property
    def amount(self) -> Money:
        amount = self.daily or self.lifetime
        assert amount is not None
        return amount


def _bid_input(value: object) -> object:
    if isinstance(value, str):
        if value.strip().lower() in ("auto", "autobid"):
            return {"auto": True}
        fail(
            f"{value!r} is not a bid",
            "write auto, {max_cpm: 12 USD} or {cost_per_result: 1.50 USD}",
        )
    if not isinstance(value, dict):
        fail(f"expected auto or a mapping, got {describe(value)}")
    return value


class Bid(Frozen):
    """How to bid: ``auto``, ``{max_cpm: …}`` or ``{cost_per_result: …}``."""

    max_cpm: MoneyValue | None = Field(None, description="MAX_BID: CPM cap.")
    cost_per_result: MoneyValue | None = Field(
        None, description="COST_PER_RESULT: target cost per click (CLICKS only)."
    )
    auto: bool = Field(False, description="AUTOBID (same as writing bid: auto).")

    @model_validator(mode="after")
    def _one(self) -> Bid:
        chosen = [self.max_cpm is not None, self.cost_per_result is not None, self.auto]
        if sum(chosen) != 1:
            fail(
                "set exactly one of max_cpm, cost_per_result or auto",
                "for example {max_cpm: 12 USD}",
            )
        return self

    @property
    def strategy(self) -> str:
        if self.auto:
            return "AUTOBID"
        return "MAX_BID" if self.max_cpm is not None else "COST_PER_RESULT"

    @property
    def amount(self) -> Money | None:
        return self.max_cpm or self.cost_per_result


BidInput = Annotated[
    Bid, BeforeValidator(_bid_input, json_schema_input_type=Bid | Literal["auto"])
]


class CapsByUnit(Frozen):
    """Impressions per listener per day / week / month (period 1)."""

    day: Annotated[StrictInt, Field(ge=1, le=MAX_IMPRESSIONS["DAY"])] | None = None
    week: Annotated[StrictInt, Field(ge=1, le=MAX_IMPRESSIONS["WEEK"])] | None = None
    month: Annotated[StrictInt, Field(ge=1, le=MAX_IMPRESSIONS["MONTH"])] | None = None

    @model_validator(mode="after")
    def _some(self) -> CapsByUnit:
        if self.day is None and self.week is None and self.month is None:
            fail("set at least one of day, week or month")
        return self


class FrequencyCap(Frozen):
    """At most ``impressions`` per listener every ``period`` ``unit``s."""

    unit: FrequencyUnit
    period: Annotated[StrictInt, Field(ge=1)] = 1
    impressions: Annotated[StrictInt, Field(ge=1)]


def _caps_form(value: Any) -> str | None:
    if isinstance(value, dict | CapsByUnit):
        return "by_unit"
    if isinstance(value, list | tuple):
        return "list"
    return None


FrequencyCaps = Annotated[
    Annotated[CapsByUnit, Tag("by_unit")]
    | Annotated[
        tuple[FrequencyCap, ...],
        Field(max_length=MAX_FREQUENCY_CAPS),
        unique("frequency_caps"),
        Tag("list"),
    ],
    Discriminator(
        _caps_form,
        custom_error_type="campaignctl",
        custom_error_message="expected a mapping like {day: 3, week: 10} or a list",
    ),
]


class AdSetSpec(Frozen):
    """An ad set and its ads. Identity: ``name`` within the campaign."""

    name: AdSetName
    id: Uuid | None = Field(None, description="Pin an existing ad set (adopt/rename).")
    category: Category = Field(description="Ad category ID, ADV_<parent>_<sub>.")
    format: AssetFormat = Field(description="asset_format (create-only).")
    delivery: Delivery = Field("ON", description="ON or OFF.")
    schedule: Schedule
    budget: Budget
    bid: BidInput
    pacing: Pacing | None = Field(None, description="even (default) or asap.")
    frequency_caps: FrequencyCaps | None = None
    video_formats: (
        Annotated[tuple[VideoFormat, ...], unique("video_formats")] | None
    ) = Field(None, description="VIDEO only: in_stream, opt_in.")
    delivery_goal: DeliveryGoal | None = Field(None, description="Create-only.")
    mobile_app_id: Uuid | None = Field(
        None, description="APP_INSTALLS: the app's UUID."
    )
    targets: Targets
    ad_defaults: dict[str, Any] | None = Field(
        None, description="Values every ad of this ad set starts from."
    )
    ads: tuple[AdSpec, ...] = ()
