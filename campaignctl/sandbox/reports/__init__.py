"""Reports: aggregate (JSON, token-paged), totals, and async CSV exports.

All three read the figures the delivery simulation stored (``metrics``) and
compute their metrics with the same formulas (``fields``), so they agree.
``ROUTES`` holds the four spec operations plus the sandbox-only CSV download
route that ``report_url`` points at.
"""

from __future__ import annotations

from campaignctl.sandbox.reports import aggregate, async_reports, totals

ROUTES = [*aggregate.ROUTES, *totals.ROUTES, *async_reports.ROUTES]

__all__ = ["ROUTES"]
