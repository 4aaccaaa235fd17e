"""One running sandbox: config, store, clock, randomness and extension hooks.

Created by ``create_app`` and reachable as ``app.state.sandbox``; services and
seeding helpers take it as their first argument.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from campaignctl.sandbox import lifecycle
from campaignctl.sandbox.clock import Clock, offset_key, parse_time
from campaignctl.sandbox.config import SandboxConfig
from campaignctl.sandbox.limits import RateLimiter
from campaignctl.sandbox.store import Store

AdvanceHook = Callable[["Sandbox", float, float], None]
"""Called inside the store transaction after the clock moved from the first
to the second instant (epoch seconds). The delivery simulation plugs in here."""


class Sandbox:
    """Shared state of one sandbox instance (thread-safe)."""

    def __init__(
        self, config: SandboxConfig, *, advance_hooks: Sequence[AdvanceHook] = ()
    ) -> None:
        self.config = config
        self.store = Store(config.db)
        frozen = parse_time(config.clock_start) if config.clock_start else None
        self.clock = Clock(
            frozen_at=frozen,
            offset=float(self.store.meta(offset_key()) or 0.0),
            persist=self.store.set_meta,
        )
        self._lock = threading.Lock()
        self._ids = random.Random(f"ids:{config.seed}:{self.store.max_seq()}")
        self._faults = random.Random(f"faults:{config.seed}")
        self.advance_hooks: list[AdvanceHook] = list(advance_hooks)
        self.stats: Counter[str] = Counter()
        self.faults: Counter[str] = Counter()  # injected: failed, ambiguous, …
        self.limiter = RateLimiter(config.rate_limit)

    def now(self) -> float:
        return self.clock.now()

    def new_id(self) -> str:
        """A fresh UUID (version 4 layout), reproducible for a given seed."""
        with self._lock:
            bits = self._ids.getrandbits(128)
        return str(uuid.UUID(int=bits, version=4))

    def roll(self) -> float:
        """A reproducible draw in [0, 1) for fault injection."""
        with self._lock:
            return self._faults.random()

    def pick(self, options: Sequence[Any]) -> Any:
        with self._lock:
            return self._faults.choice(options)

    def count(self, operation_id: str) -> None:
        with self._lock:
            self.stats[operation_id] += 1

    def count_fault(self, kind: str) -> None:
        """Count one injected fault: failed, ambiguous, dropped, rate_limited."""
        with self._lock:
            self.faults[kind] += 1

    def stats_body(self) -> dict[str, Any]:
        with self._lock:
            counts = dict(sorted(self.stats.items()))
            faults = dict(sorted(self.faults.items()))
        return {
            "requests_total": sum(counts.values()),
            "requests": counts,
            "faults": faults,
        }

    def refresh(self) -> None:
        """Settle every time-based transition that is due (see ``lifecycle``).

        Runs before every request, so the common case (nothing due) is one
        indexed lookup, without a write transaction.
        """
        now = self.now()
        if not self.store.any_due(now):
            return
        with self.store.transaction() as store:
            for record in store.due(now):
                lifecycle.settle(record, now)
                store.update(record)

    def advance(self, seconds: float) -> tuple[float, float]:
        """Move the sandbox clock forward, settle transitions, run the hooks."""
        with self.store.transaction():
            before, after = self.clock.advance(seconds)
            self.refresh()
            for hook in self.advance_hooks:
                hook(self, before, after)
        return before, after

    def close(self) -> None:
        self.store.close()
