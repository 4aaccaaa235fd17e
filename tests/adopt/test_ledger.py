"""Crash safety of staging: leftovers are found and deleted, never duplicated,
and drafts campaignctl did not make are never touched."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette

from campaignctl.commands.drafting import stage
from campaignctl.commands.ledger import Entry, Ledger
from campaignctl.output import Output
from campaignctl.plan.drafts import DraftNode, Hierarchy
from campaignctl.plan.model import Kind
from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.provider.connection import open_api
from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    DEFAULT_ACCOUNT_ID,
    REFRESH_TOKEN,
    SyncASGITransport,
)

ACCOUNT = DEFAULT_ACCOUNT_ID
ENV = {
    "CAMPAIGNCTL_API_URL": "http://sandbox.test/ads/v3",
    "CAMPAIGNCTL_TOKEN_URL": "http://sandbox.test/api/token",
    "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
    "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
    "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
}
NEW = Hierarchy(
    ACCOUNT,
    "campaign-x",
    (
        DraftNode(
            "campaign-x",
            Kind.CAMPAIGN,
            None,
            {"name": "Campaign X", "objective": "REACH"},
            None,
            {},
        ),
    ),
)


@pytest.fixture
def api(sandbox_app: Starlette, tmp_path: Path) -> Iterator[SpotifyAdsApi]:
    out = Output(stdout=io.StringIO(), stderr=io.StringIO())
    with open_api(
        sandbox=False,
        project_root=tmp_path,
        parallelism=2,
        out=out,
        environ=ENV,
        transport=SyncASGITransport(sandbox_app),
    ) as opened:
        yield opened


def _names(api: SpotifyAdsApi) -> list[tuple[str, str]]:
    return sorted((d["name"], d["id"]) for d in api.list_drafts(ACCOUNT, "campaigns"))


def test_a_run_that_crashed_before_recording_the_id_is_cleaned_up(
    api: SpotifyAdsApi, tmp_path: Path
) -> None:
    theirs = api.create_draft(ACCOUNT, "campaigns", {"name": "Campaign X"})["id"]
    ledger = Ledger(tmp_path)
    # the crashed run wrote its intent (with the same-named draft that existed),
    # created its draft, and died before recording the id
    ledger.record(Entry(ACCOUNT, "campaign-x", "Campaign X", None, (theirs,)))
    crashed = api.create_draft(ACCOUNT, "campaigns", {"name": "Campaign X"})["id"]

    staged = stage(api, NEW, ledger)

    assert _names(api) == sorted(
        [("Campaign X", theirs), ("Campaign X", staged.draft_id)]
    )
    assert crashed not in {staged.draft_id, theirs}
    assert ledger.entries() == [
        Entry(ACCOUNT, "campaign-x", "Campaign X", staged.draft_id)
    ]


def test_a_recorded_leftover_is_deleted_before_staging_again(
    api: SpotifyAdsApi, tmp_path: Path
) -> None:
    ledger = Ledger(tmp_path)
    first = stage(api, NEW, ledger)  # then the run "crashed": nothing deleted
    second = stage(api, NEW, ledger)
    assert _names(api) == [("Campaign X", second.draft_id)]
    assert first.draft_id != second.draft_id
    assert api.get_draft(ACCOUNT, "campaigns", first.draft_id) is None


def test_the_ledger_file(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    assert ledger.entries() == []
    ledger.record(Entry(ACCOUNT, "a", "A", "id-a"))
    ledger.record(Entry(ACCOUNT, "b", "B", None, ("id-old",)))
    ledger.record(Entry(ACCOUNT, "a", "A", "id-a2", kept=True))  # replaces a
    assert ledger.owns(ACCOUNT, "id-a2") and not ledger.owns(ACCOUNT, "id-a")
    drafts: list[dict[str, object]] = [
        {"id": "id-old", "name": "B"},
        {"id": "id-new", "name": "B"},
        {"id": "id-a2", "name": "A"},
    ]
    assert ledger.leftovers(ACCOUNT, "b", drafts) == ["id-new"]
    assert ledger.leftovers(ACCOUNT, "a", drafts) == ["id-a2"]
    ledger.forget(ACCOUNT, "a")
    assert [e.campaign for e in Ledger(tmp_path).entries()] == ["b"]
    (tmp_path / ".campaignctl" / "drafts.json").write_text("not json")
    assert ledger.entries() == []
