"""JSON Schemas of the manifest format, generated from the models.

``campaignctl schema`` writes them to ``schemas/`` (campaign, project and
rollout manifests); editors pick them up through
``# yaml-language-server: $schema=...`` modelines. Defaults blocks get
"partial" schemas (every field optional, identity fields left out) so
editors complete them too.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from campaignctl.manifest.spec import CampaignSpec, ProjectConfig
from campaignctl.manifest.spec.report import ReportSpec
from campaignctl.manifest.spec.rollout import RolloutSpec

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_IDENTITY_AD_SET = {"name", "id", "ads", "ad_defaults"}
_IDENTITY_AD = {"name", "id"}
_IDENTITY_CAMPAIGN = {
    "apiVersion",
    "kind",
    "name",
    "id",
    "ad_sets",
    "defaults",
    "account",
}


def schema_files() -> dict[str, str]:
    """File name → schema text (stable: same models, same bytes)."""
    campaign = campaign_schema()
    return {
        "campaign.schema.json": _text(campaign),
        "project.schema.json": _text(project_schema(campaign)),
        "rollout.schema.json": _text(rollout_schema(campaign)),
        "report.schema.json": _text(report_schema()),
    }


def campaign_schema() -> dict[str, Any]:
    schema = CampaignSpec.model_json_schema(by_alias=True)
    defs = schema["$defs"]
    defs["AdSetDefaults"] = _partial(defs["AdSetSpec"], _IDENTITY_AD_SET, "ad set")
    defs["AdDefaults"] = _partial(defs["AdSpec"], _IDENTITY_AD, "ad")
    _point(defs["CampaignDefaults"], "ad_set", "AdSetDefaults")
    _point(defs["CampaignDefaults"], "ad", "AdDefaults")
    _point(defs["AdSetSpec"], "ad_defaults", "AdDefaults")
    return _framed(schema, "campaignctl Campaign manifest")


def project_schema(campaign: dict[str, Any] | None = None) -> dict[str, Any]:
    campaign = campaign or campaign_schema()
    schema = ProjectConfig.model_json_schema(by_alias=True)
    defs = schema.setdefault("$defs", {})
    for name, definition in campaign["$defs"].items():
        defs.setdefault(name, copy.deepcopy(definition))
    top = {k: v for k, v in campaign.items() if k not in ("$defs", "$schema", "title")}
    defs["CampaignFields"] = _partial(top, _IDENTITY_CAMPAIGN, "campaign")
    _point(defs["ProjectDefaults"], "campaign", "CampaignFields")
    _point(defs["ProjectDefaults"], "ad_set", "AdSetDefaults")
    _point(defs["ProjectDefaults"], "ad", "AdDefaults")
    return _framed(schema, "campaignctl project file (campaignctl.yaml)")


def rollout_schema(campaign: dict[str, Any] | None = None) -> dict[str, Any]:
    """``kind: Rollout``; its ``campaign:`` block is a campaign without a kind."""
    campaign = campaign or campaign_schema()
    schema = RolloutSpec.model_json_schema(by_alias=True)
    defs = schema.setdefault("$defs", {})
    for name, definition in campaign["$defs"].items():
        defs.setdefault(name, copy.deepcopy(definition))
    frame = {"apiVersion", "kind"}
    defs["RolloutCampaign"] = {
        "additionalProperties": False,
        "description": "The campaign the rows' ad sets go in (each: ad_set): any "
        "Campaign field but apiVersion and kind.",
        "properties": {
            key: copy.deepcopy(value)
            for key, value in campaign["properties"].items()
            if key not in frame
        },
        "required": [
            r for r in campaign.get("required", []) if r not in {*frame, "account"}
        ],
        "type": "object",
    }
    schema["properties"]["campaign"] = {
        "anyOf": [{"$ref": "#/$defs/RolloutCampaign"}, {"type": "null"}],
        "default": None,
    }
    return _framed(schema, "campaignctl Rollout manifest")


def report_schema() -> dict[str, Any]:
    """``kind: Report`` (reports are validated by ``campaignctl.reports``)."""
    schema = ReportSpec.model_json_schema(by_alias=True)
    schema["required"] = sorted({*schema.get("required", ()), "name", "metrics"})
    return _framed(schema, "campaignctl Report manifest")


def _partial(definition: dict[str, Any], drop: set[str], what: str) -> dict[str, Any]:
    properties = {
        key: copy.deepcopy(value)
        for key, value in definition["properties"].items()
        if key not in drop
    }
    return {
        "additionalProperties": False,
        "description": f"Defaults for every {what}: any {what} field except "
        f"{', '.join(sorted(drop))}.",
        "properties": properties,
        "type": "object",
    }


def _point(definition: dict[str, Any], key: str, target: str) -> None:
    definition["properties"][key] = {
        "anyOf": [{"$ref": f"#/$defs/{target}"}, {"type": "null"}],
        "default": None,
    }


def _framed(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": DIALECT, **schema, "title": title}


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
