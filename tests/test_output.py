"""The terminal writer: colour rules, redaction, confirmation."""

from __future__ import annotations

import io

import pytest

from campaignctl.output import (
    REDACTED,
    Output,
    Style,
    color_enabled,
    paint,
    redact,
    register_secret,
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "env", "want"),
    [
        pytest.param(Terminal(), {}, True, id="tty"),
        pytest.param(io.StringIO(), {}, False, id="pipe"),
        pytest.param(Terminal(), {"NO_COLOR": ""}, False, id="no-color-even-empty"),
        pytest.param(Terminal(), {"NO_COLOR": "1"}, False, id="no-color"),
        pytest.param(Terminal(), {"TERM": "dumb"}, False, id="dumb-terminal"),
    ],
)
def test_colour_only_on_a_terminal_and_never_with_no_color(
    stream: io.StringIO,
    env: dict[str, str],
    want: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert color_enabled(stream) is want


def test_paint_adds_ansi_only_when_enabled() -> None:
    assert paint("x", Style.RED, Style.BOLD, enabled=True) == "\x1b[31;1mx\x1b[0m"
    assert paint("x", Style.RED, enabled=False) == "x"


def test_registered_secrets_never_reach_any_stream() -> None:
    register_secret("s3cr3t-refresh-token")
    register_secret("s3cr3t")  # a shorter one inside a longer one
    register_secret("abc")  # too short to be a credential: ignored
    stdout, stderr = io.StringIO(), io.StringIO()
    out = Output(stdout=stdout, stderr=stderr)
    out.document("token=s3cr3t-refresh-token; abc")
    out.info("again s3cr3t")
    out.error("and s3cr3t-refresh-token")
    assert stdout.getvalue() == f"token={REDACTED}; abc\n"
    assert stderr.getvalue() == f"again {REDACTED}\nerror: and {REDACTED}\n"
    assert redact("nothing here") == "nothing here"


@pytest.mark.parametrize(
    ("answer", "want"), [("yes\n", True), ("y\n", False), ("", False)]
)
def test_only_yes_confirms(answer: str, want: bool) -> None:
    out = Output(stdin=io.StringIO(answer), stderr=io.StringIO(), stdout=io.StringIO())
    assert out.confirm("Apply? ") is want
