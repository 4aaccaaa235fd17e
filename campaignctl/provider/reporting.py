"""The report endpoints: aggregate reports (token-paged) and async CSV reports.

Every call goes through the one ``HttpClient``, so reporting requests share
its retries and its rate limiter, which gives paths containing ``_reports``
a tenth of the general rate (150 requests per 30 s instead of 1,500).
Aggregate pages after the first send **only** the ``continuation_token``,
as the API requires; arrays are repeated keys (``fields=A&fields=B``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from campaignctl.errors import NotFoundError
from campaignctl.provider.base import JSON
from campaignctl.provider.call import Timing
from campaignctl.provider.client import HttpClient

Params = Mapping[str, str | Sequence[str]]


class ReportingApi:
    """Thread-safe, like the client it wraps."""

    def __init__(self, client: HttpClient) -> None:
        self.client = client

    @property
    def timing(self) -> Timing:
        return self.client.timing

    def aggregate_pages(self, account_id: str, params: Params) -> Iterator[JSON]:
        """Every page of an aggregate report, following continuation tokens."""
        path = f"{_account(account_id)}/aggregate_reports"
        page = self.client.get(path, op="getAggregateReport", params=params)
        yield page
        while token := page.get("continuation_token"):
            follow = {"continuation_token": str(token)}
            page = self.client.get(path, op="getAggregateReport", params=follow)
            yield page

    def create_async_report(self, account_id: str, body: Mapping[str, Any]) -> str:
        """POST a CSV report request; its id."""
        path = f"{_account(account_id)}/async_reports"
        created = self.client.post(path, op="createAsyncReport", json=dict(body))
        return str(created["id"])

    def get_async_report(self, account_id: str, report_id: str) -> JSON | None:
        """``AsyncReportResponse``, or None when the id is unknown (404)."""
        path = f"{_account(account_id)}/async_reports/{_seg(report_id)}"
        try:
            return self.client.get(path, op="getAsyncReport")
        except NotFoundError:
            return None

    def download_report(self, url: str) -> bytes:
        """The CSV behind ``report_url`` (a signed URL: no bearer token)."""
        return self.client.download(url, op="downloadAsyncReport")


def _seg(value: str) -> str:
    return quote(str(value), safe="")


def _account(account_id: str) -> str:
    return f"/ad_accounts/{_seg(account_id)}"
