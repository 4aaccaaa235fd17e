"""The API's closed vocabularies: the spec's enums, one list for everyone.

The sandbox validates requests with these ``Literal`` types; the manifest layer
derives the values it accepts from them (``typing.get_args``), so campaignctl
and its emulator can never disagree on an enum. Tests check each against
``openapi.yaml``.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

__all__ = [
    "AdLanguage",
    "AdProduct",
    "AdSetStatus",
    "AdStatus",
    "AspectRatio",
    "AssetFormat",
    "AssetStatus",
    "AssetSubtype",
    "AssetType",
    "AudioType",
    "BidStrategy",
    "BudgetType",
    "CallToAction",
    "CampaignStatus",
    "CostModel",
    "Delivery",
    "DeliveryGoal",
    "DeliveryGoalGroup",
    "DraftObjective",
    "FrequencyUnit",
    "Gender",
    "GeneralAudioType",
    "MeasurementPartner",
    "Objective",
    "Pacing",
    "Placement",
    "Platform",
    "PromotionGoal",
    "SensitiveTopicFilter",
    "SlotPosition",
    "SortDirection",
    "TrackingEvent",
    "VideoDeliveryFormat",
    "Weekday",
    "values",
]

Objective = Literal[
    "UNSET",
    "REACH",
    "EVEN_IMPRESSION_DELIVERY",
    "CLICKS",
    "VIDEO_VIEWS",
    "PODCAST_STREAMS",
    "APP_INSTALLS",
    "WEBSITE_VISITS",
]
DraftObjective = Literal[
    "UNSET",
    "REACH",
    "EVEN_IMPRESSION_DELIVERY",
    "CLICKS",
    "VIDEO_VIEWS",
    "PODCAST_STREAMS",
]
AdProduct = Literal["UNSET", "UNKNOWN", "CONTENT", "FPMNG"]
DeliveryGoalGroup = Literal[
    "UNSET",
    "AWARENESS",
    "WEBSITE_TRAFFIC",
    "APP_PROMOTION",
    "ENGAGEMENT_ON_SPOTIFY",
    "LEAD_GEN",
]
CampaignStatus = Literal[
    "UNSET",
    "ACTIVE",
    "PAUSED",
    "ARCHIVED",
    "AGENT_CONTROLLED",
    "ACTIVE_RESTRICTED",
    "PENDING_ADVERTISER_REVIEW",
    "UNRECOGNIZED",
]
AdSetStatus = Literal[
    "ACTIVE",
    "ACTIVE_RESTRICTED",
    "APPROVED",
    "ARCHIVED",
    "COMPLETED",
    "PENDING_APPROVAL",
    "READY",
    "REJECTED",
]
AdStatus = Literal[
    "ACTIVE",
    "APPROVED",
    "ARCHIVED",
    "FAILED",
    "PENDING",
    "PENDING_APPROVAL",
    "REJECTED",
    "UNRECOGNIZED",
]
AssetStatus = Literal["ERROR", "PROCESSING", "READY", "WAITING_UPLOAD"]
Delivery = Literal["ON", "OFF"]
AssetFormat = Literal["AUDIO", "VIDEO", "IMAGE", "CATALOG"]
AssetType = Literal["AUDIO", "IMAGE", "VIDEO"]
AssetSubtype = Literal["BACKGROUND_MUSIC", "USER_UPLOADED_AUDIO"]
AudioType = Literal[
    "ADSTUDIO_SUPPLIED_AUDIO",
    "BACKGROUND_MUSIC",
    "STOCK_BACKGROUND_MUSIC",
    "USER_UPLOADED_AUDIO",
]
GeneralAudioType = Literal["AUDIO_AD", "BACKGROUND_MUSIC"]
AspectRatio = Literal[
    "HORIZONTAL_16_9",
    "HORIZONTAL_1_91_1",
    "HORIZONTAL_1_2_1",
    "SQUARE",
    "VERTICAL_9_16",
]
BidStrategy = Literal["COST_PER_RESULT", "MAX_BID", "AUTOBID", "UNSET"]
BudgetType = Literal["DAILY", "LIFETIME"]
Pacing = Literal["PACING_ASAP", "PACING_EVEN"]
CostModel = Literal["CPM", "CPCL"]
FrequencyUnit = Literal["DAY", "WEEK", "MONTH"]
Placement = Literal["MUSIC", "PODCAST"]
Platform = Literal["ANDROID", "DESKTOP", "IOS"]
Gender = Literal["MALE", "FEMALE", "NON_BINARY"]
SlotPosition = Literal["PRE_ROLL", "MID_ROLL", "POST_ROLL"]
VideoDeliveryFormat = Literal["IN_STREAM", "OPT_IN"]
DeliveryGoal = Literal[
    "UNSET",
    "IMPRESSIONS",
    "REACH",
    "VIDEO_VIEWS",
    "CLICKS",
    "PAGE_VIEWS",
    "APP_INSTALLS",
    "STREAMS",
    "LEADS",
]
SensitiveTopicFilter = Literal["STANDARD", "PARTIAL", "LIMITED", "RESTRICTED"]
Weekday = Literal[
    "SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"
]
PromotionGoal = Literal["ARTIST_PROMO", "PODCAST_PROMO"]
TrackingEvent = Literal["IMPRESSION", "CLICKED", "COMPLETE"]
MeasurementPartner = Literal["IAS", "DCM", "UNSET"]
CallToAction = Literal[
    "APPLY_NOW",
    "BOOK_NOW",
    "BUY_NOW",
    "BUY_TICKETS",
    "CLICK_NOW",
    "DOWNLOAD",
    "FIND_STORES",
    "GET_COUPON",
    "GET_INFO",
    "LEARN_MORE",
    "LISTEN_NOW",
    "MORE_INFO",
    "ORDER_NOW",
    "PRE_SAVE",
    "SAVE_NOW",
    "SHARE",
    "SHOP_NOW",
    "SIGN_UP",
    "VISIT_PROFILE",
    "VISIT_SITE",
    "WATCH_NOW",
]
AdLanguage = Literal[
    "ARABIC",
    "ARABIC_EGYPT",
    "BULGARIAN",
    "CHINESE",
    "CHINESE_HK",
    "CHINESE_TAIWAN",
    "CROATIAN",
    "CZECH",
    "DANISH",
    "DUTCH",
    "ENGLISH",
    "FINNISH",
    "FRENCH",
    "FRENCH_CANADA",
    "GERMAN",
    "GREEK",
    "HEBREW",
    "HUNGARIAN",
    "INDONESIAN",
    "ITALIAN",
    "JAPANESE",
    "KOREAN",
    "NORWEGIAN",
    "POLISH",
    "PORTUGUESE",
    "PORTUGUESE_PORTUGAL",
    "ROMANIAN",
    "RUSSIAN",
    "SLOVAK",
    "SPANISH",
    "SPANISH_ARGENTINA",
    "SPANISH_LATAM_CARIBBEAN",
    "SPANISH_MEXICO",
    "SWEDISH",
    "THAI",
    "TURKISH",
    "UKRAINIAN",
    "VIETNAMESE",
]
SortDirection = Literal["ASC", "DESC"]


def values(enum: Any) -> tuple[str, ...]:
    """The allowed strings of a ``Literal`` enum (for query parameters)."""
    return tuple(str(v) for v in get_args(enum))
