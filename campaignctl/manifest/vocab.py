"""Closed vocabularies: the spec's enums for the fields we manage, and ISO codes.

``tests/manifest/test_vocab.py`` checks every API list here against
``openapi.yaml`` so a spec update cannot drift past us unnoticed.
"""

from __future__ import annotations

# -- campaign ---------------------------------------------------------------
OBJECTIVES = (  # OptimizationPrefs minus UNSET ("internal only")
    "REACH",
    "EVEN_IMPRESSION_DELIVERY",
    "CLICKS",
    "VIDEO_VIEWS",
    "PODCAST_STREAMS",
    "APP_INSTALLS",
    "WEBSITE_VISITS",
)
DELIVERY_GOAL_GROUPS = (  # DeliveryGoalGroup minus UNSET
    "AWARENESS",
    "WEBSITE_TRAFFIC",
    "APP_PROMOTION",
    "ENGAGEMENT_ON_SPOTIFY",
    "LEAD_GEN",
)
CAMPAIGN_STATUSES = ("ACTIVE", "PAUSED")  # what a campaign PATCH may set

# -- ad set -----------------------------------------------------------------
ASSET_FORMATS = ("AUDIO", "VIDEO", "IMAGE")  # AssetFormat minus CATALOG (unmanaged)
DELIVERY = ("ON", "OFF")
PACING = {"EVEN": "PACING_EVEN", "ASAP": "PACING_ASAP"}  # manifest → Pacing
DELIVERY_GOALS = (  # DeliveryGoal minus UNSET
    "IMPRESSIONS",
    "REACH",
    "VIDEO_VIEWS",
    "CLICKS",
    "PAGE_VIEWS",
    "APP_INSTALLS",
    "STREAMS",
    "LEADS",
)
VIDEO_FORMATS = ("IN_STREAM", "OPT_IN")
FREQUENCY_UNITS = ("DAY", "WEEK", "MONTH")
# AUCTION catalog maxima, which are also the server defaults (BRIEF §2.2)
MAX_IMPRESSIONS = {"DAY": 5, "WEEK": 35, "MONTH": 50}
MAX_FREQUENCY_CAPS = 6

# -- targets ----------------------------------------------------------------
GENDERS = ("MALE", "FEMALE", "NON_BINARY")
PLATFORMS = ("ANDROID", "DESKTOP", "IOS")
PLACEMENTS = ("MUSIC", "PODCAST")
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
FILTER_OPTIONS = ("STANDARD", "PARTIAL", "LIMITED", "RESTRICTED")
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
DAYS = ("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")

# -- ad ---------------------------------------------------------------------
CTA_KEYS = (
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
)
AD_LANGUAGES = tuple(
    """
    ARABIC ARABIC_EGYPT BULGARIAN CHINESE CHINESE_HK CHINESE_TAIWAN CROATIAN
    CZECH DANISH DUTCH ENGLISH FINNISH FRENCH FRENCH_CANADA GERMAN GREEK HEBREW
    HUNGARIAN INDONESIAN ITALIAN JAPANESE KOREAN NORWEGIAN POLISH PORTUGUESE
    PORTUGUESE_PORTUGAL ROMANIAN RUSSIAN SLOVAK SPANISH SPANISH_ARGENTINA
    SPANISH_LATAM_CARIBBEAN SPANISH_MEXICO SWEDISH THAI TURKISH UKRAINIAN
    VIETNAMESE
    """.split()  # noqa: SIM905 - a table reads better as words
)
TRACKING_PARTNERS = (
    "IAS",
    "DCM",
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
