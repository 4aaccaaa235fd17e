"""Fuzzing `campaignctl validate` end to end: exit 0 or 1, located errors, no traceback.

Hypothesis breaks real inputs the way people do — a manifest's keys deleted,
misspelled or given values of other types; a rollout template's lines
dropped, duplicated or spliced with Jinja and YAML fragments; a values file's
cells, columns and rows garbled — and the CLI must answer every input with
exit 0 or 1, every error carrying ``file:line:col``, never an internal error.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignctl.cli import main
from tests.e2e.conftest import EXAMPLES

QUICKSTART = EXAMPLES / "quickstart"
BASE = yaml.safe_load((QUICKSTART / "midnight-launch.yaml").read_text())
LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): ")
EXAMPLES_IN_CI = 2000

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["ON", "OFF", "NO", "150 USD", "2034-03-01", "-1", "1e9", "~"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _paths(child, (*prefix, index))
    return found


PATHS = _paths(BASE)


def _edit(document: Any, path: tuple[Any, ...], how: str, value: Any) -> Any:
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    if how == "delete":
        del target[last]
    elif how == "typo" and isinstance(last, str):
        target[last[:-1] + "x"] = target.pop(last)
    else:
        target[last] = value
    return document


@st.composite
def broken_manifests(draw: st.DrawFn) -> str:
    document = yaml.safe_load(yaml.safe_dump(BASE))
    for _ in range(draw(st.integers(1, 4))):
        live_paths = [p for p in _paths(document) if p]
        if not live_paths:
            break
        path = draw(st.sampled_from(live_paths))
        how = draw(st.sampled_from(["delete", "typo", "replace"]))
        document = _edit(document, path, how, draw(values))
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=20)) + text[cut:]
    return text


ROLLOUT = EXAMPLES / "rollout"
TEMPLATE = (ROLLOUT / "ad-set.yaml.j2").read_text()
MARKETS = (ROLLOUT / "markets.csv").read_text().splitlines(keepends=True)[:4]
FRAGMENTS = ["{{", "}}", "{%", "%}", "{#", "|", ":", "- ", "  ", "\n", "'", '"']
FRAGMENTS += ["row.", "vars.", "row.nope", "| money", "| date(days=", "{% if %}"]
FRAGMENTS += ["{% for x in row %}", "{{ ''.__class__ }}", "[", "]", "&a", "*a"]


@st.composite
def broken_lines(draw: st.DrawFn, lines: list[str]) -> str:
    lines = list(lines)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, max(0, len(lines) - 1)))
        how = draw(st.sampled_from(["delete", "duplicate", "splice"]))
        if how == "delete" and lines:
            del lines[index]
        elif how == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif lines:
            line = lines[index]
            cut = draw(st.integers(0, len(line)))
            junk = "".join(draw(st.lists(st.sampled_from(FRAGMENTS), max_size=3)))
            junk += draw(st.text(max_size=5))
            lines[index] = line[:cut] + junk + line[cut:]
    return "".join(lines)


@st.composite
def broken_inputs(draw: st.DrawFn) -> tuple[str, str]:
    """(file to write, its text): a manifest, a template or a values file."""
    target = draw(st.sampled_from(["manifest", "template", "values"]))
    if target == "manifest":
        return "campaign.yaml", draw(broken_manifests())
    if target == "template":
        lines = TEMPLATE.splitlines(keepends=True)
        return "rollout/ad-set.yaml.j2", draw(broken_lines(lines))
    return "rollout/markets.csv", draw(broken_lines(MARKETS))


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    """One project with the quickstart's files; each example rewrites the manifest."""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory) / "project"
        shutil.copytree(QUICKSTART, root, ignore=shutil.ignore_patterns(".campaignctl"))
        (root / "midnight-launch.yaml").unlink()
        shutil.copytree(ROLLOUT, root / "rollout", ignore=shutil.ignore_patterns(".*"))
        (root / "rollout" / "campaignctl.yaml").unlink()  # one project, one file
        yield root


@settings(
    max_examples=EXAMPLES_IN_CI,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(broken=broken_inputs())
def test_validate_answers_any_input_with_located_errors(
    project: Path, broken: tuple[str, str]
) -> None:
    name, text = broken
    originals = {
        "campaign.yaml": yaml.safe_dump(BASE),
        "rollout/ad-set.yaml.j2": TEMPLATE,
        "rollout/markets.csv": "".join(MARKETS),
    }
    for file, original in originals.items():
        (project / file).write_text(text if file == name else original, "utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(["validate", str(project)])
    output = stdout.getvalue() + stderr.getvalue()
    assert code in (0, 1), output
    assert "internal error" not in output and "Traceback" not in output, output
    if code == 1:
        errors = [
            line
            for line in stdout.getvalue().splitlines()
            if line
            and not line.startswith((" ", "warning"))
            and ": warning: " not in line
        ]
        assert errors, output
        for line in errors:
            assert LOCATED.match(line), output
