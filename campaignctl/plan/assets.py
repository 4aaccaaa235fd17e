"""Assets by content: desired files ↔ live assets through the short sha256.

campaignctl names every asset it uploads ``<stem>-<sha256[:12]><ext>``, so a
live asset's content is read from its name. A desired file whose short digest
and type match a usable live asset needs nothing; otherwise it is created and
uploaded. Ads compare asset references as ``sha256:<12 hex>`` tokens; a live
reference that is not content-addressed (or failed processing) is
``id:<uuid>`` and so always differs from a desired file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from campaignctl.plan.fields import desired_asset_token
from campaignctl.plan.model import Action, AssetUpload, Kind, ResourceAction
from campaignctl.plan.state import DesiredAsset, JSONObject, remote_id_of

_CONTENT_NAME = re.compile(r"-(?P<short>[0-9a-f]{12})(?:\.[A-Za-z0-9]+)?$")
# An asset that is being or has been processed can be used by ads. A failed
# upload (ERROR) is uploaded again as a new asset; one whose file never arrived
# (WAITING_UPLOAD: an apply stopped between create and upload) gets its upload.
USABLE = frozenset({"READY", "PROCESSING"})


def short_digest(name: str) -> str | None:
    """The 12-hex content digest in a campaignctl asset name, if any."""
    match = _CONTENT_NAME.search(name)
    return match.group("short") if match else None


@dataclass(frozen=True)
class AssetRef:
    """Where an ad's asset id comes from: a live UUID or an asset created now."""

    remote_id: str | None = None
    address: str | None = None


class AssetIndex:
    """One account's desired and live assets, indexed by content."""

    def __init__(
        self, desired: Iterable[DesiredAsset], live: Sequence[Mapping[str, Any]]
    ) -> None:
        self.desired = _unique_desired(desired)
        self.live_by_id = {str(a.get("id")): a for a in live}
        self._usable = _usable_by_content(live)
        self._tokens = {i: _live_token(a) for i, a in self.live_by_id.items()}
        self._live_names = {
            short: str(a.get("name"))
            for a in sorted(live, key=lambda a: str(a.get("id")), reverse=True)
            if (short := short_digest(str(a.get("name", "")))) is not None
        }

    def live_token(self, asset_id: str) -> str:
        """A live ad's asset reference as a comparable token."""
        return self._tokens.get(asset_id) or f"id:{asset_id}"

    def desired_token(self, reference: str) -> str:
        """A desired ad's asset reference as a comparable token.

        A file is its content (``sha256:…``); an asset named by remote id is
        whatever that live asset compares as, so it matches a live ad that
        uses that very asset (or another upload of the same content file).
        """
        remote = remote_id_of(reference)
        if remote is not None:
            return self.live_token(remote)
        return desired_asset_token(reference)

    def usable(self, asset: DesiredAsset) -> Mapping[str, Any] | None:
        return self._usable.get((asset.short_digest, asset.asset_type))

    def ref(self, digest: str, *, current: str | None = None) -> AssetRef | None:
        """Resolve a desired digest; keep ``current`` (a live UUID) if it matches.

        An ``id:<uuid>`` reference resolves to that asset when the account has
        it (None otherwise: the planner reports it).
        """
        remote = remote_id_of(digest)
        if remote is not None:
            known = remote in self.live_by_id
            return AssetRef(remote_id=remote) if known else None
        if current is not None and self.live_token(current) == desired_asset_token(
            digest
        ):
            return AssetRef(remote_id=current)
        asset = self.desired.get(digest[:12])
        if asset is None:
            return None
        live = self.usable(asset)
        if live is not None:
            return AssetRef(remote_id=str(live["id"]))
        return AssetRef(address=asset.address)

    def label(self, token: Any) -> Any:
        """A token shown to people: the asset's name rather than a digest."""
        if not isinstance(token, str):
            return token
        kind, _, value = token.partition(":")
        if kind == "sha256" and value in self.desired:
            return self.desired[value].name
        if kind == "sha256":
            return self._live_names.get(value, token)
        live = self.live_by_id.get(value) if kind == "id" else None
        if live is not None:
            return f"{live.get('name')} ({value})"
        return token

    def actions(self) -> list[ResourceAction]:
        return [self._action(a) for a in self.desired.values()]

    def _action(self, asset: DesiredAsset) -> ResourceAction:
        live = self.usable(asset)
        common = {
            "address": asset.address,
            "kind": Kind.ASSET,
            "account_id": asset.account_id,
            "name": asset.name,
        }
        if live is not None:
            return ResourceAction(
                **common,
                action=Action.NOOP,
                remote_id=str(live["id"]),
                updated_at=live.get("updated_at"),
            )
        waiting = self._waiting(asset)
        if waiting is not None:  # an earlier apply stopped before the upload
            return ResourceAction(
                **common,
                action=Action.CREATE,
                remote_id=str(waiting["id"]),
                body=_create_body(asset),
                asset=_upload(asset),
                reason=f"resumes the unfinished upload of live asset {waiting['id']}",
                updated_at=waiting.get("updated_at"),
            )
        return ResourceAction(
            **common,
            action=Action.CREATE,
            body=_create_body(asset),
            asset=_upload(asset),
            reason=self._retry_reason(asset),
        )

    def _waiting(self, asset: DesiredAsset) -> Mapping[str, Any] | None:
        """A live asset of this content still waiting for its file, if any."""
        waiting = sorted(
            (
                a
                for a in self.live_by_id.values()
                if a.get("status") == "WAITING_UPLOAD"
                and a.get("asset_type") == asset.asset_type
                and short_digest(str(a.get("name", ""))) == asset.short_digest
            ),
            key=lambda a: str(a.get("id")),
        )
        return waiting[0] if waiting else None

    def _retry_reason(self, asset: DesiredAsset) -> str | None:
        earlier = sorted(
            (str(a.get("status")), i)
            for i, a in self.live_by_id.items()
            if short_digest(str(a.get("name", ""))) == asset.short_digest
            and a.get("asset_type") == asset.asset_type
        )
        if not earlier:
            return None
        status, asset_id = earlier[0]
        return f"uploaded again: live asset {asset_id} has status {status}"


def _unique_desired(assets: Iterable[DesiredAsset]) -> dict[str, DesiredAsset]:
    """One desired asset per short digest (the same file under two names)."""
    unique: dict[str, DesiredAsset] = {}
    for asset in sorted(assets, key=lambda a: a.name):
        unique.setdefault(asset.short_digest, asset)
    return unique


def _usable_by_content(
    live: Sequence[Mapping[str, Any]],
) -> dict[tuple[str, str], Mapping[str, Any]]:
    """The best usable live asset per (short digest, asset type)."""
    best: dict[tuple[str, str], Mapping[str, Any]] = {}
    ranked = sorted(
        (a for a in live if a.get("status") in USABLE),
        key=lambda a: (a.get("status") != "READY", str(a.get("id"))),
    )
    for asset in ranked:
        short = short_digest(str(asset.get("name", "")))
        if short is not None:
            best.setdefault((short, str(asset.get("asset_type"))), asset)
    return best


def _live_token(asset: Mapping[str, Any]) -> str | None:
    short = short_digest(str(asset.get("name", "")))
    if short is None or asset.get("status") not in USABLE:
        return None
    return f"sha256:{short}"


def _create_body(asset: DesiredAsset) -> JSONObject:
    body: JSONObject = {"name": asset.name, "asset_type": asset.asset_type}
    if asset.asset_subtype:
        body["asset_subtype"] = asset.asset_subtype
    return body


def _upload(asset: DesiredAsset) -> AssetUpload:
    return AssetUpload(
        path=asset.path,
        digest=asset.digest,
        media_type=asset.media_type,
        size=asset.size,
        asset_type=asset.asset_type,
        asset_subtype=asset.asset_subtype,
    )
