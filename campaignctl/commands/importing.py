"""What ``campaignctl import`` does at the edges: read the account, write files.

The account is read with list endpoints, campaigns first, then their ad sets
and ads 50 campaigns at a time, and each campaign's manifest is written as
soon as it is built: memory stays bounded by one chunk however large the
account. Asset files are downloaded once each, on first reference.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaignctl.errors import ApiError, ConfigError, TransportError
from campaignctl.manifest.adopt import (
    LiveCampaign,
    Notes,
    Siblings,
    campaign_document,
    cancel_defaults,
    importable_campaign,
)
from campaignctl.manifest.adopt_ad import asset_file_name
from campaignctl.manifest.spec import ProjectConfig
from campaignctl.manifest.yaml import dump_yaml
from campaignctl.plan.address import slugify
from campaignctl.plan.assets import short_digest
from campaignctl.provider.base import JSON, AdsApi
from campaignctl.provider.paging import MAX_IDS

ASSETS_DIR = "assets"


@dataclass(frozen=True)
class Destination:
    """Where and how manifests are written."""

    directory: Path
    account: str  # what `account:` says: an alias, or the UUID
    currency: str
    config: ProjectConfig  # the enclosing project's (defaults to cancel)


@dataclass
class Tally:
    campaigns: int = 0
    ad_sets: int = 0
    ads: int = 0
    files: list[Path] = field(default_factory=list)


def select_campaigns(
    campaigns: Sequence[JSON], names: Sequence[str], notes: Notes
) -> list[JSON]:
    """The campaigns to import, in creation order; unknown names are an error."""
    if names:
        missing = sorted(set(names) - {str(c.get("name")) for c in campaigns})
        if missing:
            raise ConfigError(
                "no campaign named " + ", ".join(repr(n) for n in missing),
                hint="names must match exactly; leave out --campaign to import all",
            )
        campaigns = [c for c in campaigns if c.get("name") in set(names)]
    chosen, slugs = [], Siblings()
    for campaign in campaigns:
        why = importable_campaign(campaign) or slugs.clash(campaign)
        if why:
            notes.add("campaign", campaign, why)
        else:
            chosen.append(campaign)
    return chosen


def campaign_file(directory: Path, campaign: Mapping[str, Any]) -> Path:
    return directory / f"{slugify(str(campaign['name']))}.yaml"


def read_in_chunks(
    api: AdsApi, account_id: str, campaigns: Sequence[JSON]
) -> Iterator[LiveCampaign]:
    """Each campaign with its ad sets and ads, read 50 campaigns at a time."""
    for start in range(0, len(campaigns), MAX_IDS):
        chunk = campaigns[start : start + MAX_IDS]
        ids = [str(c["id"]) for c in chunk]
        ad_sets = api.list_ad_sets(account_id, campaign_ids=ids)
        ads = api.list_ads(account_id, ad_set_ids=[str(s["id"]) for s in ad_sets])
        ads_of: dict[str, list[JSON]] = defaultdict(list)
        for ad in sorted(ads, key=_created):
            ads_of[str(ad.get("ad_set_id"))].append(ad)
        sets_of: dict[str, list[tuple[JSON, list[JSON]]]] = defaultdict(list)
        for ad_set in sorted(ad_sets, key=_created):
            pair = (ad_set, ads_of[str(ad_set["id"])])
            sets_of[str(ad_set.get("campaign_id"))].append(pair)
        for campaign in chunk:
            yield LiveCampaign(campaign, sets_of[str(campaign["id"])])


def write_campaign(
    live: LiveCampaign, where: Destination, refer: Any, notes: Notes, tally: Tally
) -> Path:
    doc = campaign_document(
        live, account=where.account, currency=where.currency, refer=refer, notes=notes
    )
    _cancel_project_defaults(doc, where.config)
    path = campaign_file(where.directory, live.campaign)
    path.write_text(dump_yaml([doc], flow_leaves=True), encoding="utf-8")
    tally.campaigns += 1
    tally.ad_sets += len(doc.get("ad_sets", []))
    tally.ads += sum(len(s.get("ads", [])) for s in doc.get("ad_sets", []))
    tally.files.append(path)
    return path


def _cancel_project_defaults(doc: dict[str, Any], config: ProjectConfig) -> None:
    defaults = config.defaults
    cancel_defaults(doc, defaults.campaign)
    for ad_set in doc.get("ad_sets", []):
        cancel_defaults(ad_set, defaults.ad_set)
        for ad in ad_set.get("ads", []):
            cancel_defaults(ad, defaults.ad)


class AssetRefs:
    """How ads name assets: ``{id: …}``, or a downloaded file's path.

    A downloaded file is referenced by path only when the live asset is one
    campaignctl uploaded (its name carries the file's sha256), so planning
    matches it by content; any other asset stays referenced by id (a path
    would upload it again and replace every ad using it) and its file is
    saved for reference.
    """

    def __init__(
        self,
        api: AdsApi,
        assets: Sequence[JSON],
        *,
        directory: Path | None,
        notes: Notes,
    ) -> None:
        self.api = api
        self.assets = {str(a.get("id")): a for a in assets}
        self.directory = directory
        self.notes = notes
        self.refs: dict[str, Any] = {}
        self.downloaded = 0
        self.by_path = 0

    def __call__(self, asset_id: str) -> Any:
        if asset_id not in self.refs:
            self.refs[asset_id] = self._ref(asset_id)
        ref = self.refs[asset_id]
        return dict(ref) if isinstance(ref, dict) else ref  # no YAML aliases

    def _ref(self, asset_id: str) -> Any:
        by_id = {"id": asset_id}
        asset = self.assets.get(asset_id)
        if self.directory is None or asset is None:
            return by_id
        if asset.get("status") != "READY" or not asset.get("url"):
            self.notes.add("asset", asset, "has no file to download; kept by id")
            return by_id
        try:
            data = self.api.download(str(asset["url"]))
        except (ApiError, TransportError) as error:
            self.notes.add("asset", asset, f"download failed ({error}); kept by id")
            return by_id
        path = self._save(asset, data)
        digest = hashlib.sha256(data).hexdigest()
        if short_digest(str(asset.get("name", ""))) != digest[:12]:
            shown = path.relative_to(self.directory.parent).as_posix()
            self.notes.add(
                "asset",
                asset,
                f"saved as {shown}, but kept by id: it was not uploaded by "
                "campaignctl, so a path would upload it again and replace its ads",
            )
            return by_id
        self.by_path += 1
        return path.relative_to(self.directory.parent).as_posix()

    def _save(self, asset: JSON, data: bytes) -> Path:
        assert self.directory is not None
        self.directory.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(data).hexdigest()
        path = self.directory / asset_file_name(asset, digest)
        if path.exists() and path.read_bytes() != data:
            path = path.with_name(f"{path.stem}-{digest[:12]}{path.suffix}")
        path.write_bytes(data)
        self.downloaded += 1
        return path


def _created(item: JSON) -> tuple[str, str]:
    return (str(item.get("created_at") or ""), str(item.get("id") or ""))
