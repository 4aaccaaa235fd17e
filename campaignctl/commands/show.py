"""`campaignctl show PLANFILE`: render a saved plan again, without the API."""

from __future__ import annotations

from pathlib import Path

from campaignctl.commands.planning import render_plan
from campaignctl.errors import ConfigError
from campaignctl.output import Output
from campaignctl.plan.render_json import load_plan


def run(plan_file: Path, *, out: Output, fmt: str) -> int:
    try:
        text = plan_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{plan_file}: cannot read the plan file ({error})") from None
    plan = load_plan(text)
    verbose = out.verbosity > 0
    out.document(render_plan(plan, fmt=fmt, color=out.color, verbose=verbose))
    return 0
