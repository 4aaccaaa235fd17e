"""The apply journal: what a crash leaves behind, and how the next run reads it."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from campaignctl.apply.executor import apply_plan
from campaignctl.apply.journal import (
    JOURNAL_DIR,
    KEEP_RUNS,
    InterruptedRun,
    Journal,
    interrupted_runs,
    settle,
)
from campaignctl.apply.operations import plan_operations
from campaignctl.apply.result import ApplyResult
from campaignctl.plan.model import Action, Kind, Plan, ResourceAction
from campaignctl.provider.api import SpotifyAdsApi

ACCOUNT = "00000000-0000-4000-a000-000000000001"
PLAN = Plan(
    actions=tuple(
        ResourceAction(
            address=name,
            kind=Kind.CAMPAIGN,
            action=Action.CREATE,
            account_id=ACCOUNT,
            name=name,
            body={"name": name, "objective": "REACH"},
        )
        for name in ("Alpha Campaign", "Beta Campaign", "Gamma Campaign")
    )
)


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_finished_run_is_journaled_intent_first(
    tmp_path: Path, api: SpotifyAdsApi
) -> None:
    journal = Journal.create(tmp_path, total=3)
    result = apply_plan(PLAN, api, root=tmp_path, parallelism=1, events=journal)
    journal.close(result)
    records = _lines(journal.path)
    # one worker: each intent is written right before its request is sent
    assert [r["event"] for r in records] == [
        "start",
        "intent",
        "done",
        "intent",
        "done",
        "intent",
        "done",
        "end",
    ]
    assert records[1] == {
        "event": "intent",
        "op": "Alpha Campaign#create",
        "label": "create campaign Alpha Campaign",
    }
    assert records[-1] == {
        "event": "end",
        "interrupted": False,
        "done": 3,
        "failed": 0,
        "skipped": 0,
    }
    assert interrupted_runs(tmp_path) == []


def test_an_unfinished_journal_reports_what_was_in_flight(tmp_path: Path) -> None:
    """What kill -9 leaves: intents, one result, a torn line, no end record."""
    path = tmp_path / JOURNAL_DIR / "20261123T100000000000Z-42.jsonl"
    path.parent.mkdir(parents=True)
    alpha, beta = (op.key for op in plan_operations(PLAN)[:2])
    path.write_text(
        "\n".join(
            [
                '{"event": "start", "operations": 3, "run": "x", '
                '"started_at": "2026-11-23T10:00:00Z"}',
                f'{{"event": "intent", "label": "create campaign Alpha Campaign", '
                f'"op": "{alpha}"}}',
                f'{{"event": "done", "op": "{alpha}", "remote_id": "c1"}}',
                f'{{"event": "intent", "label": "create campaign Beta Campaign", '
                f'"op": "{beta}"}}',
                '{"event": "done", "op": "Beta Ca',  # torn by the crash
            ]
        )
    )
    (run,) = interrupted_runs(tmp_path)
    assert run == InterruptedRun(
        path=path,
        started_at="2026-11-23T10:00:00Z",
        operations=3,
        done=1,
        failed=0,
        in_flight=("create campaign Beta Campaign",),
    )
    assert run.describe() == (
        "an earlier apply (started 2026-11-23T10:00:00Z) stopped after 1 of 3 "
        "operations; in flight when it stopped: create campaign Beta Campaign. "
        "This apply re-reads the account and finishes the job."
    )
    settle([run], tmp_path)
    assert interrupted_runs(tmp_path) == []


def test_garbage_never_blocks_and_old_journals_are_pruned(tmp_path: Path) -> None:
    directory = tmp_path / JOURNAL_DIR
    directory.mkdir(parents=True)
    (directory / "00-garbage.jsonl").write_bytes(b"\xff\xfe not json\n[1, 2]\n")
    (directory / "01-empty.jsonl").write_text("")
    for _ in range(KEEP_RUNS + 5):
        Journal.create(tmp_path, total=0).close(ApplyResult(()))
    assert interrupted_runs(tmp_path) == []  # nothing readable: ignored, not fatal
    settle([], tmp_path)
    assert len(list(directory.glob("*.jsonl"))) == KEEP_RUNS
    assert interrupted_runs(tmp_path) == []


def test_concurrent_workers_share_fsyncs_and_lose_no_record(tmp_path: Path) -> None:
    journal = Journal.create(tmp_path, total=400)
    operations = plan_operations(
        Plan(
            actions=tuple(
                ResourceAction(
                    address=f"c{n:03d}",
                    kind=Kind.CAMPAIGN,
                    action=Action.CREATE,
                    account_id=ACCOUNT,
                    name=f"c{n:03d}",
                    body={"name": f"c{n:03d}", "objective": "REACH"},
                )
                for n in range(400)
            )
        )
    )
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(journal.started, operations))
    journal.close(ApplyResult((), interrupted=False))

    records = _lines(journal.path)
    assert [records[0]["event"], records[-1]["event"]] == ["start", "end"]
    assert sorted(r["op"] for r in records[1:-1]) == sorted(o.key for o in operations)
    assert {r["event"] for r in records[1:-1]} == {"intent"}
