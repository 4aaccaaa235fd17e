"""render_json / load_plan: the saved-plan format."""

from __future__ import annotations

import json

import pytest

from campaignctl.errors import PlanError
from campaignctl.plan.model import Plan, SpendImpact
from campaignctl.plan.render_json import load_plan, render_json

from .scenarios import SCENARIOS, disable, replace, update


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_saved_plan_loads_back_exactly(name: str) -> None:
    plan = SCENARIOS[name]()
    text = render_json(plan)
    assert load_plan(text) == plan
    assert render_json(load_plan(text)) == text


def test_document_shape_and_summary() -> None:
    document = json.loads(render_json(disable()))
    assert sorted(document) == [
        "accounts",
        "actions",
        "format_version",
        "manifest_digest",
        "paths",
        "project_dir",
        "rollouts",
        "selection",
        "summary",
        "unmanaged",
        "violations",
        "warnings",
    ]
    assert document["format_version"] == 1
    assert document["summary"] == {
        "create": 0,
        "update": 0,
        "replace": 0,
        "disable": 2,
        "archive": 0,
        "spend": {
            "USD": {
                "daily_before": "150.00",
                "daily_after": "150.00",
                "daily_delta": "0.00",
                "lifetime_before": "4150.00",
                "lifetime_after": "0.00",
                "lifetime_delta": "-4150.00",
            }
        },
        "has_changes": True,
        "by_kind": {
            "create": {"asset": 0, "campaign": 0, "ad_set": 0, "ad": 0},
            "update": {"asset": 0, "campaign": 0, "ad_set": 0, "ad": 0},
            "replace": {"asset": 0, "campaign": 0, "ad_set": 0, "ad": 0},
            "disable": {"asset": 0, "campaign": 0, "ad_set": 2, "ad": 0},
            "archive": {"asset": 0, "campaign": 0, "ad_set": 0, "ad": 0},
        },
        "changes_by_origin": {
            "manifest": {"objects": 2, "fields": 2},
            "drift": {"objects": 0, "fields": 0},
        },
        "exposure": {},
        "policy_violations": 0,
    }


def test_actions_carry_what_apply_needs() -> None:
    document = json.loads(render_json(replace()))
    replaced = next(a for a in document["actions"] if a["action"] == "replace")
    assert sorted(replaced) == [
        "account_id",
        "action",
        "address",
        "asset",
        "body",
        "changes",
        "kind",
        "name",
        "parent",
        "reason",
        "refs",
        "remote_id",
        "spend",
        "updated_at",
    ]
    assert replaced["changes"] == [
        {
            "path": "bid_strategy",
            "before": "MAX_BID",
            "after": "AUTOBID",
            "forces_replace": True,
            "origin": "manifest",
            "changed_by": None,
            "changed_at": None,
            "changed_from": None,
        }
    ]
    assert replaced["updated_at"] == "2030-01-15T10:00:00Z"


def test_output_is_sorted_and_stable() -> None:
    text = render_json(update())
    assert text == render_json(update())
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"


def test_odd_currencies_keep_their_decimals() -> None:
    plan = Plan(
        spend={
            "JPY": SpendImpact(daily_before=1_500_000_000, daily_after=2_000_000_000),
            "KWD": SpendImpact(lifetime_after=1_234_567),
        }
    )
    spend = json.loads(render_json(plan))["summary"]["spend"]
    assert spend["JPY"]["daily_delta"] == "500"
    assert spend["KWD"]["lifetime_after"] == "1.234567"
    assert load_plan(render_json(plan)) == plan


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "this is not a campaignctl plan file: it is not JSON"),
        ("[]", "this is not a campaignctl plan file: it has no `actions`"),
        (
            '{"format_version": 2, "actions": []}',
            "this plan file has format_version 2; this campaignctl reads version 1",
        ),
        (
            '{"format_version": 1, "actions": [{"address": "x"}]}',
            "this is not a campaignctl plan file: it does not match the plan format",
        ),
    ],
)
def test_bad_plan_files_are_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(PlanError) as raised:
        load_plan(text)
    assert raised.value.message.startswith(message)
    assert raised.value.hint is not None
