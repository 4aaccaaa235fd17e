"""Async CSV reports: create, poll with capped backoff, download; resumable.

The id of a created report is saved (``Pending``) before it is polled, so a
run that is interrupted — or times out — picks the same report up again
instead of creating a duplicate (Spotify lists every created report in Ads
Manager). Terminal states are handled: FAILED and EXPIRED (and an id the API
no longer knows, or a download URL that stopped working) create a new report,
at most ``attempts`` times in all; PROCESSING is polled with exponential
backoff (``first_delay_s`` doubling up to ``max_delay_s``, with jitter) until
the overall ``deadline_s``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from campaignctl.errors import ApiError, ApiErrorDetail, ConfigError
from campaignctl.provider.reporting import ReportingApi

Log = Callable[[str], None]
EXPIRED_URL = 410  # a signed URL that stopped working


@dataclass(frozen=True)
class JobPolicy:
    first_delay_s: float = 1.0
    max_delay_s: float = 30.0
    deadline_s: float = 1800.0
    attempts: int = 3  # reports created in all (after FAILED or EXPIRED)


class Pending(Protocol):
    """Where the id of a report being made is kept between runs."""

    def load(self, fingerprint: str) -> str | None: ...

    def save(self, fingerprint: str, report_id: str | None) -> None: ...


def fingerprint(account_id: str, body: Mapping[str, Any]) -> str:
    """Identifies one request: same account and body, same report."""
    text = json.dumps([account_id, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def run_report(
    api: ReportingApi,
    account_id: str,
    body: Mapping[str, Any],
    *,
    pending: Pending,
    policy: JobPolicy = JobPolicy(),
    log: Log = lambda line: None,
) -> bytes:
    """The CSV of ``body`` in ``account_id`` (see the module docstring)."""
    key = fingerprint(account_id, body)
    clock = api.timing.clock
    deadline = clock() + policy.deadline_s
    report_id = pending.load(key)
    if report_id is not None:
        log(f"resuming async report {report_id}")
    created = 0
    while True:
        if report_id is None:
            created += 1
            if created > policy.attempts:
                raise _gave_up(body, policy.attempts)
            report_id = api.create_async_report(account_id, body)
            pending.save(key, report_id)
            log(f"created async report {report_id}")
        status = _wait(api, account_id, report_id, policy, deadline)
        url = status.get("report_url") if status else None
        data = _download(api, url) if url else None
        if data is not None:
            pending.save(key, None)
            return data
        state = status.get("status") if status else "unknown to the API"
        log(f"async report {report_id} is {state}; creating a new one")
        pending.save(key, None)
        report_id = None


def _wait(
    api: ReportingApi,
    account_id: str,
    report_id: str,
    policy: JobPolicy,
    deadline: float,
) -> dict[str, Any] | None:
    """The report's final status (None: the API does not know the id)."""
    timing = api.timing
    polls = 0
    while True:
        status = api.get_async_report(account_id, report_id)
        if status is None or status.get("status") != "PROCESSING":
            return status
        remaining = deadline - timing.clock()
        if remaining <= 0:
            raise _late(report_id, policy.deadline_s)
        ceiling = min(policy.max_delay_s, policy.first_delay_s * 2.0**polls)
        delay = ceiling / 2 + timing.jitter() * ceiling / 2
        timing.sleep(min(delay, remaining))
        polls += 1


def _download(api: ReportingApi, url: object) -> bytes | None:
    try:
        return api.download_report(str(url))
    except ApiError as error:
        if error.status in (EXPIRED_URL, 403, 404):
            return None
        raise


def _gave_up(body: Mapping[str, Any], attempts: int) -> ApiError:
    detail = ApiErrorDetail(
        status=200,
        method="GET",
        path="async_reports",
        messages=(
            f"async report {body.get('name')!r} did not complete: "
            f"{attempts} report(s) created, each FAILED or EXPIRED",
        ),
    )
    return ApiError(
        detail,
        hint="check the request in Ads Manager → Reports, or try again later",
    )


def _late(report_id: str, deadline_s: float) -> ApiError:
    detail = ApiErrorDetail(
        status=200,
        method="GET",
        path="async_reports",
        messages=(
            f"async report {report_id} is still PROCESSING after {deadline_s:g} s",
        ),
    )
    return ApiError(
        detail,
        hint="run the same command again later: it resumes this report instead "
        "of creating another (or raise --timeout)",
    )


class PendingFile:
    """Pending report ids in a small JSON file (``.campaignctl/reports/``)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self, fingerprint: str) -> str | None:
        found = self._read().get(fingerprint)
        return str(found) if found else None

    def save(self, fingerprint: str, report_id: str | None) -> None:
        data = self._read()
        if report_id is None:
            data.pop(fingerprint, None)
        else:
            data[fingerprint] = report_id
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
            temporary.replace(self.path)
        except OSError as error:
            raise ConfigError(
                f"cannot record the report id in {self.path}: {error.strerror}",
                hint="campaignctl keeps pending report ids under .campaignctl/",
            ) from None

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}
