"""The project file ``campaignctl.yaml``: account aliases, defaults, policy."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, PlainValidator, WithJsonSchema

from campaignctl.frozen import Frozen
from campaignctl.manifest.fields import MoneyValue, StrictBool, Uuid, fail, require_text
from campaignctl.manifest.money import CURRENCIES


def _check_currency(value: object) -> str:
    raw = require_text(value)
    if raw.upper() not in CURRENCIES:
        fail(
            f"unknown currency code {raw!r}", "use an ISO 4217 code such as USD or EUR"
        )
    return raw.upper()


Currency = Annotated[
    str,
    PlainValidator(_check_currency),
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{3}$", "examples": ["USD"]}),
]


def _check_regex(value: object) -> str:
    raw = require_text(value)
    try:
        re.compile(raw)
    except re.error as error:
        fail(f"{raw!r} is not a valid regular expression: {error}")
    return raw


Regex = Annotated[str, PlainValidator(_check_regex), WithJsonSchema({"type": "string"})]


def _check_alias(value: object) -> str:
    raw = require_text(value)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", raw):
        fail(f"{raw!r} is not an account alias", "use letters, digits, '-', '_' or '.'")
    return raw


Alias = Annotated[
    str,
    PlainValidator(_check_alias),
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$"}),
]


class AccountSpec(Frozen):
    """An ad account alias."""

    id: Uuid = Field(description="The ad account UUID.")
    currency: Currency | None = Field(
        None, description="Billing currency; money in another currency is an error."
    )


class ProjectDefaults(Frozen):
    """The first level of the defaults cascade."""

    account: str | None = Field(
        None, description="Account alias (or UUID) for campaigns."
    )
    campaign: dict[str, Any] | None = Field(None, description="Campaign fields.")
    ad_set: dict[str, Any] | None = Field(None, description="Ad set fields.")
    ad: dict[str, Any] | None = Field(None, description="Ad fields.")


class Policy(Frozen):
    """Guard rails checked by plan and apply (parsed and validated here)."""

    max_daily_budget: MoneyValue | None = Field(
        None, description="Largest daily budget one ad set may have."
    )
    max_daily_budget_increase: MoneyValue | None = Field(
        None, description="Largest total daily budget increase one plan may make."
    )
    require_frequency_caps: StrictBool = Field(
        False, description="Every ad set must set frequency_caps."
    )
    protect: tuple[str, ...] = Field(
        (), description="Name globs that may not be switched off or replaced."
    )
    naming: Regex | None = Field(
        None, description="Regex every campaign name must match."
    )


class ProjectConfig(Frozen):
    """campaignctl.yaml."""

    accounts: dict[Alias, AccountSpec] = Field(default_factory=dict)
    defaults: ProjectDefaults = ProjectDefaults()
    policy: Policy = Policy()
