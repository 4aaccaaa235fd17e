"""render_markdown: PR comments -- golden files, determinism, the size cap."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from campaignctl.plan.model import Plan
from campaignctl.plan.render_json import load_plan, render_json
from campaignctl.plan.render_markdown import MARKER, MAX_CHARS, render_markdown

from .builders import Live, ad, ad_set, campaign, desired_state
from .review_scenarios import REVIEW_SCENARIOS, reviewed

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"{path.name} differs; if the change is intended, rerun with UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("name", sorted(REVIEW_SCENARIOS))
def test_markdown_matches_golden(name: str) -> None:
    check_golden(f"{name}.md", render_markdown(REVIEW_SCENARIOS[name]()))


@pytest.mark.parametrize("name", sorted(REVIEW_SCENARIOS))
def test_same_bytes_every_time_and_from_the_saved_plan(name: str) -> None:
    first = render_markdown(REVIEW_SCENARIOS[name]())
    again = render_markdown(REVIEW_SCENARIOS[name]())
    saved = load_plan(render_json(REVIEW_SCENARIOS[name]()))
    assert first == again == render_markdown(saved)


@pytest.mark.parametrize("name", sorted(REVIEW_SCENARIOS))
def test_markup_is_balanced(name: str) -> None:
    text = render_markdown(REVIEW_SCENARIOS[name]())
    assert text.startswith(MARKER + "\n")
    assert text.count("<details>") == text.count("</details>")
    assert text.count("<summary>") == text.count("</summary>")
    for table in re.findall(r"(?:^\|.*\|\n)+", text, flags=re.MULTILINE):
        widths = {line.count(" | ") for line in table.splitlines()}
        assert len(widths) == 1, table  # no name broke a row


def test_names_cannot_inject_markup() -> None:
    text = render_markdown(REVIEW_SCENARIOS["blocked"]())
    assert "<b>Summer</b>" not in text
    assert "brand \\| &lt;b&gt;Summer&lt;/b&gt; \\*2031\\*" in text


def test_summary_comes_first() -> None:
    text = render_markdown(REVIEW_SCENARIOS["drift"]())
    order = [
        text.index("**Plan: 0 to create, 1 to update"),
        text.index("| update | 0 | 1 | 0 | 0 |"),
        text.index("#### Spend impact"),
        text.index("#### Live changes made outside campaignctl"),
        text.index("#### Changes from your manifests"),
    ]
    assert order == sorted(order)


def rollout(ad_sets: int, campaigns: int = 4) -> Plan:
    """An empty account and a rollout of ``ad_sets`` ad sets, one ad each."""
    per = ad_sets // campaigns
    desired = desired_state(
        *(
            campaign(
                f"Rollout {c}",
                ad_sets=tuple(
                    ad_set(f"Market {c}-{i:04d}", ads=(ad("Spot A"),))
                    for i in range(per)
                ),
            )
            for c in range(campaigns)
        )
    )
    return reviewed(desired, Live().state())


def test_a_plan_of_2000_ad_sets_stays_under_the_comment_limit() -> None:
    plan = rollout(2000)
    text = render_markdown(plan)
    assert len(text) < MAX_CHARS
    assert len(render_json(plan)) > 20 * MAX_CHARS  # the plan itself is far larger
    assert "**Plan: 4,008 to create, 0 to update, 0 to replace, 0 to disable.**" in text
    assert "| create | 4 | 2,000 | 2,000 | 4 |" in text
    assert "| Rollout 3 `rollout-3` | 1,001 | 0 | 0 | 0 | +$75,000.00/day |" in text
    shown_ad_sets = text.count("**`+` ad set ")
    shown_ads = text.count('**`+` ad "')
    hidden_campaigns = 4 - text.count("**`+` campaign ")
    assert text.endswith(
        f"**… {hidden_campaigns} campaigns, {2000 - shown_ad_sets:,} ad sets, "
        f"{2000 - shown_ads:,} ads not shown** (this comment is limited to 65,000 "
        "characters); the plan file saved with `--out` has everything, and "
        "`campaignctl show FILE` renders it.\n"
    )
    assert shown_ad_sets > 40
    assert text == render_markdown(plan)


def test_a_smaller_limit_summarises_earlier() -> None:
    plan = REVIEW_SCENARIOS["create"]()
    full = render_markdown(plan)
    small = render_markdown(plan, limit=2500)
    assert len(full) > 2500 > len(small)
    assert "#### Changes per campaign" in small
    assert "not shown**" in small
