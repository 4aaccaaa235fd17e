"""Report settings that are campaignctl's own: accounts and the backfill window."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date

from campaignctl.errors import Location
from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.rules.base import Findings, Where
from campaignctl.manifest.spec.project import ProjectConfig
from campaignctl.manifest.spec.report import ReportSpec
from campaignctl.reports.catalogue import ATTRIBUTION_WINDOWS, Metric
from campaignctl.reports.definition import DEFAULT_LOOKBACK_DAYS, Account, Backfill

_SPAN = re.compile(r"^\s*([0-9]+)\s+(day|days|month|months)\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})(?:T(.*))?\s*$")
_MIDNIGHT = re.compile(r"^00:00(:00)?(Z|\+00:00)?$")
MAX_DAYS = 3650
MAX_LOOKBACK_DAYS = 365


def account_rules(
    written: str | tuple[str, ...],
    config: ProjectConfig,
    campaigns: Mapping[str, str],
    where: Where,
    f: Findings,
) -> tuple[Account, ...] | None:
    """The accounts a report covers (RPT-04 for unknown ones, or none at all)."""
    if written == "all":
        return _every_account(config, campaigns, where, f)
    found: list[Account] = []
    for index, text in enumerate(written):
        account = _account(text, config)
        if account is None:
            known = list(config.accounts)
            hint = did_you_mean(text, known) or (
                f"known aliases: {', '.join(known)}"
                if known
                else "declare it under accounts: in campaignctl.yaml, or write the UUID"
            )
            f.error(
                where.at("accounts", index),
                f"unknown account {text!r}",
                hint=hint,
                rule="RPT-04",
            )
        else:
            found.append(account)
    return tuple(found) if len(found) == len(written) else None


def _every_account(
    config: ProjectConfig, campaigns: Mapping[str, str], where: Where, f: Findings
) -> tuple[Account, ...] | None:
    found = {
        a.id: Account(id=a.id, alias=alias) for alias, a in config.accounts.items()
    }
    for account_id in campaigns.values():
        found.setdefault(account_id, Account(id=account_id))
    if not found:
        f.error(
            where.at(),
            "accounts: all names no account: campaignctl.yaml declares none and no "
            "campaign manifest names one",
            hint="list accounts (aliases or ad account UUIDs) under accounts:",
            rule="RPT-04",
        )
        return None
    return tuple(sorted(found.values(), key=lambda a: (a.alias or "~", a.id)))


def _account(text: str, config: ProjectConfig) -> Account | None:
    alias = config.accounts.get(text)
    if alias is not None:
        return Account(id=alias.id, alias=text)
    try:
        account_id = str(uuid.UUID(text))
    except ValueError:
        return None
    aliases = [name for name, a in config.accounts.items() if a.id == account_id]
    return Account(id=account_id, alias=aliases[0] if len(aliases) == 1 else None)


def parse_backfill(written: str | int, where: Location, f: Findings) -> Backfill | None:
    """``90 days``, ``6 months`` or a start date (UTC midnight) — RPT-08, SPA-13."""
    text = str(written)
    span = _SPAN.match(text)
    if span and not isinstance(written, int):
        count, unit = int(span.group(1)), span.group(2).lower()
        days = count if unit.startswith("day") else count * 31
        if not 1 <= days <= MAX_DAYS:
            f.error(
                where,
                f"backfill {text.strip()!r} must be between 1 day and 10 years",
                rule="RPT-08",
            )
            return None
        if unit.startswith("day"):
            return Backfill(days=count)
        return Backfill(months=count)
    found = _DATE.match(text) if not isinstance(written, int) else None
    if found:
        return _since(found.group(1), found.group(2), text, where, f)
    f.error(
        where,
        f"backfill {text!r} is not a window",
        hint="write '90 days', '6 months' or a start date such as 2030-01-01",
        rule="RPT-08",
    )
    return None


def _since(
    day: str, time: str | None, text: str, where: Location, f: Findings
) -> Backfill | None:
    try:
        start = date.fromisoformat(day)
    except ValueError:
        f.error(where, f"backfill {text.strip()!r} is not a date", rule="RPT-08")
        return None
    if time is not None and not _MIDNIGHT.match(time):
        f.error(
            where,
            f"backfill {text.strip()!r} must start at UTC midnight: day reports "
            "cover whole UTC days",
            hint=f"write {day}",
            rule="SPA-13",
        )
        return None
    return Backfill(since=start)


def backfill_rule(
    spec: ReportSpec, granularity: str | None, where: Where, f: Findings
) -> Backfill | None:
    written = spec.backfill
    if written is None:
        return Backfill()
    at_field = where.at("backfill")
    parsed = parse_backfill(written, at_field, f)
    if parsed is None:
        return None
    if granularity == "LIFETIME":
        f.warn(
            at_field,
            "LIFETIME reports are snapshots of all-time totals; backfill is ignored",
            rule="SPG-05",
        )
    elif granularity == "HOUR" and ((parsed.days or 0) > 14 or parsed.months):
        f.warn(
            at_field,
            "HOUR reports cover only the last 14 days; older hours can never be read",
            hint="sync HOUR reports at least every 14 days so no hour is lost",
            rule="SPG-04",
        )
    return parsed


def lookback_rule(
    spec: ReportSpec, metrics: list[Metric], attribution: str, where: Where, f: Findings
) -> int:
    needed = ATTRIBUTION_WINDOWS[attribution]
    conversions = [m.name for m in metrics if m.conversion]
    written = spec.lookback_days
    if written is None:
        return max(DEFAULT_LOOKBACK_DAYS, needed if conversions else 0)
    at_field = where.at("lookback_days")
    if not 0 <= written <= MAX_LOOKBACK_DAYS:
        f.error(
            at_field,
            f"lookback_days must be 0 to {MAX_LOOKBACK_DAYS} (got {written})",
            rule="RPT-08",
        )
    elif conversions and written < needed:
        f.error(
            at_field,
            f"lookback_days {written} is shorter than the {needed}-day attribution "
            f"window of the conversion metrics ({', '.join(conversions)})",
            hint=f"conversions keep arriving for {needed} days: use lookback_days: "
            f"{needed} or more",
            rule="RPT-03",
        )
    return written
