"""What an apply did, operation by operation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from campaignctl.apply.operations import Operation


class Outcome(StrEnum):
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class OperationResult:
    operation: Operation
    outcome: Outcome
    remote_id: str | None = None
    message: str | None = None  # the API's message (with sp_trace_id) or why skipped


@dataclass(frozen=True)
class ApplyResult:
    results: tuple[OperationResult, ...]
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.interrupted and all(
            r.outcome is Outcome.DONE for r in self.results
        )

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    def of(self, outcome: Outcome) -> Sequence[OperationResult]:
        return [r for r in self.results if r.outcome is outcome]
