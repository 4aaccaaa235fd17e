"""No credential reaches a log line, an error message or the terminal.

The raw log lines and error texts are checked *before* ``Output`` redacts them,
and the terminal text after; servers here even echo credentials back.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from campaignctl.errors import CampaignctlError
from campaignctl.output import Output, redact
from campaignctl.provider.auth import basic_authorization
from campaignctl.provider.connection import open_api
from campaignctl.provider.settings import MISSING_CREDENTIALS, settings_from_env

from .fakes import (
    ACCESS_TOKEN,
    ACCOUNT,
    REFRESH_CREDENTIALS,
    SECRETS,
    STATIC_CREDENTIALS,
    TOKEN_URL,
    FakeTime,
    ListServer,
    TokenServer,
    make_client,
)
from .test_connection import REFRESH_ENV

PATH = f"/ad_accounts/{ACCOUNT}/campaigns"


def echo_everything(request: httpx.Request) -> httpx.Response:
    """A hostile server: every error quotes the request's credentials."""
    leak = f"{request.headers.get('authorization')} {request.content.decode()}"
    if str(request.url).startswith(TOKEN_URL):
        return httpx.Response(
            400, json={"error": "invalid_grant", "error_description": leak}
        )
    return httpx.Response(400, json={"messages": [f"rejected: {leak}"]})


def flaky_then_fine() -> TokenServer:
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": "0"}),
            httpx.Response(503),
            httpx.Response(401),
        ]
    )
    inner = ListServer({"campaigns": []})

    def route(request: httpx.Request) -> httpx.Response:
        answer = next(answers, None)
        return answer if answer is not None else inner(request)

    return TokenServer(route, rotate=True)


def refused_static(request: httpx.Request) -> httpx.Response:
    leak = request.headers.get("authorization", "")
    return httpx.Response(401, json={"messages": [f"expired {leak}"]})


def broken_network(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError(
        f"refused while sending {request.headers['authorization']}"
    )


Handler = Callable[[httpx.Request], httpx.Response]
# name -> (a fresh server, whether only SPOTIFY_ADS_ACCESS_TOKEN is set)
SCENARIOS: dict[str, tuple[Callable[[], Handler], bool]] = {
    "retries-and-renewal": (flaky_then_fine, False),
    "token-endpoint-echoes": (lambda: echo_everything, False),
    "network-error-echoes": (lambda: broken_network, False),
    "static-token-refused": (lambda: refused_static, True),
}


def all_secrets(handler: object) -> list[str]:
    issued = [*handler.issued] if isinstance(handler, TokenServer) else []
    rotated = [f"rotated-refresh-{n:04d}" for n in range(1, len(issued) + 1)]
    basic = basic_authorization(REFRESH_CREDENTIALS).removeprefix("Basic ")
    return [*SECRETS, *issued, *rotated, basic]


def run(handler: Handler, *, static: bool) -> list[str]:
    """Raw log lines and error texts of one list call."""
    texts: list[str] = []
    credentials = STATIC_CREDENTIALS if static else REFRESH_CREDENTIALS
    client = make_client(
        handler, credentials=credentials, log=lambda level, line: texts.append(line)
    )
    try:
        client.get(PATH, op="getCampaigns")
    except CampaignctlError as error:
        texts += [str(error), error.render(), repr(error.args)]
    return texts


@pytest.mark.parametrize("name", SCENARIOS)
def test_raw_logs_and_errors_carry_no_secret(name: str) -> None:
    make_handler, static = SCENARIOS[name]
    handler = make_handler()

    texts = run(handler, static=static)

    assert texts  # something was said
    for secret in all_secrets(handler):
        assert not [t for t in texts if secret in t], secret


@pytest.mark.parametrize("verbosity", [0, 1, 2, 3])
@pytest.mark.parametrize("name", SCENARIOS)
def test_terminal_carries_no_secret(tmp_path: Path, name: str, verbosity: int) -> None:
    make_handler, static = SCENARIOS[name]
    handler = make_handler()
    env = {"SPOTIFY_ADS_ACCESS_TOKEN": ACCESS_TOKEN} if static else REFRESH_ENV
    stdout, stderr = io.StringIO(), io.StringIO()
    out = Output(stdout=stdout, stderr=stderr, verbosity=verbosity)

    try:
        with open_api(
            sandbox=False,
            project_root=tmp_path,
            parallelism=2,
            out=out,
            environ=env,
            transport=httpx.MockTransport(handler),
            timing=FakeTime().timing(),
        ) as api:
            api.list_campaigns(ACCOUNT)
    except CampaignctlError as error:
        out.error(error.render())

    shown = stdout.getvalue() + stderr.getvalue()
    for secret in all_secrets(handler):
        assert secret not in shown


def test_the_sandbox_published_credentials_are_not_redacted() -> None:
    env = {
        "SPOTIFY_ADS_CLIENT_ID": "sandbox-client",
        "SPOTIFY_ADS_CLIENT_SECRET": "sandbox-secret",
        "SPOTIFY_ADS_REFRESH_TOKEN": "sandbox-refresh",
    }
    settings_from_env(env)

    # they are printed by `sandbox serve` and in the missing-credentials help
    assert redact(MISSING_CREDENTIALS) == MISSING_CREDENTIALS
