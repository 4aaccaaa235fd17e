"""Async CSV reports against the sandbox: ready, resumed, failed, expired, late."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from campaignctl.errors import ApiError
from campaignctl.provider.call import Timing
from campaignctl.provider.reporting import ReportingApi
from campaignctl.reports.async_jobs import (
    JobPolicy,
    PendingFile,
    fingerprint,
    run_report,
)
from campaignctl.sandbox import SandboxConfig, SyncASGITransport, create_app

from .conftest import ACCOUNT, ROOT, in_process_api

BODY = {
    "name": "daily_ad_sets",
    "granularity": "DAY",
    "dimensions": ["CAMPAIGN_NAME", "AD_SET_NAME"],
    "metrics": ["SPEND"],
    "statuses": ["ACTIVE"],
    "report_start": "2030-01-01T00:00:00Z",
    "report_end": "2030-01-02T00:00:00Z",
}
HEADER = b"DATE,CAMPAIGN_NAME,AD_SET_NAME,SPEND\r\n"


class FakeTime:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def timing(self) -> Timing:
        return Timing(clock=lambda: self.now, sleep=self.sleep, jitter=lambda: 0.0)


@pytest.fixture
def app_factory() -> Iterator[object]:
    apps = []

    def make(processing_ms: int = 0) -> object:
        app = create_app(
            SandboxConfig(
                clock_start="2030-01-01T00:00:00Z",
                rate_limit=0,
                processing_ms=processing_ms,
            )
        )
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.state.sandbox.close()  # type: ignore[attr-defined]


def reporting(app: object, time: FakeTime | None = None) -> ReportingApi:
    api = in_process_api(app, timing=(time or FakeTime()).timing())
    return ReportingApi(api.client)


def test_a_ready_report_is_downloaded_and_forgotten(
    app_factory: object, tmp_path: Path
) -> None:
    api = reporting(app_factory())  # type: ignore[operator]
    pending = PendingFile(tmp_path / "pending.json")
    assert run_report(api, ACCOUNT, BODY, pending=pending) == HEADER
    assert api.client.request_counts() | {"token": 0} == {
        "createAsyncReport": 1,
        "getAsyncReport": 1,
        "downloadAsyncReport": 1,
        "token": 0,
    }
    assert pending.load(fingerprint(ACCOUNT, BODY)) is None


def test_a_stored_id_is_resumed_not_created_again(
    app_factory: object, tmp_path: Path
) -> None:
    app = app_factory()  # type: ignore[operator]
    api = reporting(app)
    pending = PendingFile(tmp_path / "pending.json")
    earlier = api.create_async_report(ACCOUNT, BODY)
    pending.save(fingerprint(ACCOUNT, BODY), earlier)
    lines: list[str] = []
    assert run_report(api, ACCOUNT, BODY, pending=pending, log=lines.append) == HEADER
    assert api.client.request_counts()["createAsyncReport"] == 1  # the earlier one
    assert lines == [f"resuming async report {earlier}"]


def test_failed_reports_are_created_again_then_given_up(
    app_factory: object, tmp_path: Path
) -> None:
    api = reporting(app_factory())  # type: ignore[operator]
    body = {**BODY, "name": "test-fail daily"}
    with pytest.raises(ApiError) as raised:
        run_report(api, ACCOUNT, body, pending=PendingFile(tmp_path / "p.json"))
    assert raised.value.detail.messages == (
        "async report 'test-fail daily' did not complete: 3 report(s) created, "
        "each FAILED or EXPIRED",
    )
    assert api.client.request_counts()["createAsyncReport"] == 3


def test_an_expired_or_unknown_report_is_replaced(
    app_factory: object, tmp_path: Path
) -> None:
    app = app_factory()  # type: ignore[operator]
    api = reporting(app)
    pending = PendingFile(tmp_path / "pending.json")
    key = fingerprint(ACCOUNT, BODY)
    pending.save(key, api.create_async_report(ACCOUNT, BODY))
    with httpx.Client(transport=SyncASGITransport(app)) as raw:  # type: ignore[arg-type]
        raw.post(f"{ROOT}/_sandbox/advance", json={"hours": 25})  # READY → EXPIRED
    lines: list[str] = []
    assert run_report(api, ACCOUNT, BODY, pending=pending, log=lines.append) == HEADER
    assert "is EXPIRED; creating a new one" in lines[1]
    pending.save(key, "00000000-0000-4000-8000-000000000000")
    assert run_report(api, ACCOUNT, BODY, pending=pending) == HEADER
    assert api.client.request_counts()["createAsyncReport"] == 3


def test_polling_backs_off_to_a_cap_and_stops_at_the_deadline(
    app_factory: object, tmp_path: Path
) -> None:
    time = FakeTime()
    api = reporting(app_factory(processing_ms=3_600_000), time)  # type: ignore[operator]
    pending = PendingFile(tmp_path / "pending.json")
    policy = JobPolicy(first_delay_s=1, max_delay_s=8, deadline_s=30)
    with pytest.raises(ApiError, match="still PROCESSING after 30 s"):
        run_report(api, ACCOUNT, BODY, pending=pending, policy=policy)
    assert time.sleeps == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 2.5]
    assert pending.load(fingerprint(ACCOUNT, BODY)) is not None  # resumable
