"""The Jinja sandbox: rendering, line marks, confinement, no Python access."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from campaignctl.manifest import linemap
from campaignctl.manifest.frontmatter import front_matter_end
from campaignctl.manifest.template import Failure, TemplateFailure, Templates
from tests.manifest.trees import write_tree

ROW = {"market": "SE", "country": "SE", "daily_budget": "90", "empty": None}
CONTEXT: dict[str, Any] = {"row": ROW, "vars": {"artist": "Nightjar"}}
UNSAFE_HINT = (
    "templates see values, not Python: no attributes starting with '_', "
    "no internals, no changing shared values"
)


def _templates(root: Path, files: dict[str, str | bytes]) -> Templates:
    write_tree(root, files)
    return Templates(root.resolve())


def _render(root: Path, source: str, context: dict[str, Any] | None = None) -> str:
    templates = _templates(root, {"t.yaml.j2": source})
    assert templates.check("t.yaml.j2") is None
    return linemap.strip_marks(templates.render("t.yaml.j2", context or CONTEXT))


def _failure(root: Path, source: str, **files: str) -> Failure:
    templates = _templates(root, {"t.yaml.j2": source, **files})
    problem = templates.check("t.yaml.j2")
    if problem is not None:
        return problem
    with pytest.raises(TemplateFailure) as raised:
        templates.render("t.yaml.j2", CONTEXT)
    return raised.value.failure


def test_renders_yaml_friendly(tmp_path: Path) -> None:
    source = (
        "name: {{ row.country | country_name }} - {{ vars.artist }}\n"
        "{% if row.empty %}\n"
        "skipped: true\n"
        "{% endif %}\n"
        "budget: {{ row.daily_budget | money('EUR') }}\n"
        "note: {{ row.empty }}\n"
        "list: {{ ['a', 'b'] }}\n"
        "flag: {{ true }}\n"
        "math: {{ 2 * 3 }} {{ 'ab' * 2 }} {{ 2 ** 10 }}\n"
    )
    assert _render(tmp_path, source) == (
        "name: Sweden - Nightjar\n"
        "budget: 90.00 EUR\n"
        "note: \n"
        'list: ["a", "b"]\n'
        "flag: true\n"
        "math: 6 abab 1024\n"
    )


def test_line_marks_map_rendered_lines_to_template_lines(tmp_path: Path) -> None:
    templates = _templates(
        tmp_path,
        {
            "t.yaml.j2": "a: 1\n{% for x in [1, 2] %}\nb{{ x }}: {{ x }}\n"
            "{% endfor %}\n{% include 'inc/_p.j2' %}\nz: {{ 'q\\nr' }}\n",
            "inc/_p.j2": "p: 1\n{% set captured %}\nhidden\n{% endset %}\n"
            "q: {{ captured | trim }}\n",
        },
    )
    marked = templates.render("t.yaml.j2", CONTEXT)
    assert linemap.strip_marks(marked) == (
        "a: 1\nb1: 1\nb2: 2\np: 1\nq: hidden\nz: q\nr\n"
    )
    origins = linemap.line_origins(marked)
    main, partial = templates.id_of("t.yaml.j2"), templates.id_of("inc/_p.j2")
    assert origins == [
        (main, 1),
        (main, 3),
        (main, 3),
        (partial, 1),
        (partial, 5),
        (main, 6),
        (main, 6),  # the second line printed by one {{ }} belongs to it too
    ]


def test_line_origins_and_columns() -> None:
    marked = f"{linemap.mark(0, 1)}x: {{v}}\n{linemap.mark(0, 2)}y\n"
    assert linemap.line_origins(marked) == [(0, 1), (0, 2)]
    assert linemap.line_origins("no marks\n") == [None]
    late = f"X{linemap.mark(0, 1)}: 1\n{linemap.mark(0, 2)}y\n"  # starts with {{ }}
    assert linemap.line_origins(late) == [(0, 1), (0, 2)]
    assert linemap.template_column("budget: {{ x }} EUR", "budget: 90 EUR", 9) == 9
    assert linemap.template_column("a: {{ x }}", "a: 1", 4) == 4
    assert linemap.template_column("a:  {{ x }}", "a:  abc", 7) == 5


def test_columns_and_vars_read_per_line(tmp_path: Path) -> None:
    templates = _templates(
        tmp_path,
        {"t.yaml.j2": "a: {{ row.x }} {{ row['y z'] }}\nb: {{ vars.v }}{{ x.y }}\n"},
    )
    assert templates.check("t.yaml.j2") is None
    template_id = templates.id_of("t.yaml.j2")
    assert templates.columns(template_id, 1) == ("x", "y z")
    assert templates.columns(template_id, 2) == ()
    assert templates.vars_used(template_id, 2) == ("v",)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param(
            "{{ ''.__class__ }}",
            "access to attribute '__class__' of 'str' object is unsafe.",
            id="class",
        ),
        pytest.param(
            "{{ cycler.__init__.__globals__ }}",
            "access to attribute '__init__' of 'type' object is unsafe.",
            id="globals",
        ),
        pytest.param(
            "{{ row.__class__.__mro__ }}",
            "access to attribute '__class__' of 'dict' object is unsafe.",
            id="mro",
        ),
        pytest.param(
            "{{ '{0.__class__}'.format('') }}",
            "access to attribute '__class__' of 'str' object is unsafe.",
            id="format-string",
        ),
        pytest.param(
            "{{ lipsum.__globals__['os'] }}",
            "access to attribute '__globals__' of 'function' object is unsafe.",
            id="lipsum",
        ),
        pytest.param(
            "{{ vars.update({'artist': 'x'}) }}",
            "access to attribute 'update' of 'dict' object is unsafe.",
            id="mutation",
        ),
        pytest.param(
            "{{ 'x' * 10 ** 9 }}",
            "the result would be larger than 1,000,000 items",
            id="string-bomb",
        ),
        pytest.param(
            "{{ 9 ** 99999999 }}",
            "exponent 99999999 is larger than 1000",
            id="number-bomb",
        ),
        pytest.param(
            "{{ self._TemplateReference__context }}",
            "access to attribute '_TemplateReference__context' of "
            "'TemplateReference' object is unsafe.",
            id="self",
        ),
    ],
)
def test_no_python_from_templates(tmp_path: Path, source: str, message: str) -> None:
    assert _failure(tmp_path, source) == Failure(
        f"not allowed in templates: {message}", "t.yaml.j2", 1, UNSAFE_HINT
    )


@pytest.mark.parametrize(
    ("source", "message", "hint"),
    [
        pytest.param(
            "{{ row.daily_budgt }}",
            "'daily_budgt' is undefined — did you mean 'daily_budget'?",
            "columns of this row: market, country, daily_budget, empty",
            id="column-typo",
        ),
        pytest.param(
            "{{ daily_budget }}",
            "'daily_budget' is undefined — did you mean 'row.daily_budget'?",
            None,
            id="column-without-row",
        ),
        pytest.param(
            "{{ vars.artst }}",
            "'artst' is undefined — did you mean 'artist'?",
            "vars: artist",
            id="vars-typo",
        ),
        pytest.param("{{ nothing }}", "'nothing' is undefined", None, id="unknown"),
        pytest.param(
            "{{ row.daily_budgt | money('EUR') }}",
            "'daily_budgt' is undefined — did you mean 'daily_budget'?",
            "columns of this row: market, country, daily_budget, empty",
            id="inside-a-filter",
        ),
    ],
)
def test_undefined_names_are_named(
    tmp_path: Path, source: str, message: str, hint: str | None
) -> None:
    assert _failure(tmp_path, "a: 1\nb: " + source) == Failure(
        message, "t.yaml.j2", 2, hint
    )


@pytest.mark.parametrize(
    ("source", "failure"),
    [
        pytest.param(
            "{% for %}",
            Failure(
                "template syntax error: Expected an expression, got 'end of "
                "statement block'",
                "t.yaml.j2",
                1,
                "check the {{ }}, {% %} and {# #} pairs on this line",
            ),
            id="syntax",
        ),
        pytest.param(
            "a: {{ 1 / 0 }}",
            Failure("template error: division by zero", "t.yaml.j2", 1),
            id="runtime",
        ),
        pytest.param(
            "x\n{{ row.market | money('EUR') }}",
            Failure(
                "money: 'SE' is not an amount of money",
                "t.yaml.j2",
                2,
                "write the amount and an ISO 4217 currency code, like 150 USD or "
                "12.50 EUR",
            ),
            id="filter",
        ),
        pytest.param(
            "{% include 'missing.j2' %}",
            Failure("template not found: missing.j2", "t.yaml.j2", 1),
            id="missing-include",
        ),
        pytest.param(
            "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
            Failure("the template calls itself without end", "t.yaml.j2", 1),
            id="recursion",
        ),
    ],
)
def test_failures_are_located(tmp_path: Path, source: str, failure: Failure) -> None:
    assert _failure(tmp_path, source) == failure


def test_errors_inside_includes_point_into_the_include(tmp_path: Path) -> None:
    failure = _failure(
        tmp_path,
        "a: 1\n{% include 'parts/_ad.j2' %}\n",
        **{"parts/_ad.j2": "ok: 1\nbad: {{ row.nope }}\n"},
    )
    assert (failure.file, failure.line, failure.message) == (
        "parts/_ad.j2",
        2,
        "'nope' is undefined",
    )


def test_includes_and_imports_resolve_relative_to_the_template(tmp_path: Path) -> None:
    files = {
        "rollouts/t.yaml.j2": "{% import '../lib/_m.j2' as m %}"
        "{% include '_here.j2' %}{{ m.hello(row.market) }}\n",
        "rollouts/_here.j2": "here: 1\n",
        "lib/_m.j2": "{% macro hello(x) %}hello: {{ x }}{% endmacro %}",
    }
    templates = _templates(tmp_path, files)
    assert templates.check("rollouts/t.yaml.j2") is None
    rendered = templates.render("rollouts/t.yaml.j2", CONTEXT)
    assert linemap.strip_marks(rendered) == "here: 1\nhello: SE\n"


def test_extends_and_blocks(tmp_path: Path) -> None:
    files = {
        "t.yaml.j2": "{% extends '_base.j2' %}{% block ad %}name: {{ row.market }}"
        "{% endblock %}",
        "_base.j2": "kind: Campaign\n{% block ad %}{% endblock %}\n",
    }
    templates = _templates(tmp_path, files)
    assert templates.check("t.yaml.j2") is None
    marked = templates.render("t.yaml.j2", CONTEXT)
    assert linemap.strip_marks(marked) == "kind: Campaign\nname: SE"
    assert linemap.line_origins(marked) == [
        (templates.id_of("_base.j2"), 1),
        (templates.id_of("t.yaml.j2"), 1),
    ]


@pytest.mark.parametrize(
    "include",
    ["../outside.j2", "../../etc/passwd", "/etc/passwd", "inner/../../outside.j2"],
)
def test_includes_cannot_leave_the_project(tmp_path: Path, include: str) -> None:
    root = tmp_path / "project"
    (tmp_path / "outside.j2").write_text("secret: 1\n")
    failure = _failure(root, f"{{% include '{include}' %}}")
    assert failure.file == "t.yaml.j2"
    assert failure.line == 1
    assert failure.message.endswith(f"is outside the project directory {root}")


def test_symlinks_out_of_the_project_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "secret.j2").write_text("secret: 1\n")
    (root / "link.j2").symlink_to(tmp_path / "secret.j2")
    failure = _failure(root, "{% include 'link.j2' %}")
    assert failure.message == f"link.j2 is outside the project directory {root}"


def test_front_matter_is_blank_lines_when_rendering(tmp_path: Path) -> None:
    source = "---\nvalues: m.csv\nkey: market\n---\nname: {{ row.market }}\n"
    assert front_matter_end(source) == 4
    assert _render(tmp_path, source) == "\n\n\n\nname: SE\n"


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("---\nvalues: a.csv\n---\nx", 3),
        ("---  \nkey: k\nvalues: a.csv\n---\n", 4),
        ("---\napiVersion: campaignctl/v1\n---\nx", 0),  # YAML documents, not matter
        ("values: a.csv\n---\n", 0),
        ("---\nvalues: a.csv\n", 0),  # never closed
        ("", 0),
    ],
)
def test_front_matter_detection(text: str, end: int) -> None:
    assert front_matter_end(text) == end
