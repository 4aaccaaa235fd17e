"""The sandbox business and its ad accounts (seeded, read-only)."""

from __future__ import annotations

from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.config import BUSINESS_ID, DEFAULT_ACCOUNT_ID
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.store import JSON, Record


def seed_accounts(sb: Sandbox) -> None:
    """Create the business and every configured ad account (idempotent)."""
    now = sb.now()
    stamp = format_time(now)
    with sb.store.transaction() as store:
        if store.get("business", BUSINESS_ID) is None:
            store.insert(_record("business", BUSINESS_ID, _business(stamp), now))
        for index, (account_id, code) in enumerate(
            sb.config.account_currencies().items()
        ):
            if store.get("ad_account", account_id) is None:
                body = _account(account_id, code, index, stamp)
                store.insert(_record("ad_account", account_id, body, now))


def businesses(sb: Sandbox) -> list[JSON]:
    return [record.body for record in sb.store.records("business")]


def accounts_of(sb: Sandbox, business_id: str) -> list[JSON]:
    return [
        record.body
        for record in sb.store.records("ad_account")
        if record.body["business_id"] == business_id
    ]


def _record(kind: str, object_id: str, body: JSON, now: float) -> Record:
    account = object_id if kind == "ad_account" else None
    return Record(kind, object_id, account, body, created=now, updated=now)


def _business(stamp: str) -> JSON:
    return {
        "id": BUSINESS_ID,
        "name": "Sandbox Business",
        "status": "ACTIVE",
        "type": "ADVERTISER",
        "created_at": stamp,
        "updated_at": stamp,
    }


def _account(account_id: str, currency: str, index: int, stamp: str) -> JSON:
    suffix = "" if account_id == DEFAULT_ACCOUNT_ID else f" {index + 1}"
    return {
        "id": account_id,
        "business_id": BUSINESS_ID,
        "name": f"Sandbox Account{suffix}",
        "status": "ACTIVE",
        "currency_code": currency,
        "country_code": "US",
        "industry": "Media and Entertainment",
        "website": "https://sandbox.campaignctl.invalid",
        "legal_entity_name": "Sandbox Advertiser Inc.",
        "billing_address": {
            "name": "Sandbox Advertiser Inc.",
            "street": "1 Sandbox Way",
            "city": "New York",
            "region": "NY",
            "postal_code": "10001",
            "tax_region": "US",
        },
        "ad_account_role": "AD_ACCOUNT_ADMIN",
        "created_at": stamp,
        "updated_at": stamp,
    }
