"""Server-side validation with drafts, and publishing them (`--via-drafts`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Run, ServedSandbox, find

ACCOUNT = "00000000-0000-4000-a000-000000000001"
BASE = f"/ad_accounts/{ACCOUNT}"
CAMPAIGN = "nightjar-midnight-album-launch"
US = f"{CAMPAIGN}/us-indie-fans-18-34"
UK = f"{CAMPAIGN}/uk-podcast-listeners-25-44"
SPOT_B = f"{US}/spot-b-tour-dates"
NO_CHANGES = "No changes. Live state matches the manifests.\n"


def _live(served: ServedSandbox, listing: str) -> list[dict[str, Any]]:
    with served.client() as client:
        items: list[dict[str, Any]] = client.get(f"{BASE}/{listing}").json()[listing]
    return items


def _draft_campaigns(served: ServedSandbox) -> list[dict[str, Any]]:
    with served.client() as client:
        reply = client.get(f"{BASE}/drafts/campaigns").json()
    drafts: list[dict[str, Any]] = reply["campaign_drafts"]
    return drafts


def _live_writes(served: ServedSandbox) -> int:
    """Writes to live objects (draft operations left out)."""
    return sum(
        n
        for op, n in served.stats().items()
        if op.startswith(("create", "update", "upload")) and "Draft" not in op
    )


def _edit(manifest: Path, old: str, new: str) -> None:
    text = manifest.read_text()
    assert old in text
    manifest.write_text(text.replace(old, new))


@pytest.fixture
def applied(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> ServedSandbox:
    assert cli("apply", quickstart, "--auto-approve").code == 0
    return served


@pytest.fixture
def edited(quickstart: Path, applied: ServedSandbox) -> Path:
    """A budget and a tagline change: both fine for the API."""
    manifest = quickstart / "midnight-launch.yaml"
    _edit(manifest, "budget: {daily: 150 USD}", "budget: {daily: 180 USD}")
    _edit(manifest, "tagline: Catch the Midnight tour live", "tagline: On tour now")
    return quickstart


def test_server_validation_errors_are_shown_per_object(
    cli: Callable[..., Run], quickstart: Path, applied: ServedSandbox
) -> None:
    audio = find(_live(applied, "assets"), "spot-a-ac2e848ec29c.wav")["id"]
    manifest = quickstart / "midnight-launch.yaml"
    text = manifest.read_text()
    # Spot B's logo becomes an audio asset named by id: offline checks cannot know
    _edit(
        manifest,
        "        audio: assets/spot-b.wav\n        companion: assets/cover.png\n"
        "        logo: assets/logo.png",
        "        audio: assets/spot-b.wav\n        companion: assets/cover.png\n"
        f"        logo: {{id: {audio}}}",
    )
    # alcohol may not target minors: offline this is only a warning
    _edit(manifest, "      ages: [25-34, 35-44]", "      ages: [13-17, 25-34]")
    _edit(manifest, "    category: ADV_21_182\n    format: AUDIO\n    schedule: "
          "{start: 2034-03-01T00:00:00Z, end: 2034-04-30",
          "    category: ADV_15_139\n    format: AUDIO\n    schedule: "
          "{start: 2034-03-01T00:00:00Z, end: 2034-04-30")  # fmt: skip
    writes = _live_writes(applied)
    result = cli("plan", quickstart, "--validate-remote")
    assert result.code == 1
    section = result.out[result.out.index("Server-side") :].split("\n\n")[0]
    assert section == (
        "Server-side validation (drafts) found 2 problems:\n"
        f"  {UK}\n"
        "      - targets.age_ranges: category ADV_15_139 needs min age 18+\n"
        f"  {SPOT_B}\n"
        f"      - assets.logo_asset_id: asset {audio} is AUDIO, needs IMAGE"
    )
    assert result.err.endswith(
        "error: the API's validation found 2 problem(s) (listed in the plan)\n"
        "  hint: fix the manifests and plan again; nothing was changed\n"
    )
    assert _draft_campaigns(applied) == []  # staged, validated, deleted
    assert json.loads((quickstart / ".campaignctl/drafts.json").read_text()) == {
        "drafts": []
    }
    assert _live_writes(applied) == writes  # drafts only: nothing live changed
    markdown = cli("plan", quickstart, "--validate-remote", "--format", "markdown")
    assert markdown.code == 1
    assert (
        "#### ⛔ Server-side validation (drafts) found 2 problems\n\n"
        f"- `{UK}`: targets.age\\_ranges: category ADV\\_15\\_139 needs min age 18+\n"
        f"- `{SPOT_B}`: assets.logo\\_asset\\_id: asset {audio} is AUDIO, needs IMAGE"
    ) in markdown.out
    manifest.write_text(text)


def test_valid_drafts_are_kept_and_published_via_drafts(
    cli: Callable[..., Run], edited: Path, applied: ServedSandbox
) -> None:
    plan_file = edited / "plan.json"
    planned = cli(
        "plan", edited, "--validate-remote", "--keep-drafts", "--out", plan_file
    )
    assert planned.code == 0, planned.err
    assert (
        "Server-side validation (drafts): 1 campaign hierarchy valid; drafts kept "
        "for apply --via-drafts.\n"
    ) in planned.out
    saved = json.loads(plan_file.read_text())
    [draft] = saved["drafts"]
    campaign_id = find(_live(applied, "campaigns"), "Nightjar - Midnight Album Launch")
    assert draft["draft_id"] == campaign_id["id"]  # a draft of the live campaign
    assert sorted(draft["ids"]) == [CAMPAIGN, US, SPOT_B]
    assert [d["id"] for d in _draft_campaigns(applied)] == [draft["draft_id"]]

    writes = _live_writes(applied)
    applied_run = cli("apply", plan_file, "--via-drafts")
    assert applied_run.code == 0, applied_run.err
    assert f"done     publish campaign {CAMPAIGN}" in applied_run.err
    assert applied.stats()["publishCampaignDraft"] == 2  # VALIDATE, PUBLISH
    assert _live_writes(applied) == writes  # nothing PATCHed live
    assert cli("plan", edited).out == NO_CHANGES
    assert _draft_campaigns(applied) == []
    ledger = json.loads((edited / ".campaignctl/drafts.json").read_text())
    assert ledger == {"drafts": []}


def test_a_draft_edited_since_validation_is_refused_as_stale(
    cli: Callable[..., Run], edited: Path, applied: ServedSandbox
) -> None:
    plan_file = edited / "plan.json"
    assert (
        cli(
            "plan", edited, "--validate-remote", "--keep-drafts", "--out", plan_file
        ).code
        == 0
    )
    [draft] = json.loads(plan_file.read_text())["drafts"]
    with applied.client() as client:  # someone edits the staged ad set draft
        ad_set = draft["ids"][US]
        body = {"name": "US Indie Fans (edited in Ads Manager)"}
        assert client.patch(f"{BASE}/drafts/ad_sets/{ad_set}", json=body).is_success
    writes = _live_writes(applied)
    refused = cli("apply", plan_file, "--via-drafts")
    assert refused.code == 4
    assert refused.err == (
        f"error: {plan_file} is stale:\n"
        f"  - {CAMPAIGN}: the drafts moved from version {draft['version']} to "
        f"{draft['version'] + 1} since they were validated\n"
        "  hint: plan again with --validate-remote --keep-drafts and review it\n"
    )
    assert _live_writes(applied) == writes


def test_apply_via_drafts_creates_a_fresh_account(
    cli: Callable[..., Run], quickstart: Path, served: ServedSandbox
) -> None:
    result = cli("apply", quickstart, "--via-drafts", "--auto-approve")
    assert result.code == 0, result.err
    stats = served.stats()
    assert (stats["publishCampaignDraft"], stats.get("createCampaign", 0)) == (2, 0)
    assert stats["createAdDraft"] == 3  # deferred until their files were uploaded
    assert cli("plan", quickstart).out == NO_CHANGES


def test_leftover_drafts_are_deleted_not_duplicated(
    cli: Callable[..., Run], edited: Path, applied: ServedSandbox
) -> None:
    plan_file = edited / "plan.json"
    kept = ("plan", edited, "--validate-remote", "--keep-drafts", "--out", plan_file)
    assert cli(*kept).code == 0
    first = _draft_campaigns(applied)
    # as if that run had crashed: its drafts are still there, the ledger knows
    again = cli("plan", edited, "--validate-remote")
    assert again.code == 0, again.err
    assert _draft_campaigns(applied) == []
    assert applied.stats()["deleteCampaignDraft"] == 2
    assert len(first) == 1


def test_a_draft_someone_else_made_is_never_deleted(
    cli: Callable[..., Run], edited: Path, applied: ServedSandbox
) -> None:
    campaign = find(_live(applied, "campaigns"), "Nightjar - Midnight Album Launch")
    with applied.client() as client:
        assert client.post(f"{BASE}/campaigns/{campaign['id']}/drafts").is_success
    result = cli("plan", edited, "--validate-remote")
    assert result.code == 1
    assert (
        f"  {CAMPAIGN}\n      - not staged: campaign {campaign['id']} already has a "
        "draft that campaignctl did not make (pending work in Ads Manager?); "
        "publish or delete it first\n"
    ) in result.out
    assert [d["id"] for d in _draft_campaigns(applied)] == [campaign["id"]]


def test_a_plain_apply_of_a_plan_with_kept_drafts_deletes_them(
    cli: Callable[..., Run], edited: Path, applied: ServedSandbox
) -> None:
    plan_file = edited / "plan.json"
    kept = ("plan", edited, "--validate-remote", "--keep-drafts", "--out", plan_file)
    assert cli(*kept).code == 0
    result = cli("apply", plan_file)
    assert result.code == 0, result.err
    assert _draft_campaigns(applied) == []
    assert cli("plan", edited).out == NO_CHANGES


def test_validation_in_the_pull_request_comment(
    cli: Callable[..., Run], edited: Path, applied: ServedSandbox
) -> None:
    markdown = cli("plan", edited, "--validate-remote", "--format", "markdown")
    assert markdown.code == 0
    assert (
        "**✅ Server-side validation (drafts): 1 campaign hierarchy valid.**"
        in markdown.out
    )
    document = json.loads(
        cli("plan", edited, "--validate-remote", "--format", "json").out
    )
    assert document["validation"] == {
        "kept": False,
        "not_validated": [],
        "problems": [],
        "validated": [CAMPAIGN],
    }
    assert "drafts" not in document
