"""``campaignctl validate PATH...``: every offline problem, at once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from campaignctl.errors import Diagnostic
from campaignctl.manifest import Inspection, inspect_workspace
from campaignctl.output import Output


def run(paths: Sequence[Path], *, out: Output, fmt: str) -> int:
    inspection = inspect_workspace(paths)
    errors = len(inspection.errors)
    if fmt == "json":
        out.document(json.dumps(_report(inspection), indent=2, sort_keys=True))
    else:
        for diagnostic in inspection.diagnostics:
            out.document(str(diagnostic))
        out.info(_summary(inspection))
    return 1 if errors else 0


def _summary(inspection: Inspection) -> str:
    errors = len(inspection.errors)
    warnings = len(inspection.diagnostics) - errors
    counts = f"{errors} error(s), {warnings} warning(s)"
    if inspection.workspace is None:
        return f"invalid: {counts}"
    desired = inspection.workspace.desired
    ad_sets = [s for c in desired.campaigns for s in c.ad_sets]
    ads = sum(len(s.ads) for s in ad_sets)
    return (
        f"valid: {len(desired.campaigns)} campaign(s), {len(ad_sets)} ad set(s), "
        f"{ads} ad(s), {len(desired.assets)} asset(s); {counts}"
    )


def _report(inspection: Inspection) -> dict[str, Any]:
    errors = len(inspection.errors)
    return {
        "valid": errors == 0,
        "errors": errors,
        "warnings": len(inspection.diagnostics) - errors,
        "diagnostics": [_entry(d) for d in inspection.diagnostics],
    }


def _entry(diagnostic: Diagnostic) -> dict[str, Any]:
    where = diagnostic.location
    return {
        "severity": diagnostic.severity.value,
        "file": where.file if where else None,
        "line": where.line if where and where.line else None,
        "col": where.col if where and where.col else None,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "rule": diagnostic.rule,
        "notes": list(diagnostic.notes),  # e.g. the values row a template used
    }
