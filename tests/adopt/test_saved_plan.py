"""Estimates, validation and kept drafts survive a saved plan."""

from __future__ import annotations

import json

from campaignctl.plan.model import Plan
from campaignctl.plan.remote import (
    AdSetEstimate,
    BidRange,
    Forecast,
    RemoteProblem,
    RemoteValidation,
    StagedDraft,
)
from campaignctl.plan.render_json import load_plan, render_json
from campaignctl.plan.render_text import render_text

ACCOUNT = "00000000-0000-4000-a000-000000000001"
PLAN = Plan(
    accounts={ACCOUNT: "EUR"},
    estimates=(
        AdSetEstimate(
            address="c/s",
            account_id=ACCOUNT,
            currency="EUR",
            bid_strategy="COST_PER_RESULT",
            bid=1_500_000,
            forecast=Forecast(
                period="LIFETIME",
                reach_min=10_000,
                reach_max=12_500,
                impressions_min=30_000,
                impressions_max=36_000,
            ),
            suggested=BidRange(min=1_000_000, max=2_000_000, cost_model="CPM"),
            cached=True,
        ),
    ),
    validation=RemoteValidation(
        validated=("c",),
        problems=(
            RemoteProblem(address=None, entity_type="AD", entity_id="x", message="bad"),
        ),
    ),
    drafts=(
        StagedDraft(
            account_id=ACCOUNT, campaign="c", draft_id="d", version=3, ids={"c": "d"}
        ),
    ),
)


def test_a_saved_plan_keeps_what_the_api_said() -> None:
    text = render_json(PLAN)
    assert load_plan(text) == PLAN
    document = json.loads(text)
    assert sorted(document)[:5] == [
        "accounts",
        "actions",
        "drafts",
        "estimates",
        "format_version",
    ]


def test_show_renders_it() -> None:
    assert render_text(PLAN, color=False) == (
        "Server-side validation (drafts) found 1 problem:\n"
        "  AD x\n"
        "      - bad\n"
        "\n"
        "Estimates (advisory, from the Ads API's /estimates):\n"
        "  c/s\n"
        "      reach 10,000\u201312,500 over the flight · impressions "
        "30,000\u201336,000 over the flight\n"
        "      suggested bid €1.00\u2013€2.00 CPC; yours €1.50\n"
        "\n"
        "No changes. Live state matches the manifests.\n"
    )
