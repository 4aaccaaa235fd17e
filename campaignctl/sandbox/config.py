"""How a sandbox instance behaves: one frozen value built from the CLI flags."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import ConfigDict, Field, ValidationError, field_validator

from campaignctl.errors import ConfigError
from campaignctl.frozen import Frozen

DEFAULT_ACCOUNT_ID = "00000000-0000-4000-a000-000000000001"
BUSINESS_ID = "00000000-0000-4000-a000-00000000b001"
CLIENT_ID = "sandbox-client"
CLIENT_SECRET = "sandbox-secret"
REFRESH_TOKEN = "sandbox-refresh"
SANDBOX_USER = "sandbox-user"
API_PREFIX = "/ads/v3"

_ACCOUNT = re.compile(
    r"^(?P<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{12})(?::(?P<currency>[A-Z]{3}))?$"
)
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
Rate = Annotated[float, Field(ge=0, le=1)]


class SandboxConfig(Frozen):
    """Every knob of a sandbox instance (``campaignctl sandbox serve`` flags).

    ``accounts`` entries are ``UUID`` or ``UUID:CURRENCY`` (default USD); the
    default account is always seeded. ``clock_start`` freezes the sandbox
    clock at that instant (it then moves only through ``/_sandbox/advance``);
    ``None`` follows the wall clock. ``review_ms`` is how long ad review takes
    on the sandbox clock; ``shuffle`` reorders set-typed arrays in responses.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    db: str = ":memory:"
    accounts: tuple[str, ...] = ()
    rate_limit: float = Field(default=50.0, ge=0)
    fail_rate: Rate = 0.0
    ambiguous_rate: Rate = 0.0
    latency_ms: int = Field(default=0, ge=0)
    token_ttl: int = Field(default=3600, ge=1)
    seed: int = 0
    processing_ms: int = Field(default=500, ge=0)
    review_ms: int = Field(default=60_000, ge=0)
    clock_start: str | None = None
    shuffle: bool = True

    @field_validator("accounts")
    @classmethod
    def _check_accounts(cls, accounts: tuple[str, ...]) -> tuple[str, ...]:
        for entry in accounts:
            if not _ACCOUNT.match(entry):
                raise ValueError(f"{entry!r} is not UUID or UUID:CURRENCY (e.g. :EUR)")
        return accounts

    @field_validator("clock_start")
    @classmethod
    def _check_clock_start(cls, value: str | None) -> str | None:
        if value is not None and not _INSTANT.match(value):
            raise ValueError("clock_start must look like 2030-01-01T00:00:00Z")
        return value

    def account_currencies(self) -> dict[str, str]:
        """Ad account id → billing currency, the default account first."""
        seeded = {DEFAULT_ACCOUNT_ID: "USD"}
        for entry in self.accounts:
            match = _ACCOUNT.match(entry)
            assert match is not None  # checked by the validator
            seeded[match["id"].lower()] = match["currency"] or "USD"
        return seeded


def build_config(**options: object) -> SandboxConfig:
    """A config from CLI-style options, as a ``ConfigError`` when invalid."""
    try:
        return SandboxConfig.model_validate(options)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise ConfigError(
            f"invalid sandbox options: {problems}",
            hint="see `campaignctl sandbox serve --help`",
        ) from error
