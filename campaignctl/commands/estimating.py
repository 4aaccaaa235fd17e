"""``plan --estimate``: ask the API for reach and bid estimates, with a cache.

Each answer is cached on disk under ``.campaignctl/cache/estimates/`` in the
project, keyed by the sha256 of the request (endpoint, API and body), for
``TTL_S``; a plan asks each distinct request once however many ad sets share
it. Only answers are cached (200s and 400s such as "Min audience threshold
was not met"); failures are not, so the next plan asks again. Estimates are
advisory: a failed call is a warning on its ad set, never a failed plan.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Literal

from campaignctl.errors import ApiError, CampaignctlError
from campaignctl.plan.estimates import (
    Answer,
    EstimateRequest,
    estimate_requests,
    estimate_warnings,
    read_estimate,
)
from campaignctl.plan.model import Plan
from campaignctl.plan.remote import AdSetEstimate
from campaignctl.plan.state import DesiredState
from campaignctl.provider.base import JSON, AdsApi

CACHE_DIR = Path(".campaignctl") / "cache" / "estimates"
TTL_S = 6 * 3600  # inventory moves; a working day of reviews reuses answers
Endpoint = Literal["audience", "bid"]


class EstimateCache:
    """Answers by request hash: in memory for this run, on disk for ``ttl_s``."""

    def __init__(
        self,
        directory: Path,
        *,
        scope: str,
        ttl_s: float = TTL_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.directory = directory
        self.scope = scope  # which API answered (sandbox vs Spotify)
        self.ttl_s = ttl_s
        self.clock = clock
        self.memory: dict[str, Answer] = {}

    def key(self, endpoint: Endpoint, body: JSON) -> str:
        request = {"api": self.scope, "endpoint": endpoint, "body": body}
        text = json.dumps(request, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def answer(
        self, endpoint: Endpoint, body: JSON, ask: Callable[[], Answer]
    ) -> Answer:
        key = self.key(endpoint, body)
        found = self.memory.get(key) or self._read(key)
        if found is None:
            found = ask()
            if found.failure is None:
                self._write(key, found)
        self.memory[key] = found
        return found

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def _read(self, key: str) -> Answer | None:
        try:
            stored = json.loads(self._path(key).read_text(encoding="utf-8"))
            if self.clock() - float(stored["stored_at"]) > self.ttl_s:
                return None
            fields = stored["answer"]
            return Answer(
                body=fields.get("body"),
                status=fields.get("status"),
                messages=tuple(fields.get("messages") or ()),
                extra=fields.get("extra"),
                cached=True,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # absent, unreadable or from another version: ask again

    def _write(self, key: str, answer: Answer) -> None:
        record = {
            "stored_at": self.clock(),
            "answer": {
                "body": answer.body,
                "status": answer.status,
                "messages": list(answer.messages),
                "extra": dict(answer.extra) if answer.extra else None,
            },
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(record, file, sort_keys=True)
            Path(temporary).replace(self._path(key))
        except OSError:
            pass  # a cache that cannot be written only costs requests


def add_estimates(
    plan: Plan,
    desired: DesiredState,
    api: AdsApi,
    *,
    cache: EstimateCache,
    now: datetime,
) -> Plan:
    """``plan`` with the estimates of its created and changed ad sets."""
    requests = estimate_requests(plan, desired, now=now)
    estimates = tuple(_estimate(api, cache, r) for r in requests)
    warnings = (*plan.warnings, *estimate_warnings(estimates))
    return plan.model_copy(update={"estimates": estimates, "warnings": warnings})


def _estimate(
    api: AdsApi, cache: EstimateCache, request: EstimateRequest
) -> AdSetEstimate:
    audience = None
    if request.audience is not None:
        body = request.audience
        audience = cache.answer("audience", body, lambda: _ask(api, "audience", body))
    bid = cache.answer(
        "bid", request.bid_body, lambda: _ask(api, "bid", request.bid_body)
    )
    return read_estimate(request, audience, bid)


def _ask(api: AdsApi, endpoint: Endpoint, body: JSON) -> Answer:
    try:
        return Answer(body=api.estimate(endpoint, body))
    except ApiError as error:
        detail = error.detail
        if 400 <= detail.status < 500 and detail.status not in (401, 403, 429):
            return Answer(
                status=detail.status, messages=detail.messages, extra=detail.extra
            )
        return Answer(failure=error.message)
    except CampaignctlError as error:  # network, timeouts: not cached
        return Answer(failure=error.message)


def estimate_cache(project_root: Path, *, sandbox: bool) -> EstimateCache:
    """The project's cache; answers of the sandbox and of Spotify never mix."""
    scope = "sandbox" if sandbox else os.environ.get("CAMPAIGNCTL_API_URL", "spotify")
    return EstimateCache(project_root / CACHE_DIR, scope=scope)
