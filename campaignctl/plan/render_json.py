"""The plan as JSON (``--format json`` and saved plan files) and back.

The document holds everything apply needs to run a saved plan exactly
(bodies, refs, ``updated_at`` for staleness, asset uploads), plus a summary
for CI and reviewers. Keys are sorted, there are no timestamps, and money in
the summary is a decimal string in currency units: the same plan always
renders to the same bytes, and ``load_plan(render_json(p)) == p``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from campaignctl.errors import PlanError
from campaignctl.plan import humanise as human
from campaignctl.plan.impact import exposure_totals
from campaignctl.plan.model import Action, Plan, SpendImpact
from campaignctl.plan.review import counts_by_kind, origin_counts

FORMAT_VERSION = 1
_SPEND_FIELDS = ("daily_before", "daily_after", "lifetime_before", "lifetime_after")


def render_json(plan: Plan) -> str:
    """The plan document, pretty-printed with sorted keys."""
    document = {
        "format_version": plan.format_version,
        "accounts": plan.accounts,
        "summary": _summary(plan),
        "actions": [a.model_dump(mode="json") for a in plan.actions],
        "unmanaged": list(plan.unmanaged),
        "warnings": list(plan.warnings),
        "manifest_digest": plan.manifest_digest,
        "project_dir": plan.project_dir,
        "paths": list(plan.paths),
        "selection": _selection(plan),
        "violations": [v.model_dump(mode="json") for v in plan.violations],
        "rollouts": [r.model_dump(mode="json") for r in plan.rollouts],
        **_remote(plan),
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load_plan(text: str) -> Plan:
    """A plan document (from ``render_json``) back into a ``Plan``."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _not_a_plan(
            f"it is not JSON ({error.msg} at line {error.lineno})"
        ) from None
    if not isinstance(document, dict) or "actions" not in document:
        raise _not_a_plan("it has no `actions`")
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        raise PlanError(
            f"this plan file has format_version {version!r}; this campaignctl "
            f"reads version {FORMAT_VERSION}",
            hint="make the plan again with this version of campaignctl",
        )
    try:
        return Plan.model_validate(
            {
                "format_version": version,
                "accounts": document.get("accounts", {}),
                "spend": _spend_of(document.get("summary", {}).get("spend", {})),
                "actions": document["actions"],
                "unmanaged": document.get("unmanaged", []),
                "warnings": document.get("warnings", []),
                "manifest_digest": document.get("manifest_digest"),
                "project_dir": document.get("project_dir"),
                "paths": document.get("paths", []),
                "selection": _selection_of(document.get("selection")),
                "violations": document.get("violations", []),
                "rollouts": document.get("rollouts", []),
                "estimates": document.get("estimates", []),
                "validation": document.get("validation"),
                "drafts": document.get("drafts", []),
            }
        )
    except (
        ValidationError,
        ValueError,
        TypeError,
        LookupError,
        ArithmeticError,
    ) as error:
        raise _not_a_plan(f"it does not match the plan format: {error}") from None


def _remote(plan: Plan) -> dict[str, Any]:
    """Estimates, remote validation and staged drafts, only when present (so
    plans without them keep their exact bytes)."""
    document: dict[str, Any] = {}
    if plan.estimates:
        document["estimates"] = [e.model_dump(mode="json") for e in plan.estimates]
    if plan.validation is not None:
        document["validation"] = plan.validation.model_dump(mode="json")
    if plan.drafts:
        document["drafts"] = [d.model_dump(mode="json") for d in plan.drafts]
    return document


def _summary(plan: Plan) -> dict[str, Any]:
    counts: dict[str, Any] = {a.value: n for a, n in _counts(plan).items()}
    counts["spend"] = {
        currency: _spend(impact, currency)
        for currency, impact in sorted(plan.spend.items())
    }
    counts["has_changes"] = plan.has_changes
    counts["by_kind"] = {
        action.value: {kind.value: n for kind, n in kinds.items()}
        for action, kinds in counts_by_kind(plan).items()
    }
    counts["changes_by_origin"] = {
        origin: {"objects": count.objects, "fields": count.fields}
        for origin, count in origin_counts(plan).items()
    }
    counts["exposure"] = {
        currency: {
            "before": human.units(totals.before, currency),
            "after": human.units(totals.after, currency),
            "delta": human.units(totals.delta, currency),
            "ad_sets": totals.ad_sets,
            "open_ended_ad_sets": totals.open_ended,
            "open_ended_daily": human.units(totals.open_ended_daily, currency),
            "open_ended_daily_before": human.units(
                totals.open_ended_daily_before, currency
            ),
        }
        for currency, totals in exposure_totals(plan).items()
    }
    counts["policy_violations"] = len(plan.violations)
    return counts


def _selection(plan: Plan) -> dict[str, Any] | None:
    if plan.selection is None:
        return None
    document = plan.selection.model_dump(mode="json")
    document["except"] = document.pop("exclude")
    return document


def _selection_of(document: Any) -> Any:
    if not isinstance(document, dict):
        return document
    document = dict(document)
    if "except" in document:
        document["exclude"] = document.pop("except")
    return document


def _counts(plan: Plan) -> dict[Action, int]:
    return {Action(name): n for name, n in plan.counts().items()}


def _spend(impact: SpendImpact, currency: str) -> dict[str, str]:
    figures = {name: getattr(impact, name) for name in _SPEND_FIELDS}
    figures["daily_delta"] = impact.daily_delta
    figures["lifetime_delta"] = impact.lifetime_delta
    return {name: human.units(micros, currency) for name, micros in figures.items()}


def _spend_of(summary: Any) -> dict[str, SpendImpact]:
    if not isinstance(summary, dict):
        raise ValueError("summary.spend must be an object")
    return {
        currency: SpendImpact(
            **{name: human.micros_of(str(figures[name])) for name in _SPEND_FIELDS}
        )
        for currency, figures in summary.items()
    }


def _not_a_plan(why: str) -> PlanError:
    return PlanError(
        f"this is not a campaignctl plan file: {why}",
        hint="save a plan with `campaignctl plan PATH... --out plan.json`",
    )
