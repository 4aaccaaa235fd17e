"""Values files: CSV quirks, YAML/JSON rows, keys, and never a traceback."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.values import Row, Table, inline_table, read_table
from campaignctl.manifest.yaml import load_yaml


def _read(
    tmp_path: Path, name: str, content: str | bytes, key: str = "market"
) -> tuple[Table | None, list[Diagnostic]]:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    out: list[Diagnostic] = []
    return read_table(path, name, key, out), out


def _messages(out: list[Diagnostic]) -> list[str]:
    return [str(d) for d in out]


def test_csv_rows_with_excel_quirks(tmp_path: Path) -> None:
    text = (
        "\ufeffmarket , country,daily_budget ,note\r\n"
        " SE , SE , 90 ,\r\n"
        "\r\n"
        ",,,\r\n"
        'NO,NO,60,"two\r\nlines, quoted"\r\n'
    )
    table, out = _read(tmp_path, "m.csv", text)
    assert out == []
    assert table == Table(
        "m.csv",
        "market",
        ("market", "country", "daily_budget", "note"),
        (
            Row(
                "SE",
                {"market": "SE", "country": "SE", "daily_budget": "90", "note": None},
                Location("m.csv", 2, 1),
                dict.fromkeys(
                    ("market", "country", "daily_budget", "note"),
                    Location("m.csv", 2, 1),
                ),
            ),
            Row(
                "NO",
                {
                    "market": "NO",
                    "country": "NO",
                    "daily_budget": "60",
                    "note": "two\r\nlines, quoted",
                },
                Location("m.csv", 5, 1),
                dict.fromkeys(
                    ("market", "country", "daily_budget", "note"),
                    Location("m.csv", 5, 1),
                ),
            ),
        ),
    )


def test_tsv_and_trailing_unnamed_empty_column(tmp_path: Path) -> None:
    table, out = _read(tmp_path, "m.tsv", "market\tbudget\t\nSE\t90\t\n")
    assert out == []
    assert table is not None
    assert table.columns == ("market", "budget")
    assert table.rows[0].values == {"market": "SE", "budget": "90"}


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        pytest.param(
            "market,budget\nSE,90\nNO,60\nSE,70\n",
            [
                "m.csv:4:1: duplicate key 'SE' in column 'market'\n"
                "  hint: it was first used at m.csv:2:1; each row needs its own key"
            ],
            id="duplicate-key",
        ),
        pytest.param(
            "markt,budget\nSE,90\n",
            [
                "m.csv:1:1: the key column 'market' is not in the header "
                "(columns: markt, budget)\n  hint: did you mean 'markt'?"
            ],
            id="missing-key-column",
        ),
        pytest.param(
            "market;budget\nSE;90\n",
            [
                "m.csv:1:1: the key column 'market' is not in the header "
                "(columns: market;budget)\n  hint: the header looks separated by "
                "';': save the file comma-separated"
            ],
            id="semicolons",
        ),
        pytest.param(
            "market,budget,budget\nSE,1,2\n",
            [
                "m.csv:1:1: column 'budget' appears twice in the header\n"
                "  hint: columns 2 and 3 have the same name"
            ],
            id="duplicate-column",
        ),
        pytest.param(
            "market,budget\nSE,90,extra\nNO\n",
            [
                "m.csv:2:1: this row has 3 cells but the header has 2 columns\n"
                "  hint: every row needs one cell per column (empty cells are "
                "fine: a,,c)",
                "m.csv:3:1: this row has 1 cells but the header has 2 columns\n"
                "  hint: every row needs one cell per column (empty cells are "
                "fine: a,,c)",
            ],
            id="cell-counts",
        ),
        pytest.param(
            "market,budget\n,90\n",
            [
                "m.csv:2:1: this row has no 'market' (the rollout's key column)\n"
                "  hint: every row needs a short, unique key, like SE or se-pop"
            ],
            id="empty-key",
        ),
        pytest.param(
            "market,,budget\nSE,x,90\n",
            [
                "m.csv:2:1: the cell 'x' is in a column without a name\n"
                "  hint: give the column a name in the header"
            ],
            id="unnamed-column-with-data",
        ),
        pytest.param(
            'market,budget\nSE,"90\n',
            [
                "m.csv:2:1: malformed CSV: unexpected end of data\n"
                "  hint: check the quotes: a quoted cell must end with a quote"
            ],
            id="open-quote",
        ),
        pytest.param(
            "market,budget\n",
            [
                "m.csv:1:1: m.csv has no rows\n  hint: a rollout without rows would "
                "switch off everything it manages; add rows, or remove the rollout"
            ],
            id="header-only",
        ),
        pytest.param(
            "",
            [
                "m.csv:1:1: m.csv has no rows\n  hint: a rollout without rows would "
                "switch off everything it manages; add rows, or remove the rollout"
            ],
            id="empty",
        ),
    ],
)
def test_csv_problems_are_located(
    tmp_path: Path, text: str, messages: list[str]
) -> None:
    table, out = _read(tmp_path, "m.csv", text)
    assert table is None
    assert _messages(out) == messages


def test_not_utf8(tmp_path: Path) -> None:
    table, out = _read(tmp_path, "m.csv", "market\nS\xe9\n".encode("latin-1"))
    assert table is None
    assert _messages(out) == [
        "m.csv: m.csv is not UTF-8 text (byte 9)\n"
        "  hint: save it as UTF-8 (in Excel: 'CSV UTF-8')"
    ]


def test_unknown_format(tmp_path: Path) -> None:
    _, out = _read(tmp_path, "m.xlsx", "x")
    assert _messages(out) == [
        "m.xlsx: values file m.xlsx is not CSV, TSV, YAML or JSON\n"
        "  hint: name it with one of: .csv, .tsv, .yaml, .yml, .json"
    ]


def test_yaml_rows_keep_types_and_places(tmp_path: Path) -> None:
    text = (
        "- market: SE\n"
        "  budget: 90.50\n"
        "  genres: [pop, indie]\n"
        "- {market: 7, budget: 60, live: true}\n"
    )
    table, out = _read(tmp_path, "m.yaml", text)
    assert out == []
    assert table is not None
    assert table.columns == ("market", "budget", "genres", "live")
    se, seven = table.rows
    assert (se.key, se.values) == (
        "SE",
        {"market": "SE", "budget": Decimal("90.50"), "genres": ["pop", "indie"]},
    )
    assert se.cell("budget") == Location("m.yaml", 2, 3)
    assert (seven.key, seven.values["live"], seven.where) == (
        "7",
        True,
        Location("m.yaml", 4, 3),
    )


def test_json_rows(tmp_path: Path) -> None:
    text = '[{"market": "SE", "budget": 12.5}, {"market": "NO", "budget": 1e2}]'
    table, out = _read(tmp_path, "m.json", text)
    assert out == []
    assert table is not None
    assert [r.values for r in table.rows] == [
        {"market": "SE", "budget": Decimal("12.5")},
        {"market": "NO", "budget": Decimal("1e2")},
    ]


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        pytest.param(
            "market: SE\n",
            [
                "m.yaml:1:1: a values file holds one list of rows (mappings)\n"
                "  hint: write one '- market: ...' item per row"
            ],
            id="not-a-list",
        ),
        pytest.param(
            "- SE\n- {market: NO}\n",
            [
                "m.yaml:1:3: each row must be a mapping of column: value\n"
                "  hint: write rows like '- {market: SE, daily_budget: 90}'"
            ],
            id="row-not-mapping",
        ),
        pytest.param(
            "- {market: [SE]}\n",
            [
                "m.yaml:1:4: this row has no 'market' (the rollout's key column)\n"
                "  hint: every row needs a short, unique key, like SE or se-pop"
            ],
            id="key-not-scalar",
        ),
        pytest.param(
            "- {market: SE, market: NO}\n",
            [
                "m.yaml:1:16: duplicate key 'market'\n"
                "  hint: it was first written at m.yaml:1:4; keep one of them"
            ],
            id="duplicate-column",
        ),
        pytest.param(
            "- {market: SE}\n- {market: SE}\n",
            [
                "m.yaml:2:4: duplicate key 'SE' in column 'market'\n"
                "  hint: it was first used at m.yaml:1:3; each row needs its own key"
            ],
            id="duplicate-key",
        ),
    ],
)
def test_yaml_problems_are_located(
    tmp_path: Path, text: str, messages: list[str]
) -> None:
    table, out = _read(tmp_path, "m.yaml", text)
    assert table is None
    assert _messages(out) == messages


def test_inline_rows() -> None:
    [document] = load_yaml("values:\n  - {market: SE, b: 1}\n", "r.yaml")
    node = document.root.get("values")
    assert node is not None
    out: list[Diagnostic] = []
    table = inline_table(node, "market", out)
    assert out == []
    assert table is not None
    assert (table.file, table.columns, table.rows[0].where) == (
        "r.yaml",
        ("market", "b"),
        Location("r.yaml", 2, 5),
    )
    empty = load_yaml("values: []\n", "r.yaml")[0].root.get("values")
    assert empty is not None
    assert inline_table(empty, "market", out) is None
    assert _messages(out) == ["r.yaml:1:9: values: the list of rows is empty"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(content=st.binary(max_size=200) | st.text(',"\n\r;\t abcSE1\ufeff', max_size=80))
def test_random_csv_gives_rows_or_located_diagnostics(
    tmp_path: Path, content: bytes | str
) -> None:
    table, out = _read(tmp_path, "m.csv", content, key="a")
    assert (table is None) == bool(out)
    assert all(d.location is not None and d.location.file == "m.csv" for d in out)
    if table is not None:
        assert len({r.key for r in table.rows}) == len(table.rows)
