"""Unknown write outcomes: re-read, then resend only what did not land."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from campaignctl.apply.recovery import WRITE_ATTEMPTS, contains, settled
from campaignctl.errors import ApiErrorDetail, ServerError


def _ambiguous() -> ServerError:
    detail = ApiErrorDetail(status=504, method="POST", path="/x", messages=("timeout",))
    return ServerError(detail, ambiguous=True)


def _script(*steps: object) -> tuple[Callable[[], object], list[str]]:
    calls: list[str] = []
    queue = list(steps)

    def write() -> object:
        calls.append("write")
        step = queue.pop(0)
        if isinstance(step, Exception):
            raise step
        return step

    return write, calls


def test_a_write_that_landed_is_not_sent_again() -> None:
    write, calls = _script(_ambiguous())
    assert settled(write, lambda: "found") == "found"
    assert calls == ["write"]


def test_a_write_that_did_not_land_is_sent_again() -> None:
    write, calls = _script(_ambiguous(), "created")
    assert settled(write, lambda: None) == "created"
    assert calls == ["write", "write"]


def test_resends_stop_after_the_last_attempt() -> None:
    write, calls = _script(*[_ambiguous() for _ in range(WRITE_ATTEMPTS)])
    with pytest.raises(ServerError):
        settled(write, lambda: None)
    assert calls == ["write"] * WRITE_ATTEMPTS


def test_a_certain_failure_is_never_resent() -> None:
    detail = ApiErrorDetail(status=400, method="POST", path="/x", messages=("bad",))
    write, calls = _script(ServerError(detail), "never")
    with pytest.raises(ServerError):
        settled(write, lambda: "never")
    assert calls == ["write"]


@pytest.mark.parametrize(
    ("live", "wanted", "held"),
    [
        ({"a": 1, "b": 2}, {"a": 1}, True),
        ({"a": 1}, {"a": 2}, False),
        ({"t": {"ids": ["x", "y"], "z": 0}}, {"t": {"ids": ["y", "x"]}}, True),
        ({"t": {"ids": ["x"]}}, {"t": {"ids": ["x", "y"]}}, False),
        ({}, {"a": None}, True),
        ({"a": [1]}, {"a": 1}, False),
    ],
)
def test_contains_compares_lists_as_sets(
    live: object, wanted: object, held: bool
) -> None:
    assert contains(live, wanted) is held
