"""Write sandbox objects without HTTP: for test setup and benchmarks.

``create_*`` go through the same services (validation, defaults, history)
as the API; ``clone_objects`` (and ``clone_ad_sets``) copy one validated
object many times straight into the store, for seeding thousands of objects
quickly: each copy gets a new id, its own parent and its own field values,
with no validation and no change history.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from campaignctl.sandbox import ad_sets, ads, assets, campaigns, uploads
from campaignctl.sandbox.config import DEFAULT_ACCOUNT_ID
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.history import API_ACTOR
from campaignctl.sandbox.store import JSON, Record

MIME = {"IMAGE": "image/png", "AUDIO": "audio/wav", "VIDEO": "video/mp4"}
# the body field that names a clone's parent, per kind
PARENT_FIELD = {"ad_set": "campaign_id", "ad": "ad_set_id"}


@dataclass(frozen=True)
class Copy:
    """One clone: its parent (None: the template's) and its own field values.

    ``changes`` are merged into a copy of the template's body: nested objects
    key by key (``{"budget": {"micro_amount": 5}}`` keeps the budget type),
    everything else replaced.
    """

    parent_id: str | None = None
    changes: Mapping[str, Any] = field(default_factory=dict)


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
    copies = [
        Copy(changes={"name": f"{template['name']} #{n}"}) for n in range(1, count + 1)
    ]
    return clone_objects(sb, "ad_set", template["id"], copies, account_id=account_id)


def clone_objects(
    sb: Sandbox,
    kind: str,
    template_id: str,
    copies: Sequence[Copy],
    *,
    account_id: str = DEFAULT_ACCOUNT_ID,
) -> list[str]:
    """Insert one copy of a stored object per ``copies`` entry; their new ids.

    Copies are created in order, just after each other, so lists sorted by
    creation time return them in that order.
    """
    source = sb.store.get(kind, template_id)
    if source is None:
        raise KeyError(f"no stored {kind} {template_id}")
    now = sb.now()
    records = [
        _clone(sb, source, one, account_id=account_id, now=now, index=index)
        for index, one in enumerate(copies)
    ]
    sb.store.insert_many(records)
    return [record.id for record in records]


def _clone(
    sb: Sandbox, source: Record, one: Copy, *, account_id: str, now: float, index: int
) -> Record:
    body = merged(source.body, one.changes)
    body["id"] = sb.new_id()
    parent_id = source.parent_id if one.parent_id is None else one.parent_id
    if link := PARENT_FIELD.get(source.kind):
        body[link] = parent_id
    return Record(
        source.kind,
        body["id"],
        account_id,
        body,
        created=now + index * 1e-6,
        updated=now,
        parent_id=parent_id,
        state=copy.deepcopy(source.state),
        due=source.due,
    )


def merged(base: Mapping[str, Any], changes: Mapping[str, Any]) -> JSON:
    """A deep copy of ``base`` with ``changes`` merged in (objects key by key)."""
    result: JSON = copy.deepcopy(dict(base))
    for key, value in changes.items():
        current = result.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            result[key] = merged(current, value)
        else:
            result[key] = copy.deepcopy(value)
    return result
