"""``kind: Report`` manifests → ``ReportDefinition``: the API's report rules, offline.

Every problem is a located diagnostic with a stable rule id: ``SPA-*`` for
async CSV requests and ``SPG-*`` for aggregate ones (research/reporting.md
§2), ``RPT-*`` for campaignctl's own rules. Rules about request windows
(SPA-11..15, SPG-04's 90 days) hold by construction: campaignctl computes and
chunks the windows itself (``reports.windows``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from campaignctl.errors import Diagnostic
from campaignctl.manifest.diagnose import translate_errors
from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.node import Node, YamlError, plain
from campaignctl.manifest.rules.base import Findings, Where
from campaignctl.manifest.spec.project import ProjectConfig
from campaignctl.manifest.spec.report import ReportSpec
from campaignctl.reports import endpoint_rules
from campaignctl.reports.catalogue import (
    name_path,
)
from campaignctl.reports.definition import (
    Account,
    ReportDefinition,
    table_name,
)
from campaignctl.reports.field_rules import (
    granularity_rule,
    level_rule,
    metrics_rule,
    missing,
    name_rule,
)
from campaignctl.reports.settings import account_rules, backfill_rule, lookback_rule

NAME = re.compile(r"^[A-Za-z0-9 _-]*$")
MAX_LOOKBACK_DAYS = 365


@dataclass(frozen=True)
class Context:
    """What report rules need from the rest of the manifests."""

    config: ProjectConfig
    campaigns: Mapping[str, str]  # campaign manifest name -> ad account id
    broken: frozenset[str] = frozenset()  # campaigns whose manifests have errors


def check_report(
    node: Node, context: Context, out: list[Diagnostic]
) -> ReportDefinition | None:
    """The validated definition, or None when it has errors (all go to ``out``)."""
    spec = _shaped(node, out)
    if spec is None:
        return None
    findings = Findings()
    definition = _Checker(spec, Where(node), context, findings).run()
    out.extend(findings.items)
    return definition if not any(d.is_error for d in findings.items) else None


def check_unique(definitions: list[ReportDefinition], out: list[Diagnostic]) -> None:
    """RPT-06: report names, and the tables they write, are unique."""
    seen: dict[str, ReportDefinition] = {}
    for definition in definitions:
        first = seen.setdefault(definition.table, definition)
        if first is definition:
            continue
        what = "name" if first.name == definition.name else "table"
        out.append(
            Diagnostic(
                f"report {definition.name!r} has the same {what} "
                f"({definition.table!r}) as report {first.name!r}",
                definition.source,
                hint=f"first declared at {first.source}; rename one of them",
                rule="RPT-06",
            )
        )


def _shaped(node: Node, out: list[Diagnostic]) -> ReportSpec | None:
    try:
        data = plain(node)
        return ReportSpec.model_validate(data)
    except YamlError as error:
        out.append(error.diagnostic)
    except ValidationError as error:
        out.extend(translate_errors(error, node, ReportSpec))
    return None


class _Checker:
    """The rules of one report, in the order a reader meets the fields."""

    def __init__(
        self, spec: ReportSpec, where: Where, context: Context, findings: Findings
    ) -> None:
        self.spec = spec
        self.where = where
        self.context = context
        self.f = findings

    def run(self) -> ReportDefinition | None:
        spec, where, f = self.spec, self.where, self.f
        name = name_rule(spec, where, f)
        metrics = metrics_rule(spec, where, f)
        granularity = granularity_rule(spec, where, f)
        level, dimensions = level_rule(spec, where, f)
        insight = self.spec.insight_dimension
        insight = insight.upper() if insight else None
        attribution = self.spec.attribution_window or "IMPRESSION_30_DAY"
        endpoint = None
        if granularity and level and metrics:
            request = endpoint_rules.Request(
                self.spec.endpoint,
                metrics,
                granularity,
                dimensions,
                insight,
                attribution,
            )
            endpoint = endpoint_rules.choose(request, self.where, self.f)
        statuses = self._statuses(endpoint, level)
        accounts = self._accounts()
        campaigns = self._campaigns(accounts, level, endpoint)
        backfill = backfill_rule(spec, granularity, where, f)
        lookback = lookback_rule(spec, metrics, attribution, where, f)
        if any(d.is_error for d in self.f.items):
            return None
        assert name and granularity and level and endpoint and accounts and backfill
        asked = (*name_path(level), *dimensions) if endpoint == "async" else ()
        return ReportDefinition(
            name=name,
            table=table_name(name),
            endpoint=endpoint,
            level=level,
            granularity=granularity,
            metrics=tuple(m.name for m in metrics),
            dimensions=tuple(dict.fromkeys(asked)),
            insight_dimension=insight,
            statuses=statuses,
            attribution_window=attribution,
            backfill=backfill,
            lookback_days=lookback,
            accounts=accounts,
            campaigns=campaigns,
            source=self.where.at(),
        )

    # -- name, metrics, granularity, level --------------------------------------
    # -- statuses, accounts, campaigns, windows --------------------------------
    def _statuses(
        self, endpoint: str | None, level: str | None
    ) -> tuple[str, ...] | None:
        written = self.spec.statuses
        if written is None:
            missing(
                self.where,
                self.f,
                "statuses",
                "write statuses: all, or list them (the API's default, ACTIVE only, "
                "silently drops paused and finished campaigns)",
                "SPA-09",
            )
            return None
        if written == "all" or endpoint is None or level is None:
            return None
        return endpoint_rules.check_statuses(
            tuple(s.strip().upper() for s in written),
            endpoint,
            level,
            self.where,
            self.f,
        )

    def _accounts(self) -> tuple[Account, ...] | None:
        return account_rules(
            self.spec.accounts,
            self.context.config,
            self.context.campaigns,
            self.where,
            self.f,
        )

    def _campaigns(
        self,
        accounts: tuple[Account, ...] | None,
        level: str | None,
        endpoint: str | None,
    ) -> tuple[str, ...]:
        names = self.spec.campaigns
        if names and level == "AD_ACCOUNT":
            endpoint_rules.account_level_campaigns(endpoint, self.where, self.f)
        ids = {a.id for a in accounts or ()}
        known = self.context.campaigns
        for index, name in enumerate(names):
            where = self.where.at("campaigns", index)
            if name in self.context.broken:
                continue  # its own manifest's errors are reported already
            if name not in known:
                hint = did_you_mean(name, known) or (
                    "name a campaign manifest (its name: field)"
                )
                self.f.error(
                    where,
                    f"no campaign manifest named {name!r}",
                    hint=hint,
                    rule="RPT-05",
                )
            elif accounts is not None and known[name] not in ids:
                self.f.error(
                    where,
                    f"campaign {name!r} is in ad account {known[name]}, which this "
                    "report does not cover",
                    hint="add its account to accounts:",
                    rule="RPT-05",
                )
        return tuple(names)

    # -- helpers -----------------------------------------------------------------


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-") or "report"
