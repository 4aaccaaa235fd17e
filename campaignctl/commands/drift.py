"""`campaignctl drift`: live changes made outside campaignctl, attributed.

The same plan ``plan`` makes, attributed from the same change history, so
``drift`` and the plan's "live changes" section always agree. Exit 2 when
there is drift, 0 when there is none, 1 when it cannot be told (an error, or
a change history that could not be read).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.commands.planning import (
    PlanOptions,
    load_manifests,
    own_principal,
    review_plan,
)
from campaignctl.errors import PlanError
from campaignctl.output import Output
from campaignctl.plan.drift import drift_report
from campaignctl.plan.render_drift import render_drift
from campaignctl.provider.connection import open_api


def run(
    paths: Sequence[Path], *, out: Output, sandbox: bool, fmt: str, parallelism: int
) -> int:
    workspace = load_manifests(paths, out=out)
    with closing(
        open_api(
            sandbox=sandbox,
            project_root=workspace.root,
            parallelism=parallelism,
            out=out,
        )
    ) as api:
        options = PlanOptions(paths=paths, own_principal=own_principal(sandbox=sandbox))
        reviewed = review_plan(workspace, api, parallelism=parallelism, options=options)
    if reviewed.unread:
        raise PlanError(
            "drift cannot be told apart without the change history:\n"
            + "\n".join(f"  - {why}" for why in reviewed.unread),
            hint="the credentials need the admin, contributor or viewer role on "
            "the ad account",
        )
    report = drift_report(reviewed.plan, reviewed.rows)
    out.document(render_drift(report, fmt=fmt, color=out.color))
    return 2 if report.fields else 0
