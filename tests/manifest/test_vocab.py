"""The closed vocabularies match the spec (openapi.yaml), minus what we skip."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from campaignctl.manifest import vocab
from campaignctl.manifest.node import plain
from campaignctl.manifest.yaml import load_yaml


@pytest.fixture(scope="module")
def schemas(spec_path: Path) -> dict[str, Any]:
    spec = plain(
        load_yaml(spec_path.read_text(encoding="utf-8"), "openapi.yaml")[0].root
    )
    result: dict[str, Any] = spec["components"]["schemas"]
    return result


def _enum(schemas: dict[str, Any], name: str) -> list[str]:
    return list(schemas[name]["enum"])


@pytest.mark.parametrize(
    ("schema", "ours", "skipped"),
    [
        ("OptimizationPrefs", vocab.OBJECTIVES, {"UNSET"}),
        ("DeliveryGoalGroup", vocab.DELIVERY_GOAL_GROUPS, {"UNSET"}),
        ("DeliveryGoal", vocab.DELIVERY_GOALS, {"UNSET"}),
        ("AssetFormat", vocab.ASSET_FORMATS, {"CATALOG"}),
        ("Delivery", vocab.DELIVERY, set()),
        ("Pacing", tuple(vocab.PACING.values()), set()),
        ("VideoDeliveryFormat", vocab.VIDEO_FORMATS, set()),
        ("Gender", vocab.GENDERS, set()),
        ("Platform", vocab.PLATFORMS, set()),
        ("Placement", vocab.PLACEMENTS, set()),
        ("SensitiveTopicFilter", vocab.FILTER_OPTIONS, set()),
        ("AdCallToActionType", vocab.CTA_KEYS, set()),
        ("AdLanguage", vocab.AD_LANGUAGES, set()),
    ],
)
def test_enums_match_the_spec(
    schemas: dict[str, Any], schema: str, ours: tuple[str, ...], skipped: set[str]
) -> None:
    assert sorted(ours) == sorted(set(_enum(schemas, schema)) - skipped)


def test_nested_enums_and_limits(schemas: dict[str, Any]) -> None:
    cap = schemas["FrequencyCap"]["properties"]
    assert sorted(vocab.FREQUENCY_UNITS) == sorted(cap["frequency_unit"]["enum"])
    assert schemas["AdSetFrequencyCaps"]["maxItems"] == vocab.MAX_FREQUENCY_CAPS
    tracking = schemas["AdThirdPartyTracking"]["properties"]["measurement_partner"][
        "enum"
    ]
    assert sorted(vocab.TRACKING_PARTNERS) == sorted(set(tracking) - {"UNSET"})
    base = schemas["BaseRequestAdEntity"]["properties"]
    assert base["third_party_tracking"]["maxItems"] == vocab.MAX_TRACKING
    day = schemas["DayPart"]["properties"]["day_of_week"]["items"]["enum"]
    assert sorted(vocab.DAYS) == sorted(day)


def test_word_lists_in_descriptions(schemas: dict[str, Any]) -> None:
    topics = schemas["Podcast_Episode_Topics"]["description"]
    listed = re.findall(r"[a-z]+(?:-[a-z]+)*", topics.split("Allowed values:")[1])
    assert sorted(vocab.EPISODE_TOPICS) == sorted(listed)
    sensitive = schemas["Targets"]["properties"]["sensitive_topic_exclusions"][
        "description"
    ]
    ids = sensitive.split("Allowed sensitive topic ids:")[1].split(".")[0]
    assert sorted(vocab.SENSITIVE_TOPICS) == sorted(re.findall(r"[a-z-]+", ids))


def test_text_limits_match_the_spec(schemas: dict[str, Any]) -> None:
    from campaignctl.manifest.jsonschema import campaign_schema

    ours = campaign_schema()

    def limits(definition: dict[str, Any], field: str) -> tuple[int, int]:
        prop = definition["properties"][field]
        prop = next((o for o in prop.get("anyOf", []) if "maxLength" in o), prop)
        return (prop["minLength"], prop["maxLength"])

    defs = ours["$defs"]
    for name, definition, field in [
        ("CampaignName", ours, "name"),
        ("CampaignPurchaseOrder", ours, "purchase_order"),
        ("AdSetName", defs["AdSetSpec"], "name"),
        ("AdName", defs["AdSpec"], "name"),
        ("AdTagline", defs["AdSpec"], "tagline"),
        ("AdAdvertiserName", defs["AdSpec"], "advertiser_name"),
    ]:
        expected = (schemas[name]["minLength"], schemas[name]["maxLength"])
        assert limits(definition, field) == expected, name
