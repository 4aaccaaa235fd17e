"""Closed vocabularies: the spec's enums for the fields we manage, and ISO codes.

The API's enums live in ``campaignctl.vocabulary`` (shared with the sandbox);
this module picks the values manifests may use.

``tests/manifest/test_vocab.py`` checks every API list here against
``openapi.yaml`` so a spec update cannot drift past us unnoticed.
"""

from __future__ import annotations

from typing import Any, get_args

from campaignctl import vocabulary as api


def without(enum: Any, *dropped: str) -> tuple[str, ...]:
    """An API enum's values minus the ones campaignctl never writes."""
    return tuple(v for v in get_args(enum) if v not in dropped)


# -- campaign ---------------------------------------------------------------
OBJECTIVES = without(api.Objective, "UNSET")
DELIVERY_GOAL_GROUPS = without(api.DeliveryGoalGroup, "UNSET")
CAMPAIGN_STATUSES = ("ACTIVE", "PAUSED")  # what a campaign PATCH may set

# -- ad set -----------------------------------------------------------------
ASSET_FORMATS = without(api.AssetFormat, "CATALOG")  # CATALOG: unmanaged
DELIVERY = get_args(api.Delivery)
PACING = {"EVEN": "PACING_EVEN", "ASAP": "PACING_ASAP"}  # manifest → Pacing
DELIVERY_GOALS = without(api.DeliveryGoal, "UNSET")
VIDEO_FORMATS = get_args(api.VideoDeliveryFormat)
FREQUENCY_UNITS = get_args(api.FrequencyUnit)
# AUCTION catalog maxima, which are also the server defaults (BRIEF §2.2)
MAX_IMPRESSIONS = {"DAY": 5, "WEEK": 35, "MONTH": 50}
MAX_FREQUENCY_CAPS = 6

# -- targets ----------------------------------------------------------------
GENDERS = get_args(api.Gender)
PLATFORMS = get_args(api.Platform)
PLACEMENTS = get_args(api.Placement)
SENSITIVE_TOPICS = (
    "alcohol",
    "crime-violence",
    "drugs",
    "gambling",
    "hate-speech",
    "pornography",
    "terrorism",
    "tobacco",
    "weapons",
)
FILTER_OPTIONS = get_args(api.SensitiveTopicFilter)
EPISODE_TOPICS = (
    "automotive",
    "books-and-literature",
    "business-and-finance",
    "careers",
    "education",
    "events-and-attractions",
    "family-and-relationships",
    "fine-art",
    "food-and-drink",
    "healthy-living",
    "hobbies-and-interests",
    "home-and-garden",
    "medical-health",
    "movies",
    "music-and-audio",
    "news-and-politics",
    "personal-finance",
    "pets",
    "pop-culture",
    "real-estate",
    "religion-and-spirituality",
    "science",
    "shopping",
    "sports",
    "style-and-fashion",
    "technology-and-computing",
    "television",
    "travel",
    "video-gaming",
)
DAYS = get_args(api.Weekday)

# -- ad ---------------------------------------------------------------------
CTA_KEYS = get_args(api.CallToAction)
AD_LANGUAGES = get_args(api.AdLanguage)
TRACKING_PARTNERS = without(
    api.MeasurementPartner, "UNSET"
)  # AdThirdPartyTracking.measurement_partner minus UNSET
MAX_TRACKING = 11

# -- ISO 3166-1 alpha-2 (plus XK, Kosovo, which ad platforms accept) ---------
COUNTRIES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ
    BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR
    CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
    LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
    PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
    SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR
    TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
    """.split()  # noqa: SIM905 - a table reads better as words
)
# common mistakes → the right code (hints only)
COUNTRY_HINTS = {"UK": "GB", "USA": "US", "EN": "GB", "UAE": "AE", "GER": "DE"}
