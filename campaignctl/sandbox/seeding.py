"""Write sandbox objects without HTTP: for test setup and benchmarks.

``create_*`` go through the same services (validation, defaults, history)
as the API; ``clone_ad_sets`` copies one validated ad set many times straight
into the store, for seeding thousands of objects quickly.
"""

from __future__ import annotations

import copy
from typing import Any

from campaignctl.sandbox import ad_sets, ads, assets, campaigns, uploads
from campaignctl.sandbox.config import DEFAULT_ACCOUNT_ID
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.history import API_ACTOR
from campaignctl.sandbox.store import JSON, Record

MIME = {"IMAGE": "image/png", "AUDIO": "audio/wav", "VIDEO": "video/mp4"}


def create_campaign(
    sb: Sandbox, body: JSON, *, account_id: str = DEFAULT_ACCOUNT_ID
) -> JSON:
    return campaigns.create_campaign(sb, account_id, body, actor=API_ACTOR)


def create_ad_set(
    sb: Sandbox, body: JSON, *, account_id: str = DEFAULT_ACCOUNT_ID
) -> JSON:
    return ad_sets.create_ad_set(sb, account_id, body, actor=API_ACTOR)


def create_ad(sb: Sandbox, body: JSON, *, account_id: str = DEFAULT_ACCOUNT_ID) -> JSON:
    return ads.create_ad(sb, account_id, body, actor=API_ACTOR)


def create_asset(
    sb: Sandbox,
    body: JSON,
    *,
    content: bytes | None = None,
    account_id: str = DEFAULT_ACCOUNT_ID,
) -> JSON:
    """An asset; with ``content`` it is uploaded and settled (READY or ERROR)."""
    asset = assets.create_asset(sb, account_id, body)
    if content is None:
        return asset
    asset_type = body["asset_type"]
    uploads.upload_asset(
        sb,
        account_id,
        asset["id"],
        data=content,
        mime=MIME[asset_type],
        asset_type=asset_type,
    )
    with sb.store.transaction() as store:
        record = store.get("asset", asset["id"])
        assert record is not None
        record.state["ready_at"] = sb.now()
        store.update(record)
    sb.refresh()
    return assets.get_asset(sb, account_id, asset["id"])


def clone_ad_sets(
    sb: Sandbox,
    template: JSON,
    count: int,
    *,
    account_id: str = DEFAULT_ACCOUNT_ID,
) -> list[str]:
    """Insert ``count`` copies of a stored ad set (new ids, numbered names)."""
    source = sb.store.get("ad_set", template["id"])
    assert source is not None
    now = sb.now()
    records = []
    for index in range(count):
        body: dict[str, Any] = copy.deepcopy(source.body)
        body["id"] = sb.new_id()
        body["name"] = f"{source.body['name']} #{index + 1}"
        records.append(
            Record(
                "ad_set",
                body["id"],
                account_id,
                body,
                created=now + index * 1e-6,
                updated=now,
                parent_id=source.parent_id,
                state=copy.deepcopy(source.state),
                due=source.due,
            )
        )
    sb.store.insert_many(records)
    return [record.id for record in records]
