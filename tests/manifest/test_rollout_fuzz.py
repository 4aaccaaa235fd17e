"""Fuzzing templates and values files: always diagnostics, never a traceback.

Every problem must be located: in the template (with a line), the values
file or the rollout; never in a synthetic rendered-row name.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignctl.manifest import inspect_workspace
from tests.manifest.rollouts import CSV, TEMPLATE, rollout_project
from tests.manifest.trees import NOW

FILES = {"launch.yaml", "ad-set.yaml.j2", "markets.csv", "_part.j2", "campaignctl.yaml"}
EXPRESSIONS = [
    "row.market",
    "row.daily_budget | money('USD')",
    "row.daily_budget | money",
    "row.start | date(days=3)",
    "row.start | date(format='%d %B')",
    "row.country | country_name",
    "row.country | country_name('de')",
    "row.tagline | yaml",
    "row.tagline | slug",
    "row.nope",
    "vars.url",
    "vars.nope",
    "row.__class__",
    "''.__class__.__mro__",
    "cycler.__init__.__globals__",
    "row.items() | list",
    "range(3) | list",
    "1 / 0",
    "row.market * 3",
    "row",
    "none",
]
LINES = [
    "name: {{ row.country | country_name }}",
    "schedule: {start: {{ row.start | date }}}",
    "budget: {daily: {{ row.daily_budget | money('USD') }}}",
    "targets: {geo: {country: {{ row.country }}}}",
    "ads:",
    "  - name: Spot",
    "    audio: {{ row.audio }}",
    "    tagline: {{ row.tagline }}",
    "{% if row.market %}",
    "{% endif %}",
    "{% for x in [1, 2] %}",
    "{% endfor %}",
    "{% include '_part.j2' %}",
    "{% include '../outside.j2' %}",
    "{% import '_part.j2' as part %}",
    "{% set captured %}x: 1{% endset %}{{ captured }}",
    "{{ ",
    "}}",
    "{% %}",
    "---",
    "key: [unclosed",
    "\t- tab",
]


def _line() -> st.SearchStrategy[str]:
    expression = st.sampled_from(EXPRESSIONS).map(lambda e: f"x: {{{{ {e} }}}}")
    noise = st.text(st.characters(codec="utf-8"), max_size=12)
    return st.one_of(st.sampled_from(LINES), expression, noise)


_TEMPLATES = st.one_of(
    st.just(TEMPLATE),
    st.lists(_line(), max_size=10).map(lambda lines: "\n".join(lines) + "\n"),
    st.lists(_line(), max_size=3).map(lambda extra: TEMPLATE + "\n".join(extra)),
)
_CELLS = st.sampled_from(["", "0", "-5", "abc", "90", "1e3", "2034-13-40", "SE", "XX"])


def _csv(draw_cells: list[str]) -> str:
    lines = CSV.splitlines()
    rows = [line.split(",") for line in lines[1:]]
    for index, cell in enumerate(draw_cells[: len(rows) * 6]):
        rows[index // 6][index % 6] = cell
    return "\n".join([lines[0], *(",".join(r) for r in rows)]) + "\n"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    template=_TEMPLATES,
    cells=st.lists(_CELLS, max_size=18),
    part=st.sampled_from(["p: 1\n", "{% macro m() %}m: 1{% endmacro %}", "{{ oops"]),
)
def test_any_template_and_values_give_located_diagnostics(
    template: str, cells: list[str], part: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        rollout_project(root, template=template, csv=_csv(cells), **{"_part.j2": part})
        diagnostics = inspect_workspace([root], now=NOW).diagnostics
    for diagnostic in diagnostics:
        where = diagnostic.location
        assert where is not None, diagnostic
        assert "<rendered row" not in str(diagnostic), diagnostic
        assert Path(where.file).name in FILES, diagnostic
        if Path(where.file).name == "ad-set.yaml.j2" and diagnostic.is_error:
            assert where.line > 0, diagnostic
