"""Token sources: renewal timing, rotation, malformed answers."""

from __future__ import annotations

import pytest

from campaignctl.errors import AuthError
from campaignctl.provider.auth import (
    Credentials,
    RefreshingToken,
    StaticToken,
    basic_authorization,
    token_path,
)
from campaignctl.provider.base import JSON

from .fakes import REFRESH_CREDENTIALS, FakeTime


class Grants:
    """A token endpoint as a function: answers in turn, records requests."""

    def __init__(self, *answers: JSON) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[dict[str, str], str]] = []

    def __call__(self, form: dict[str, str], authorization: str) -> JSON:
        self.requests.append((form, authorization))
        return self.answers.pop(0)


@pytest.mark.parametrize(
    ("expires_in", "renew_after"),
    [
        pytest.param(3600, 3540.0, id="an-hour-renews-a-minute-early"),
        pytest.param(100, 90.0, id="short-renews-a-tenth-early"),
        pytest.param(2, 1.8, id="sandbox-token-ttl-2"),
        pytest.param("junk", 3540.0, id="unreadable-means-an-hour"),
    ],
)
def test_renewal_time(expires_in: object, renew_after: float) -> None:
    time = FakeTime()
    grants = Grants(
        {"access_token": "tok-0001", "expires_in": expires_in},
        {"access_token": "tok-0002", "expires_in": 3600},
    )
    source = RefreshingToken(REFRESH_CREDENTIALS, fetch=grants, clock=time.clock)

    assert source.token() == "tok-0001"
    time.now += renew_after - 0.01
    assert source.token() == "tok-0001"
    time.now += 0.01
    assert source.token() == "tok-0002"
    assert source.refreshes == 2


def test_renew_after_401_only_once_per_rejected_token() -> None:
    grants = Grants({"access_token": "tok-0001"}, {"access_token": "tok-0002"})
    source = RefreshingToken(REFRESH_CREDENTIALS, fetch=grants, clock=FakeTime().clock)
    rejected = source.token()

    assert source.renew_after_401(rejected) is True
    assert source.renew_after_401(rejected) is True  # a second thread: no new grant
    assert source.token() == "tok-0002"
    assert len(grants.requests) == 2


def test_rotation_and_grant_form() -> None:
    time = FakeTime()
    grants = Grants(
        {"access_token": "tok-0001", "expires_in": 10, "refresh_token": "rotated-1"},
        {"access_token": "tok-0002", "expires_in": 10},
    )
    source = RefreshingToken(REFRESH_CREDENTIALS, fetch=grants, clock=time.clock)

    source.token()
    time.now += 10
    source.token()

    basic = basic_authorization(REFRESH_CREDENTIALS)
    assert grants.requests == [
        ({"grant_type": "refresh_token", "refresh_token": "refresh-token-9abc"}, basic),
        ({"grant_type": "refresh_token", "refresh_token": "rotated-1"}, basic),
    ]


def test_answer_without_access_token_is_an_auth_error() -> None:
    source = RefreshingToken(
        REFRESH_CREDENTIALS,
        fetch=Grants({"token_type": "Bearer"}),
        clock=FakeTime().clock,
    )

    with pytest.raises(AuthError) as caught:
        source.token()

    assert caught.value.render() == (
        "POST /api/token → 200: the token response has no access_token\n"
        "  hint: check CAMPAIGNCTL_TOKEN_URL"
    )


def test_static_token_cannot_be_renewed() -> None:
    source = StaticToken("static-access-token-def0")

    assert source.token() == "static-access-token-def0"
    assert source.renew_after_401("static-access-token-def0") is False


@pytest.mark.parametrize(
    ("credentials", "can_refresh"),
    [
        (REFRESH_CREDENTIALS, True),
        (Credentials(client_id="a", client_secret="b"), False),
        (Credentials(access_token="x"), False),
    ],
)
def test_can_refresh(credentials: Credentials, can_refresh: bool) -> None:
    assert credentials.can_refresh is can_refresh


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://accounts.spotify.com/api/token", "/api/token"),
        ("http://127.0.0.1:8787/api/token?x=secret", "/api/token"),
        ("http://host", "/"),
    ],
)
def test_token_path_drops_host_and_query(url: str, path: str) -> None:
    assert token_path(url) == path
