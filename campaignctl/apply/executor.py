"""Execute a plan: phases in order, independent operations in parallel.

A failed operation never stops independent work: operations that require it
are skipped (and say why), everything else carries on. On Ctrl-C no new write
starts, writes in flight finish, and the result says the run was interrupted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Protocol

from campaignctl.apply.operations import Operation, plan_operations
from campaignctl.apply.result import ApplyResult, OperationResult, Outcome
from campaignctl.apply.steps import Registry, StepRunner
from campaignctl.apply.via_drafts import draft_operations
from campaignctl.errors import CampaignctlError
from campaignctl.plan.model import Action, Plan
from campaignctl.provider.base import AdsApi


class ApplyEvents(Protocol):
    """Progress callbacks; called from worker threads."""

    def started(self, operation: Operation) -> None: ...

    def finished(self, result: OperationResult) -> None: ...


class Broadcast:
    """Send every event to several listeners (progress display, journal)."""

    def __init__(self, *listeners: ApplyEvents) -> None:
        self.listeners = listeners

    def started(self, operation: Operation) -> None:
        for listener in self.listeners:
            listener.started(operation)

    def finished(self, result: OperationResult) -> None:
        for listener in self.listeners:
            listener.finished(result)


class _Silent:
    def started(self, operation: Operation) -> None:
        return None

    def finished(self, result: OperationResult) -> None:
        return None


def apply_plan(
    plan: Plan,
    api: AdsApi,
    *,
    root: Path,
    parallelism: int = 8,
    events: ApplyEvents | None = None,
    stop: threading.Event | None = None,
    today: date | None = None,
    via_drafts: bool = False,
) -> ApplyResult:
    """Run every operation of ``plan``; never raises for a failed operation.

    ``via_drafts`` publishes the plan's staged drafts instead of creating and
    updating those objects one by one (``apply/via_drafts.py``).
    """
    registry = Registry(_known_ids(plan))
    runner = StepRunner(
        api,
        registry,
        root=root,
        today=today or date.today(),
        drafts={d.campaign: d for d in plan.drafts} if via_drafts else None,
        actions={a.address: a for a in plan.actions},
    )
    run = _Run(runner, events or _Silent(), stop or threading.Event(), parallelism)
    operations = operations_of(plan, via_drafts=via_drafts)
    try:
        for _, group in groupby(operations, key=lambda op: op.phase):
            run.phase(list(group))
    except KeyboardInterrupt:
        run.interrupt()
    finally:
        run.pool.shutdown(wait=False, cancel_futures=True)
    run.skip_unfinished(operations)
    results = tuple(run.results[op.key] for op in operations)
    return ApplyResult(results, interrupted=run.stop.is_set())


def operations_of(plan: Plan, *, via_drafts: bool) -> tuple[Operation, ...]:
    """The operations apply runs, through drafts or not."""
    return draft_operations(plan) if via_drafts else plan_operations(plan)


def _known_ids(plan: Plan) -> dict[str, str]:
    return {
        a.address: a.remote_id
        for a in plan.actions
        if a.remote_id and a.action is not Action.REPLACE
    }


class _Run:
    def __init__(
        self,
        runner: StepRunner,
        events: ApplyEvents,
        stop: threading.Event,
        workers: int,
    ) -> None:
        self.runner = runner
        self.events = events
        self.stop = stop
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="apply")
        self.results: dict[str, OperationResult] = {}
        self.in_flight: dict[Future[OperationResult], Operation] = {}

    def phase(self, operations: list[Operation]) -> None:
        pending = list(operations)
        while pending or self.in_flight:
            pending = self._start_ready(pending)
            if not self.in_flight:
                self._skip_all(pending)
                return
            done, _ = wait(self.in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                self._record(self.in_flight.pop(future), future)

    def _start_ready(self, pending: list[Operation]) -> list[Operation]:
        waiting = []
        for operation in pending:
            state = self._readiness(operation)
            if state is None:
                waiting.append(operation)
            elif state:
                self._skip(operation, state)
            else:
                future = self.pool.submit(self._perform, operation)
                self.in_flight[future] = operation
        return waiting

    def _readiness(self, operation: Operation) -> str | None:
        """None: wait; "": start now; text: skip for that reason."""
        if self.stop.is_set():
            return _INTERRUPTED
        for key in operation.requires:
            result = self.results.get(key)
            if result is None:
                return None
            if result.outcome is not Outcome.DONE:
                return f"needs {result.operation.label}, which {result.outcome.value}"
        return ""

    def _perform(self, operation: Operation) -> OperationResult:
        """In a worker: announce (the journal's intent), write, report."""
        if self.stop.is_set():
            return OperationResult(operation, Outcome.SKIPPED, message=_INTERRUPTED)
        self.events.started(operation)
        try:
            remote_id = self.runner.run(operation)
        except Exception as error:  # reported in the result table; the run goes on
            message = _describe(error)
            result = OperationResult(operation, Outcome.FAILED, message=message)
        else:
            result = OperationResult(operation, Outcome.DONE, remote_id=remote_id)
        self.events.finished(result)
        return result

    def _record(self, operation: Operation, future: Future[OperationResult]) -> None:
        result = future.result()
        self.results[operation.key] = result
        if result.outcome is Outcome.SKIPPED:
            self.events.finished(result)

    def _skip(self, operation: Operation, reason: str) -> None:
        result = OperationResult(operation, Outcome.SKIPPED, message=reason)
        self.results[operation.key] = result
        self.events.finished(result)

    def _skip_all(self, operations: Iterable[Operation]) -> None:
        reason = (
            _INTERRUPTED if self.stop.is_set() else "a required operation never ran"
        )
        for operation in operations:
            self._skip(operation, reason)

    def skip_unfinished(self, operations: Iterable[Operation]) -> None:
        self._skip_all(op for op in operations if op.key not in self.results)

    def interrupt(self) -> None:
        """Ctrl-C: start nothing new, let in-flight writes finish."""
        self.stop.set()
        for future in list(self.in_flight):
            try:
                future.result()
            except KeyboardInterrupt:  # a second Ctrl-C: stop waiting
                break
            self._record(self.in_flight.pop(future), future)


_INTERRUPTED = "interrupted before it started"


def _describe(error: BaseException) -> str:
    if isinstance(error, CampaignctlError):
        return error.render()
    return f"{type(error).__name__}: {error}"
