"""The planner's field table agrees with the v3 spec (the contract)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from campaignctl.plan.fields import AD, AD_SET, CAMPAIGN, KindTable
from campaignctl.plan.normalise import compiled

# documented outside the spec (BRIEF §2.1-2.3: [tools] schemas, AdField enum)
UNDOCUMENTED = {"version", "ad_account_id", "derived_status", "campaign_id"}
UNDOCUMENTED |= {"asset_format", "weight", "external_id"}
SCHEMAS = {
    "campaign": (
        CAMPAIGN,
        ["CreateCampaignRequest", "UpdateCampaignRequest"],
        "CampaignResponse",
    ),
    "ad_set": (AD_SET, ["AdSetCreateRequest", "AdSetPatchRequest"], "AdSetResponse"),
    "ad": (AD, ["CreateAdRequest", "UpdateAdRequest"], "AdResponse"),
}


@pytest.fixture(scope="module")
def schemas(spec_path: Path) -> dict[str, Any]:
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    return dict(spec["components"]["schemas"])


def properties(schemas: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Properties of a schema, following $ref and allOf."""
    if "$ref" in schema:
        return properties(schemas, schemas[schema["$ref"].rsplit("/", 1)[-1]])
    found = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        found |= properties(schemas, part)
    return found


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_compared_field_is_in_a_request_schema(
    kind: str, schemas: dict[str, Any]
) -> None:
    table, requests, _ = SCHEMAS[kind]
    sendable: set[str] = set()
    for name in requests:
        sendable |= set(properties(schemas, schemas[name]))
    assert set(compiled(table.kind).children) - sendable == set()


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_read_only_fields_are_response_fields(
    kind: str, schemas: dict[str, Any]
) -> None:
    table, _, response = SCHEMAS[kind]
    returned = set(properties(schemas, schemas[response])) | UNDOCUMENTED
    top_level = {f.split(".")[0] for f in table.read_only}
    assert top_level - returned == set()
    assert set(table.fields) & table.read_only == set()  # never compared


def _defaults(schemas: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v["value"] for k, v in schemas[name]["x-spotify-defaults"].items()}


@pytest.mark.parametrize(
    ("table", "schema"),
    [(AD_SET, "AdSetRequestBase"), (AD, "CreateAdRequest")],
    ids=["ad_set", "ad"],
)
def test_server_defaults_match_the_spec(
    table: KindTable, schema: str, schemas: dict[str, Any]
) -> None:
    spec_defaults = _defaults(schemas, schema)
    spec_defaults.pop("cost_model", None)  # server-owned: never compared
    ours = {k: v for k, v in table.defaults.items() if k in spec_defaults}
    assert ours == spec_defaults
