"""render_text: golden files (regenerate with UPDATE_GOLDEN=1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from campaignctl.plan.model import Action, FieldChange, Kind, Plan, ResourceAction
from campaignctl.plan.render_text import render_text

from .scenarios import SCENARIOS, update

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"{path.name} differs; if the change is intended, rerun with UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_text_plan_matches_golden(name: str) -> None:
    check_golden(f"{name}.txt", render_text(SCENARIOS[name](), color=False))


def test_colour_only_when_asked() -> None:
    plan = update()
    plain = render_text(plan, color=False)
    coloured = render_text(plan, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[33m  ~\x1b[0m ad set" in coloured
    check_golden("update-color.txt", coloured)


def test_rendering_is_deterministic() -> None:
    assert render_text(update(), color=False) == render_text(update(), color=False)


def test_whole_budget_and_archive_lines() -> None:
    budget = {"micro_amount": 2_500_000_000, "type": "LIFETIME"}
    plan = Plan(
        accounts={"a": "EUR"},
        actions=(
            ResourceAction(
                address="c/s",
                kind=Kind.AD_SET,
                action=Action.UPDATE,
                account_id="a",
                name="S",
                changes=(FieldChange(path="budget", after=budget),),
            ),
            ResourceAction(
                address="c/old",
                kind=Kind.AD_SET,
                action=Action.ARCHIVE,
                account_id="a",
                name="Old",
            ),
        ),
    )
    assert render_text(plan, color=False).splitlines()[2:] == [
        '  x ad set "Old" (c/old)',
        "",
        '  ~ ad set "S" (c/s)',
        "        budget: (unset) → €2,500.00 lifetime",
        "",
        "Plan: 0 to create, 1 to update, 0 to replace, 0 to disable, 1 to archive.",
    ]
