"""Property-based fuzzing of every implemented operation with schemathesis.

Cases are generated from the spec (valid and deliberately invalid data) and
sent over real HTTP to a sandbox holding one object of each kind; path ids
are pinned to those objects half of the time so generated bodies reach the
deep validation paths. Checks: no 5xx, and every documented response
validates against the (corrected, see ``contract.py``) spec. Bounded and
derandomized so it stays a fast, reproducible CI test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from campaignctl.sandbox import BUSINESS_ID, SandboxConfig, create_app
from campaignctl.sandbox.operation import Operation
from campaignctl.sandbox.server import running

from .contract import Contract
from .helpers import ACCOUNT, ad_body, ad_set_body, audio_ad_assets, campaign_body, path

SERVED = sorted(
    endpoint.operation_id
    for route in create_app(SandboxConfig()).routes
    if isinstance(endpoint := getattr(route, "endpoint", None), Operation)
)
EXAMPLES = 20


@pytest.fixture(scope="module")
def fuzz_target(
    contract: Contract,
) -> Iterator[tuple[Any, str, dict[str, str], dict[str, str]]]:
    """(schemathesis schema, API URL, auth headers, pinned path ids) for the module."""
    app = create_app(
        SandboxConfig(clock_start="2030-01-01T00:00:00Z", rate_limit=0, processing_ms=0)
    )
    with running(app) as base:
        yield _target(contract, base)
    app.state.sandbox.close()


def _target(
    contract: Contract, base: str
) -> tuple[Any, str, dict[str, str], dict[str, str]]:
    token = httpx.post(
        f"{base}/api/token",
        data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
        auth=("sandbox-client", "sandbox-secret"),
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=f"{base}/ads/v3", headers=headers) as client:
        ids = _objects(client)
    schema = schemathesis.openapi.from_dict(contract.document)
    return schema, f"{base}/ads/v3", headers, ids


def _objects(client: httpx.Client) -> dict[str, str]:
    campaign = client.post(path("campaigns"), json=campaign_body()).json()
    ad_set = client.post(path("ad_sets"), json=ad_set_body(campaign["id"])).json()
    assets = audio_ad_assets(client)
    ad = client.post(path("ads"), json=ad_body(ad_set["id"], assets)).json()
    draft = client.post(path("drafts", "campaigns"), json={"name": "Fuzz"}).json()
    draft_set = client.post(
        path("drafts", "ad_sets"), json={"campaign_id": draft["id"]}
    ).json()
    draft_ad = client.post(
        path("drafts", "ads"), json={"ad_set_id": draft_set["id"]}
    ).json()
    report = client.post(
        path("async_reports"),
        json={
            "name": "fuzz",
            "granularity": "LIFETIME",
            "dimensions": ["AD_NAME"],
            "metrics": ["SPEND"],
        },
    ).json()
    return {
        "ad_account_id": ACCOUNT,
        "business_id": BUSINESS_ID,
        "campaign_id": campaign["id"],
        "ad_set_id": ad_set["id"],
        "ad_id": ad["id"],
        "asset_id": assets["asset_id"],
        "draft_campaign_id": draft["id"],
        "draft_ad_set_id": draft_set["id"],
        "draft_ad_id": draft_ad["id"],
        "report_id": report["id"],
    }


@pytest.mark.parametrize("operation_id", SERVED)
def test_fuzzed_requests_never_fail_the_server_or_the_spec(
    operation_id: str, fuzz_target: tuple[Any, str, dict[str, str], dict[str, str]]
) -> None:
    schema, base_url, headers, ids = fuzz_target
    operation = schema.find_operation_by_id(operation_id)
    names = [p.name for p in operation.path_parameters]
    pinned = {name: ids[name] for name in names if name in ids}
    strategies = [
        operation.as_strategy(generation_mode=mode, path_parameters=pins)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        for pins in (pinned, None)
    ]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(strategies))
    def check(case: Any) -> None:
        response = case.call(base_url=base_url, headers=headers, timeout=10)
        case.validate_response(
            response, checks=[not_a_server_error, response_schema_conformance]
        )

    check()
