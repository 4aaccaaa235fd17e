"""`campaignctl plan`: show what apply would change."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.commands.planning import load_manifests, make_plan, render_plan
from campaignctl.output import Output
from campaignctl.plan.render_json import render_json
from campaignctl.provider.connection import open_api


def run(
    paths: Sequence[Path],
    *,
    out: Output,
    sandbox: bool,
    fmt: str,
    out_file: Path | None,
    detailed_exitcode: bool,
    parallelism: int,
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
        plan = make_plan(workspace, api, parallelism=parallelism)
    out.document(render_plan(plan, fmt=fmt, color=out.color))
    if out_file is not None:
        out_file.write_text(render_json(plan), encoding="utf-8")
        out.info(f"Saved the plan to {out_file}.")
    return 2 if detailed_exitcode and plan.has_changes else 0
