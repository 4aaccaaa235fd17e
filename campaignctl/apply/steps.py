"""Perform one operation through the API (the I/O half of apply)."""

from __future__ import annotations

import copy
import hashlib
import threading
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, assert_never

from campaignctl.apply.operations import Operation, Step, split_delivery
from campaignctl.apply.publish import publish_hierarchy
from campaignctl.apply.recovery import contains, settled
from campaignctl.errors import ApplyError
from campaignctl.plan.model import Kind, ResourceAction
from campaignctl.plan.remote import StagedDraft
from campaignctl.provider.base import JSON, AdsApi, Listing

MAX_NAME = 200
# Fields a manifest manages that the create request does not accept:
# they are set with a PATCH right after the create.
_PATCH_AFTER_CREATE = {Kind.CAMPAIGN: ("status",)}
_LISTINGS: dict[Kind, Listing] = {
    Kind.CAMPAIGN: "campaigns",
    Kind.AD_SET: "ad_sets",
    Kind.AD: "ads",
    Kind.ASSET: "assets",
}


class Registry:
    """Address → remote id, shared by the threads of one apply."""

    def __init__(self, initial: dict[str, str]) -> None:
        self._ids = dict(initial)
        self._lock = threading.Lock()

    def get(self, address: str) -> str | None:
        with self._lock:
            return self._ids.get(address)

    def set(self, address: str, remote_id: str) -> None:
        with self._lock:
            self._ids[address] = remote_id


class StepRunner:
    """Runs operations against one API with one registry of ids."""

    def __init__(
        self,
        api: AdsApi,
        registry: Registry,
        *,
        root: Path,
        today: date,
        drafts: Mapping[str, StagedDraft] | None = None,
        actions: Mapping[str, ResourceAction] | None = None,
    ) -> None:
        self.api = api
        self.registry = registry
        self.root = root
        self.today = today
        self.drafts = drafts or {}  # campaign address → its staged hierarchy
        self.actions = actions or {}  # address → planned action (deferred ads)

    def run(self, operation: Operation) -> str | None:
        """Perform ``operation``; return the remote id it produced or touched."""
        action = operation.action
        match operation.step:
            case Step.CREATE_ASSET:
                return self._create_asset(action)
            case Step.CREATE:
                return self._create(action)
            case Step.UPDATE:
                return self._update(action)
            case Step.RENAME_OLD:
                return self._rename_old(action)
            case Step.DELIVERY:
                return self._switch_delivery(action)
            case Step.DISABLE:
                return self._disable(action)
            case Step.PUBLISH:
                return self._publish(action)
            case Step.ARCHIVE:
                raise ApplyError(
                    "archiving is irreversible and only possible through drafts; "
                    "campaignctl does not archive yet"
                )
            case _:
                assert_never(operation.step)

    # -- creates --------------------------------------------------------------
    def _create(self, action: ResourceAction) -> str:
        body = self._resolved_body(action)
        later = {
            k: body.pop(k)
            for k in _PATCH_AFTER_CREATE.get(action.kind, ())
            if k in body
        }
        if action.kind is Kind.AD_SET and body.get("delivery", "ON") == "ON":
            body["delivery"] = "OFF"  # created dark, switched on in the last phase
        created = self._create_once(action, body)
        remote_id = str(created["id"])
        self.registry.set(action.address, remote_id)
        later = {k: v for k, v in later.items() if created.get(k) != v}
        if later:
            self._patch(action.kind, action.account_id, remote_id, later)
        return remote_id

    def _create_once(self, action: ResourceAction, body: JSON) -> JSON:
        """Create; after an ambiguous failure adopt the object if it exists."""
        create = self._creator(action.kind)
        return settled(
            lambda: create(action.account_id, body),
            lambda: self._find_by_name(action, body),
        )

    def _find_by_name(self, action: ResourceAction, body: JSON) -> JSON | None:
        account, name = action.account_id, str(body["name"])
        match action.kind:
            case Kind.CAMPAIGN:
                found = self.api.list_campaigns(account, name=name)
            case Kind.AD_SET:
                parent = [str(body["campaign_id"])]
                found = self.api.list_ad_sets(account, campaign_ids=parent, name=name)
            case Kind.AD:
                parent = [str(body["ad_set_id"])]
                found = self.api.list_ads(account, ad_set_ids=parent, name=name)
            case Kind.ASSET:
                found = self.api.list_assets(account, name=name)
            case _:
                assert_never(action.kind)
        exact = [item for item in found if item.get("name") == name]
        if len(exact) > 1:
            raise ApplyError(
                f"{len(exact)} objects named {name!r} exist after a failed create"
            )
        return exact[0] if exact else None

    def _create_asset(self, action: ResourceAction) -> str:
        upload = action.asset
        if upload is None:
            raise ApplyError(f"{action.address}: the plan has no file for this asset")
        data = (self.root / upload.path).read_bytes()
        if hashlib.sha256(data).hexdigest() != upload.digest:
            raise ApplyError(
                f"{upload.path} changed since the plan was made; plan again"
            )
        if action.remote_id is not None:  # resume an upload that never arrived
            created = self.api.get_asset(action.account_id, action.remote_id)
        else:
            created = self._create_once(action, dict(action.body or {}))
        asset_id = str(created["id"])
        if created.get("status") in (None, "WAITING_UPLOAD"):
            self._upload(action, asset_id, data)
        self.api.wait_asset_ready(action.account_id, asset_id)
        self.registry.set(action.address, asset_id)
        return asset_id

    def _upload(self, action: ResourceAction, asset_id: str, data: bytes) -> None:
        """Upload once; after an ambiguous failure, only if the file never arrived."""
        upload = action.asset
        assert upload is not None  # checked by _create_asset

        def send() -> None:
            self.api.upload_asset(
                action.account_id,
                asset_id,
                data=data,
                media_type=upload.media_type,
                asset_type=upload.asset_type,
                filename=action.name,
            )

        def arrived() -> bool | None:
            live = self.api.get_asset(action.account_id, asset_id)
            return None if live.get("status") == "WAITING_UPLOAD" else True

        settled(send, arrived)

    # -- updates --------------------------------------------------------------
    def _patch(self, kind: Kind, account_id: str, remote_id: str, body: JSON) -> None:
        """PATCH; after an ambiguous failure re-read, and resend only if needed."""
        update = self._updater(kind)

        def applied() -> bool | None:
            live = self.api.get_object(account_id, _LISTINGS[kind], remote_id)
            return True if contains(live, body) else None

        settled(lambda: update(account_id, remote_id, body), applied)

    def _update(self, action: ResourceAction) -> str:
        body = split_delivery(
            action.model_copy(update={"body": self._resolved_body(action)})
        )[0]
        remote_id = self._remote_id(action)
        self._patch(action.kind, action.account_id, remote_id, body)
        return remote_id

    def _rename_old(self, action: ResourceAction) -> str:
        suffix = f" (replaced {self.today.isoformat()})"
        name = action.name[: MAX_NAME - len(suffix)] + suffix
        old_id = self._old_id(action)
        self._patch(action.kind, action.account_id, old_id, {"name": name})
        return old_id

    def _switch_delivery(self, action: ResourceAction) -> str:
        delivery = str((action.body or {}).get("delivery", "ON"))
        remote_id = self._remote_id(action)
        self._patch(Kind.AD_SET, action.account_id, remote_id, {"delivery": delivery})
        return remote_id

    def _disable(self, action: ResourceAction) -> str:
        old_id = self._old_id(action)
        patch: JSON = (
            {"status": "PAUSED"}
            if action.kind is Kind.CAMPAIGN
            else {"delivery": "OFF"}
        )
        self._patch(action.kind, action.account_id, old_id, patch)
        return old_id

    def _publish(self, action: ResourceAction) -> str:
        draft = self.drafts.get(action.address)
        if draft is None:
            raise ApplyError(f"{action.address}: the plan staged no drafts for it")
        ids = publish_hierarchy(self.api, draft, self.actions, id_of=self.registry.get)
        for address, remote_id in ids.items():
            self.registry.set(address, remote_id)
        return draft.draft_id

    # -- helpers --------------------------------------------------------------
    def _resolved_body(self, action: ResourceAction) -> JSON:
        body: JSON = copy.deepcopy(action.body or {})
        for path, address in action.refs.items():
            remote_id = self.registry.get(address)
            if remote_id is None:
                raise ApplyError(f"{address} has no id yet (needed for {path})")
            _set_path(body, path, remote_id)
        return body

    def _remote_id(self, action: ResourceAction) -> str:
        remote_id = self.registry.get(action.address) or action.remote_id
        if remote_id is None:
            raise ApplyError(f"{action.address} has no remote id")
        return remote_id

    @staticmethod
    def _old_id(action: ResourceAction) -> str:
        if action.remote_id is None:
            raise ApplyError(f"{action.address}: the plan names no live object")
        return action.remote_id

    def _creator(self, kind: Kind) -> Callable[[str, JSON], JSON]:
        match kind:
            case Kind.CAMPAIGN:
                return self.api.create_campaign
            case Kind.AD_SET:
                return self.api.create_ad_set
            case Kind.AD:
                return self.api.create_ad
            case Kind.ASSET:
                return self.api.create_asset
            case _:
                assert_never(kind)

    def _updater(self, kind: Kind) -> Callable[[str, str, JSON], JSON]:
        match kind:
            case Kind.CAMPAIGN:
                return self.api.update_campaign
            case Kind.AD_SET:
                return self.api.update_ad_set
            case Kind.AD:
                return self.api.update_ad
            case Kind.ASSET:
                raise ApplyError(
                    "assets cannot be updated; a changed file is a new asset"
                )
            case _:
                assert_never(kind)


def _set_path(body: dict[str, Any], path: str, value: str) -> None:
    *parents, leaf = path.split(".")
    target = body
    for key in parents:
        target = target.setdefault(key, {})
    target[leaf] = value
