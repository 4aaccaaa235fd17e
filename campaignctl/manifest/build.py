"""Checked campaigns + their asset files → the planner's ``DesiredState``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.assets import AssetFile, AssetFiles, Problem, slot_problems
from campaignctl.manifest.checks import Account
from campaignctl.manifest.desired import ad_body, ad_set_body, campaign_body
from campaignctl.manifest.documents import ASSET_SLOTS
from campaignctl.manifest.node import Node
from campaignctl.manifest.rules.base import Where
from campaignctl.manifest.spec import AdSetSpec, AdSpec, CampaignSpec
from campaignctl.manifest.spec.ad import RemoteAsset
from campaignctl.plan.address import child_address
from campaignctl.plan.state import (
    DesiredAd,
    DesiredAdSet,
    DesiredAsset,
    DesiredCampaign,
    DesiredState,
    remote_ref,
)

SLOTS = ASSET_SLOTS


@dataclass(frozen=True)
class Checked:
    """A validated campaign document and what it needs to become desired state."""

    spec: CampaignSpec
    node: Node  # merged manifest nodes (defaults applied)
    file: Path
    account: Account
    data: str = ""  # the data validated, as canonical JSON (the workspace digest)


@dataclass
class Builder:
    """Accumulates desired objects, asset files and manifest places."""

    files: AssetFiles
    sources: dict[str, Path]  # file name as shown in diagnostics → absolute path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    assets: dict[tuple[str, str], DesiredAsset] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)  # address → manifest node
    kinds: dict[str, str] = field(default_factory=dict)  # address → kind
    asset_places: dict[str, Location] = field(default_factory=dict)
    asset_refs: dict[str, list[str]] = field(default_factory=dict)  # asset → ads

    def state(self, campaigns: Iterable[Checked]) -> DesiredState:
        built = tuple(self._campaign(c) for c in campaigns)
        return DesiredState(campaigns=built, assets=tuple(self.assets.values()))

    def _campaign(self, checked: Checked) -> DesiredCampaign:
        spec, where = checked.spec, Where(checked.node)
        address = child_address(None, spec.name)
        self._remember(address, "campaign", checked.node)
        ad_sets = tuple(
            self._ad_set(checked, address, ad_set, where.sub("ad_sets", i))
            for i, ad_set in enumerate(spec.ad_sets)
        )
        return DesiredCampaign(
            address=address,
            account_id=checked.account.id,
            name=spec.name,
            id=spec.id,
            body=campaign_body(spec),
            prune=spec.prune,
            ad_sets=ad_sets,
            source=checked.node.loc,
        )

    def _ad_set(
        self, checked: Checked, parent: str, spec: AdSetSpec, where: Where
    ) -> DesiredAdSet:
        address = child_address(parent, spec.name)
        self._remember(address, "ad_set", where.node)
        ads = tuple(
            self._ad(checked, address, spec, ad, where.sub("ads", i))
            for i, ad in enumerate(spec.ads)
        )
        currencies = [m.currency for m in (spec.budget.amount, spec.bid.amount) if m]
        return DesiredAdSet(
            address=address,
            name=spec.name,
            id=spec.id,
            body=ad_set_body(spec),
            ads=ads,
            currency=next((c for c in currencies if c), None),
            source=where.node.loc,
        )

    def _ad(
        self,
        checked: Checked,
        parent: str,
        ad_set: AdSetSpec,
        spec: AdSpec,
        where: Where,
    ) -> DesiredAd:
        address = child_address(parent, spec.name)
        self._remember(address, "ad", where.node)
        refs: dict[str, str] = {}  # slot → file digest, or "id:<uuid>"
        for slot in SLOTS:
            written = getattr(spec, slot)
            if isinstance(written, RemoteAsset):
                refs[slot] = remote_ref(written.id)
            elif written is not None:
                file = self._file(checked, slot, written, where)
                if file is not None:
                    refs[slot] = file.digest
                    self._referenced(checked.account.id, file, address)
        return DesiredAd(
            address=address,
            name=spec.name,
            id=spec.id,
            body=ad_body(spec, refs),
            source=where.node.loc,
        )

    def _file(
        self, checked: Checked, slot: str, written: str, where: Where
    ) -> AssetFile | None:
        place = where.at(slot)
        manifest = self.sources.get(place.file, checked.file)
        found = self.files.read(written, manifest)
        problems = (
            [found]
            if isinstance(found, Problem)
            else slot_problems(slot, written, found)
        )
        for problem in problems:
            self.diagnostics.append(
                Diagnostic(problem.message, place, hint=problem.hint)
            )
        if problems or not isinstance(found, AssetFile):
            return None
        self._asset(checked.account.id, found, place)
        return found

    def _referenced(self, account_id: str, file: AssetFile, ad: str) -> None:
        asset = self.assets.get((account_id, file.digest))
        if asset is not None:
            self.asset_refs.setdefault(asset.address, []).append(ad)

    def _asset(self, account_id: str, file: AssetFile, place: Location) -> None:
        key = (account_id, file.digest)
        if key in self.assets:
            return
        media = file.media
        asset = DesiredAsset(
            account_id=account_id,
            digest=file.digest,
            name=file.remote_name(),
            asset_type=media.asset_type,
            asset_subtype="USER_UPLOADED_AUDIO"
            if media.asset_type == "AUDIO"
            else None,
            path=file.relative,
            media_type=media.media_type,
            size=file.size,
            source=place,
        )
        self.assets[key] = asset
        self.asset_places.setdefault(asset.address, place)

    def _remember(self, address: str, kind: str, node: Node) -> None:
        self.nodes.setdefault(address, node)
        self.kinds.setdefault(address, kind)
