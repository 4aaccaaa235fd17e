"""render_text's review sections: drift, policy, selection, -v (golden files)."""

from __future__ import annotations

import pytest

from campaignctl.plan.render_text import render_text

from .review_scenarios import REVIEW_SCENARIOS
from .test_render_markdown import check_golden


@pytest.mark.parametrize("name", ["drift", "blocked"])
@pytest.mark.parametrize("verbose", [False, True])
def test_review_sections_match_golden(name: str, verbose: bool) -> None:
    text = render_text(REVIEW_SCENARIOS[name](), color=False, verbose=verbose)
    check_golden(f"review-{name}{'-v' if verbose else ''}.txt", text)


def test_plans_without_drift_keep_one_list_of_actions() -> None:
    text = render_text(REVIEW_SCENARIOS["replace"](), color=False)
    assert "Changes from your manifests:" not in text
    assert "Live changes made outside campaignctl" not in text


def test_drift_notes_are_coloured_on_a_terminal() -> None:
    text = render_text(REVIEW_SCENARIOS["drift"](), color=True)
    assert "\x1b[35m# live change by jane@example.com on 2030-01-18 14:02 UTC" in text
