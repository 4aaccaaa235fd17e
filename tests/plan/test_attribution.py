"""attribute_changes: drift vs your change, from change-history rows."""

from __future__ import annotations

from typing import Any

import pytest

from campaignctl.plan.attribution import (
    FIELD_TYPES,
    actor_label,
    attribute_changes,
    entities_to_check,
    is_own,
    reverts,
)
from campaignctl.plan.fields import TABLES
from campaignctl.plan.model import FieldChange, Origin, Plan

from .builders import ad_set, campaign, converged, desired_state, standard
from .echo import ACCOUNT, remote_id
from .review_scenarios import JANE, OURS, SANDBOX_CLIENT, drift, reviewed, row

ROCK = "summer-launch-2030/us-rock-fans"
ENTITY = remote_id(ROCK)
BUDGET = {"micro_amount": 150_000_000, "type": "DAILY", "currency": "USD"}


def budget_update() -> Plan:
    """The manifest says $150/day; live says $200/day."""
    desired = desired_state(standard())
    live = converged(desired)
    live.find("US Rock Fans")["budget"]["micro_amount"] = 200_000_000
    return reviewed(desired, live.state())


def budget_row(actor: dict[str, Any], at: str, after: int = 200_000_000) -> dict:  # type: ignore[type-arg]
    return row(
        ENTITY, "budget", BUDGET, BUDGET | {"micro_amount": after}, actor=actor, at=at
    )


def the_change(plan: Plan) -> FieldChange:
    [action] = [a for a in plan.actions if a.address == ROCK]
    [change] = action.changes
    return change


def test_only_updated_objects_are_looked_up() -> None:
    assert entities_to_check(budget_update()) == {ACCOUNT: (ENTITY,)}
    assert entities_to_check(drift().model_copy(update={"actions": ()})) == {}


def test_a_user_change_is_drift_with_its_attribution() -> None:
    rows = [budget_row(JANE, "2030-01-18T14:02:00Z")]
    plan = attribute_changes(budget_update(), rows, own_principal=SANDBOX_CLIENT)
    assert the_change(plan) == FieldChange(
        path="budget.micro_amount",
        before=200_000_000,
        after=150_000_000,
        origin=Origin.DRIFT,
        changed_by="jane@example.com",
        changed_at="2030-01-18T14:02:00Z",
        changed_from=150_000_000,
    )
    assert reverts(the_change(plan))


@pytest.mark.parametrize(
    ("rows", "origin"),
    [
        pytest.param([], Origin.MANIFEST, id="no-history"),
        pytest.param(
            [budget_row(OURS, "2030-01-18T14:02:00Z")], Origin.MANIFEST, id="ours"
        ),
        pytest.param(
            [
                budget_row(JANE, "2030-01-18T14:02:00Z", 180_000_000),
                budget_row(OURS, "2030-01-19T08:00:00Z"),
            ],
            Origin.MANIFEST,
            id="ours-after-theirs",
        ),
        pytest.param(
            [
                budget_row(OURS, "2030-01-19T08:00:00Z", 180_000_000),
                budget_row(JANE, "2030-01-18T14:02:00Z"),
                budget_row(JANE | {"principal_id": "x"}, "2030-01-20T00:00:00Z"),
            ],
            Origin.DRIFT,
            id="newest-wins-whatever-the-order",
        ),
        pytest.param(
            [
                budget_row(
                    OURS | {"principal_id": "another-app"}, "2030-01-18T00:00:00Z"
                )
            ],
            Origin.DRIFT,
            id="another-integration",
        ),
        pytest.param(
            [
                budget_row(JANE, "2030-01-18T14:02:00Z"),
                row(
                    ENTITY,
                    "budget",
                    BUDGET | {"type": "X"},
                    BUDGET,
                    actor=OURS,
                    at="2030-01-19T00:00:00Z",
                ),
            ],
            Origin.DRIFT,
            id="a-later-row-on-another-sub-field-does-not-count",
        ),
    ],
)
def test_the_newest_writer_of_the_field_decides(
    rows: list[dict[str, Any]], origin: Origin
) -> None:
    plan = attribute_changes(budget_update(), rows, own_principal=SANDBOX_CLIENT)
    assert the_change(plan).origin is origin


def test_without_a_client_id_every_api_integration_is_campaignctl() -> None:
    rows = [budget_row(OURS | {"principal_id": "another-app"}, "2030-01-18T00:00:00Z")]
    plan = attribute_changes(budget_update(), rows, own_principal=None)
    assert the_change(plan).origin is Origin.MANIFEST


@pytest.mark.parametrize(
    ("actor", "label"),
    [
        (JANE, "jane@example.com"),
        (JANE | {"email": None}, "Jane Doe"),
        ({"category": "SUPPORT", "name": "Spotify"}, "Spotify support"),
        ({"category": "SYSTEM", "principal_id": "s"}, "Spotify (automatic)"),
        (
            OURS | {"principal_id": "app-9", "name": "Agency tool"},
            "API integration Agency tool",
        ),
        ({"category": "UNKNOWN", "principal_id": "p-1"}, "p-1"),
    ],
)
def test_actor_labels(actor: dict[str, Any], label: str) -> None:
    assert actor_label(actor) == label


def test_own_actor() -> None:
    assert is_own(OURS, SANDBOX_CLIENT)
    assert not is_own(OURS, "someone-else")
    assert not is_own(JANE, SANDBOX_CLIENT)


def test_scalar_fields_and_overwrites() -> None:
    desired = desired_state(campaign(ad_sets=(ad_set(bid_micro_amount=14_000_000),)))
    live = converged(desired_state(campaign(ad_sets=(ad_set(),))))
    live.find("US Rock Fans")["bid_micro_amount"] = 13_000_000
    rows = [
        row(
            ENTITY,
            "bidAmount",
            12_000_000,
            13_000_000,
            actor=JANE,
            at="2030-01-19T00:00:00Z",
        )
    ]
    plan = attribute_changes(reviewed(desired, live.state()), rows, own_principal=None)
    change = the_change(plan)
    assert (change.origin, change.changed_from, reverts(change)) == (
        Origin.DRIFT,
        12_000_000,
        False,  # the manifest moved too: this plan overwrites their change
    )


def test_every_patchable_field_has_a_history_name() -> None:
    """One table maps API fields to change-history names; nothing is left out."""
    managed = {
        path.split(".", 1)[0].split("[", 1)[0]
        for table in TABLES.values()
        for path in table.fields
    }
    create_only = {f for t in TABLES.values() for f in t.create_only}
    unmapped = managed - create_only - set(FIELD_TYPES) - {"ad_product"}
    assert unmapped == set()
