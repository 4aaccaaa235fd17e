"""The YAML loader: YAML 1.2 scalars, marks, duplicates, tags, aliases, fuzzing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.node import Node, YamlError, plain
from campaignctl.manifest.yaml import dump_yaml, load_yaml

SYNTAX = (
    "\n  hint: check indentation, quoting and that every ':' is followed by a space"
)


def _data(text: str) -> object:
    return plain(load_yaml(text, "f.yaml")[0].root)


def _error(text: str) -> Diagnostic:
    with pytest.raises(YamlError) as caught:
        load_yaml(text, "f.yaml")
    return caught.value.diagnostic


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ON", "ON"),
        ("OFF", "OFF"),
        ("NO", "NO"),
        ("yes", "yes"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("012", 12),
        ("0x1F", 31),
        ("0o17", 15),
        ("1_000", "1_000"),
        ("12.50", Decimal("12.50")),
        ("1e3", Decimal("1E+3")),
        ("0.1", Decimal("0.1")),
        ("2030-06-01", "2030-06-01"),
        ("2030-06-01T00:00:00Z", "2030-06-01T00:00:00Z"),
        ("12:30", "12:30"),
        ("150 USD", "150 USD"),
        ("'true'", "true"),
        ("!!str 12", "12"),
        ("!!float 3", Decimal("3")),
        ("!!int '7'", 7),
    ],
)
def test_yaml_12_scalars(text: str, value: object) -> None:
    assert _data(f"v: {text}") == {"v": value}


def test_special_floats_are_decimals() -> None:
    data = _data("a: .inf\nb: -.Inf\nc: .nan")
    assert isinstance(data, dict)
    assert data["a"] == Decimal("Infinity")
    assert data["b"] == Decimal("-Infinity")
    assert data["c"].is_nan()


def test_every_key_and_value_keeps_its_mark() -> None:
    root = load_yaml("a:\n  b: [x, {c: 1}]\n", "f.yaml")[0].root
    b = root.find(("a", "b"))
    c = root.find(("a", "b", 1, "c"))
    assert b is not None and c is not None
    assert (b.key_loc, b.loc) == (Location("f.yaml", 2, 3), Location("f.yaml", 2, 6))
    assert (c.key_loc, c.loc) == (Location("f.yaml", 2, 11), Location("f.yaml", 2, 14))
    x = root.find(("a", "b", 0))
    assert x is not None and (x.value, x.loc, x.key_loc) == (
        "x",
        Location("f.yaml", 2, 7),
        None,
    )
    assert root.find(("a", "missing")) is None


def test_marks_far_down_and_far_right_are_exact() -> None:
    above = "".join(f"k{n}: 1\n" for n in range(99_999))
    text = above + "z: " + " " * 70_000 + "[far, right]\n"
    root = load_yaml(text, "f.yaml")[0].root
    z = root.find(("z",))
    right = root.find(("z", 1))
    assert z is not None and right is not None
    assert (z.key_loc, z.loc) == (
        Location("f.yaml", 100_000, 1),
        Location("f.yaml", 100_000, 70_004),
    )
    assert right.loc == Location("f.yaml", 100_000, 70_010)


@given(
    line=st.integers(min_value=0, max_value=2**40),
    col=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_a_located_node_gives_back_its_location(line: int, col: int) -> None:
    node = Node.located("x", Location("f.yaml", line, col))
    assert (node.loc, node.key_loc) == (Location("f.yaml", line, col), None)


def test_a_node_holding_another_value_keeps_its_marks() -> None:
    root = load_yaml("a:\n  b: 1\n", "f.yaml")[0].root
    b = root.find(("a", "b"))
    assert b is not None
    keyed, bare = b.holding([]), b.holding({}, keyed=False)
    assert (keyed.value, keyed.loc, keyed.key_loc) == ([], b.loc, b.key_loc)
    assert (bare.value, bare.loc, bare.key_loc) == ({}, b.loc, None)


def test_documents_skip_empty_ones() -> None:
    documents = load_yaml("---\na: 1\n---\n---\nb: 2\n", "f.yaml")
    assert [(d.index, plain(d.root)) for d in documents] == [
        (0, {"a": 1}),
        (2, {"b": 2}),
    ]


def test_merge_keys_keep_the_anchor_location() -> None:
    root = load_yaml("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", "f.yaml")[0].root
    assert plain(root)["m"] == {"x": 1, "y": 3}
    x = root.find(("m", "x"))
    assert x is not None and x.loc == Location("f.yaml", 1, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: 1\na: 2",
            "f.yaml:2:1: duplicate key 'a'\n  hint: it was first written at "
            "f.yaml:1:1; keep one of them",
        ),
        (
            "a: !!binary aGk=",
            "f.yaml:1:4: unsupported YAML tag '!!binary'\n  hint: campaignctl reads "
            "mappings, lists, strings, numbers and booleans",
        ),
        (
            "a: !custom x",
            "f.yaml:1:4: unsupported YAML tag '!custom'\n  hint: campaignctl reads "
            "mappings, lists, strings, numbers and booleans",
        ),
        ("a: !!int twelve", "f.yaml:1:4: 'twelve' is not a valid !!int"),
        (
            "a: 1\nb: x\x1fy",
            "f.yaml:2:5: invalid YAML: unacceptable character #x001f: control "
            "characters are not allowed\n  hint: remove control characters "
            "(copy-pasted text often carries them)",
        ),
        ("a: &x [*x]", "f.yaml:1:4: recursive alias: an anchor contains itself"),
        (
            "? [a]\n: 1",
            "f.yaml:1:3: mapping keys must be plain words, not lists or mappings",
        ),
        (
            "a: [1, 2",
            "f.yaml:2:1: invalid YAML: did not find expected ',' or ']' (while "
            "parsing a flow sequence)" + SYNTAX,
        ),
        (
            "a:\n- b\n c: d",
            "f.yaml:3:3: invalid YAML: mapping values are not allowed in this "
            "context" + SYNTAX,
        ),
        (
            "a: *nope",
            "f.yaml:1:4: invalid YAML: found undefined alias\n  hint: check "
            "indentation, quoting and that every ':' is followed by a space",
        ),
    ],
)
def test_errors_are_located(text: str, expected: str) -> None:
    assert str(_error(text)) == expected


def test_alias_bombs_stop_at_the_value_limit() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)
    ]
    root = load_yaml("\n".join(lines), "f.yaml")[0].root  # shared nodes: cheap
    with pytest.raises(YamlError) as caught:
        plain(root, limit=10_000)
    assert (
        caught.value.diagnostic.message
        == "the document expands to more than 10,000 values"
    )


def test_dump_quotes_what_yaml_11_would_mistype() -> None:
    text = dump_yaml([{"delivery": "ON", "country": "NO", "amount": Decimal("12.50")}])
    assert text == "---\ndelivery: 'ON'\ncountry: 'NO'\namount: 12.50\n"
    assert _data(text) == {
        "delivery": "ON",
        "country": "NO",
        "amount": Decimal("12.50"),
    }


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_fails_with_a_located_yaml_error(text: str) -> None:
    try:
        documents = load_yaml(text, "f.yaml")
    except YamlError as error:
        assert error.diagnostic.location is not None
        assert error.diagnostic.location.file == "f.yaml"
        assert error.diagnostic.location.line >= 1
        return
    for document in documents:
        plain(document.root)


_yamlish = st.text(
    alphabet="ab:-[]{},&*!<>'\"#\n ?|.0123456789truefalsON", max_size=120
)


@settings(max_examples=400, deadline=None)
@given(_yamlish)
def test_yaml_shaped_noise_never_escapes_as_another_exception(text: str) -> None:
    try:
        for document in load_yaml(text, "f.yaml"):
            plain(document.root)
    except YamlError:
        pass
