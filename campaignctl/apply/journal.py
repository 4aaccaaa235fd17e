"""The apply journal: intent written (and fsync'd) before every write.

One JSON-lines file per run under ``.campaignctl/journal/``::

    {"event": "start", "run": "...", "started_at": "...", "operations": 15}
    {"event": "intent", "op": "summer/us#create", "label": "create ad set summer/us"}
    {"event": "done", "op": "summer/us#create", "remote_id": "..."}
    {"event": "end", "done": 14, "failed": 1, "skipped": 0}

A run without an ``end`` record was interrupted (crash, kill -9, power loss).
The next apply reports it and finishes the job: identity is the name under
the parent, so an object whose create reached the server is found again by
the plan, never created twice. The journal only *reports*; a missing, stale
or corrupt journal never blocks work.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from campaignctl.apply.operations import Operation
from campaignctl.apply.result import ApplyResult, OperationResult, Outcome

JOURNAL_DIR = Path(".campaignctl") / "journal"
KEEP_RUNS = 20  # older journals are deleted


@dataclass(frozen=True)
class InterruptedRun:
    """What an unfinished journal says about the run that wrote it."""

    path: Path
    started_at: str
    operations: int
    done: int
    failed: int
    in_flight: tuple[str, ...]  # labels of writes sent but never confirmed

    def describe(self) -> str:
        text = (
            f"an earlier apply (started {self.started_at}) stopped after "
            f"{self.done} of {self.operations} operations"
        )
        if self.failed:
            text += f" ({self.failed} failed)"
        if self.in_flight:
            text += "; in flight when it stopped: " + ", ".join(self.in_flight)
        return text + ". This apply re-reads the account and finishes the job."


class Journal:
    """``ApplyEvents`` that append to this run's journal file."""

    def __init__(self, path: Path, *, total: int, now: datetime | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()  # appends
        self._sync_lock = threading.Lock()  # fsyncs
        self._written = 0  # records appended and flushed to the OS
        self._synced = 0  # records known to be on disk
        self._file = path.open("a", encoding="utf-8")
        started = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._write(
            {
                "event": "start",
                "run": path.stem,
                "started_at": started,
                "operations": total,
            }
        )

    @classmethod
    def create(cls, root: Path, *, total: int) -> Journal:
        now = datetime.now(UTC)
        name = f"{now.strftime('%Y%m%dT%H%M%S%fZ')}-{os.getpid()}.jsonl"
        return cls(root / JOURNAL_DIR / name, total=total, now=now)

    def started(self, operation: Operation) -> None:
        self._write({"event": "intent", "op": operation.key, "label": operation.label})

    def finished(self, result: OperationResult) -> None:
        record: dict[str, Any] = {
            "event": result.outcome.value,
            "op": result.operation.key,
        }
        if result.remote_id:
            record["remote_id"] = result.remote_id
        if result.outcome is Outcome.FAILED and result.message:
            record["message"] = result.message
        self._write(record)

    def close(self, result: ApplyResult) -> None:
        """Mark the run finished (interrupted runs say so)."""
        counts = {o.value: result.count(o) for o in Outcome}
        self._write({"event": "end", "interrupted": result.interrupted, **counts})
        self._file.close()

    def _write(self, record: dict[str, Any]) -> None:
        """Append ``record``; return once it is on disk.

        Group commit: workers whose records were flushed while another one's
        fsync ran share the next fsync, so eight workers do not queue for
        eight fsyncs (the top of apply's profile, at 2 ms each).
        """
        line = json.dumps(record, sort_keys=True) + "\n"
        with self._lock:
            self._file.write(line)
            self._file.flush()
            self._written += 1
            mine = self._written
        with self._sync_lock:
            if self._synced >= mine:
                return  # an fsync that started after our flush covered it
            with self._lock:
                covered = self._written
            os.fsync(self._file.fileno())
            self._synced = covered


def interrupted_runs(root: Path) -> list[InterruptedRun]:
    """Journals of runs that never wrote their ``end`` record, oldest first."""
    found = []
    for path in sorted((root / JOURNAL_DIR).glob("*.jsonl")):
        run = _read_unfinished(path)
        if run is not None:
            found.append(run)
    return found


def settle(runs: list[InterruptedRun], root: Path) -> None:
    """Mark interrupted runs as taken over, and prune old journals."""
    for run in runs:
        with run.path.open("a", encoding="utf-8") as file:
            # a leading newline ends a line torn by the crash
            file.write("\n" + json.dumps({"event": "end", "superseded": True}) + "\n")
    journals = sorted((root / JOURNAL_DIR).glob("*.jsonl"))
    for old in journals[:-KEEP_RUNS]:
        old.unlink(missing_ok=True)


def _read_unfinished(path: Path) -> InterruptedRun | None:
    records = list(_records(path))
    if not records or any(r.get("event") == "end" for r in records):
        return None
    start = next((r for r in records if r.get("event") == "start"), {})
    intents = {
        r["op"]: r.get("label", r["op"])
        for r in records
        if r.get("event") == "intent" and "op" in r
    }
    outcomes = {
        r["op"]: r["event"]
        for r in records
        if r.get("event") in ("done", "failed", "skipped") and "op" in r
    }
    return InterruptedRun(
        path=path,
        started_at=str(start.get("started_at", "at an unknown time")),
        operations=int(start.get("operations", len(intents))),
        done=sum(1 for e in outcomes.values() if e == "done"),
        failed=sum(1 for e in outcomes.values() if e == "failed"),
        in_flight=tuple(label for op, label in intents.items() if op not in outcomes),
    )


def _records(path: Path) -> list[dict[str, Any]]:
    """Every readable record; a torn or corrupt line is skipped, never fatal."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    records = []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records
