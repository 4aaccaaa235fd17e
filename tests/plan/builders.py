"""Desired state as the manifest loader produces it, and live state to match."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from campaignctl.plan.address import child_address
from campaignctl.plan.state import (
    DesiredAd,
    DesiredAdSet,
    DesiredAsset,
    DesiredCampaign,
    DesiredState,
    LiveAccount,
    LiveState,
)

from .echo import (
    ACCOUNT,
    CREATED,
    echo_ad,
    echo_ad_set,
    echo_asset,
    echo_campaign,
    remote_id,
)

NOW = datetime(2030, 1, 20, 12, 0, tzinfo=UTC)


def make_asset(stem: str, ext: str, asset_type: str, content: bytes) -> DesiredAsset:
    digest = hashlib.sha256(content).hexdigest()
    media = {".wav": "audio/wav", ".png": "image/png", ".mp4": "video/mp4"}[ext]
    return DesiredAsset(
        account_id=ACCOUNT,
        digest=digest,
        name=f"{stem}-{digest[:12]}{ext}",
        asset_type=asset_type,
        asset_subtype="USER_UPLOADED_AUDIO" if asset_type == "AUDIO" else None,
        path=f"assets/{stem}{ext}",
        media_type=media,
        size=len(content),
    )


SPOT = make_asset("spot-a", ".wav", "AUDIO", b"spot a audio")
SPOT_B = make_asset("spot-b", ".wav", "AUDIO", b"spot b audio")
COVER = make_asset("cover", ".png", "IMAGE", b"cover image")
LOGO = make_asset("logo", ".png", "IMAGE", b"logo image")
ASSETS = (SPOT, SPOT_B, COVER, LOGO)


def campaign_body(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "objective": "REACH", **extra}


def ad_set_body(name: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "category": "ADV_21_182",
        "asset_format": "AUDIO",
        "start_time": "2030-06-01T00:00:00Z",
        "end_time": "2030-06-30T00:00:00Z",
        "budget": {"micro_amount": 150_000_000, "type": "DAILY"},
        "bid_strategy": "MAX_BID",
        "bid_micro_amount": 12_000_000,
        "targets": {
            "age_ranges": [{"min": 18, "max": 34}],
            "geo_targets": {"country_code": "US"},
            "genre_ids": ["rock", "blues"],
            "platforms": ["IOS", "ANDROID"],
            "placements": ["MUSIC"],
        },
        "frequency_caps": [
            {"frequency_unit": "DAY", "frequency_period": 1, "max_impressions": 3},
            {"frequency_unit": "WEEK", "frequency_period": 1, "max_impressions": 10},
        ],
        "delivery": "ON",
    }
    return body | extra


def ad_body(name: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "tagline": "New album out now",
        "advertiser_name": "Nightjar Records",
        "assets": {
            "asset_id": SPOT.digest,
            "companion_asset_id": COVER.digest,
            "logo_asset_id": LOGO.digest,
        },
        "call_to_action": {
            "key": "LISTEN_NOW",
            "clickthrough_url": "https://example.com/listen",
        },
        "delivery": "ON",
    }
    return body | extra


def ad(name: str = "Spot A", *, pin: str | None = None, **extra: Any) -> DesiredAd:
    return DesiredAd(address="", name=name, id=pin, body=ad_body(name, **extra))


def ad_set(
    name: str = "US Rock Fans",
    *,
    ads: tuple[DesiredAd, ...] = (),
    pin: str | None = None,
    currency: str | None = None,
    **extra: Any,
) -> DesiredAdSet:
    return DesiredAdSet(
        address="",
        name=name,
        id=pin,
        body=ad_set_body(name, **extra),
        ads=ads,
        currency=currency,
    )


def campaign(
    name: str = "Summer Launch 2030",
    *,
    ad_sets: tuple[DesiredAdSet, ...] = (),
    pin: str | None = None,
    prune: bool = False,
    **extra: Any,
) -> DesiredCampaign:
    address = child_address(None, name)
    return DesiredCampaign(
        address=address,
        account_id=ACCOUNT,
        name=name,
        id=pin,
        body=campaign_body(name, **extra),
        prune=prune,
        ad_sets=tuple(_placed(s, address) for s in ad_sets),
    )


def _placed(ad_set: DesiredAdSet, parent: str) -> DesiredAdSet:
    address = child_address(parent, ad_set.name)
    ads = tuple(
        a.model_copy(update={"address": child_address(address, a.name)})
        for a in ad_set.ads
    )
    return ad_set.model_copy(update={"address": address, "ads": ads})


def desired_state(
    *campaigns: DesiredCampaign, assets: tuple[DesiredAsset, ...] = ASSETS
) -> DesiredState:
    return DesiredState(campaigns=campaigns, assets=assets)


def standard() -> DesiredCampaign:
    """One campaign, one ad set, two ads: the shape most tests start from."""
    return campaign(
        ad_sets=(
            ad_set(
                ads=(ad("Spot A"), ad("Spot B", assets=_assets(SPOT_B))),
            ),
        )
    )


def _assets(primary: DesiredAsset) -> dict[str, str]:
    return {
        "asset_id": primary.digest,
        "companion_asset_id": COVER.digest,
        "logo_asset_id": LOGO.digest,
    }


@dataclass
class Live:
    """Mutable live lists (as list endpoints return them) before freezing."""

    currency: str = "USD"
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    ad_sets: list[dict[str, Any]] = field(default_factory=list)
    ads: list[dict[str, Any]] = field(default_factory=list)
    assets: list[dict[str, Any]] = field(default_factory=list)

    def state(self) -> LiveState:
        account = {
            "id": ACCOUNT,
            "name": "Nightjar Records",
            "currency_code": self.currency,
            "status": "ACTIVE",
            "created_at": CREATED,
        }
        return LiveState(
            accounts={
                ACCOUNT: LiveAccount(
                    account=account,
                    campaigns=tuple(self.campaigns),
                    ad_sets=tuple(self.ad_sets),
                    ads=tuple(self.ads),
                    assets=tuple(self.assets),
                )
            }
        )

    def find(self, name: str) -> dict[str, Any]:
        """The live object called ``name`` (any kind; names are unique here)."""
        found = [
            o
            for o in self.campaigns + self.ad_sets + self.ads + self.assets
            if o["name"] == name
        ]
        assert len(found) == 1, f"{len(found)} live objects named {name!r}"
        return found[0]


def converged(
    desired: DesiredState, *, seed: int = 0, empty_lists: bool = False
) -> Live:
    """Live state after a successful apply of ``desired`` (the server's echo)."""
    rng = random.Random(seed)
    live = Live()
    asset_ids = {}
    for asset in desired.assets:
        asset_ids[asset.digest] = remote_id(asset.name)
        live.assets.append(
            echo_asset(asset.name, asset.asset_type, object_id=asset_ids[asset.digest])
        )
    for c in desired.campaigns:
        live_c = echo_campaign(c.body, object_id=remote_id(c.address))
        live.campaigns.append(live_c)
        for s in c.ad_sets:
            live_s = echo_ad_set(
                s.body,
                object_id=remote_id(s.address),
                campaign_id=live_c["id"],
                objective=c.body.get("objective"),
                rng=rng,
                empty_lists=empty_lists,
            )
            live.ad_sets.append(live_s)
            for a in s.ads:
                live.ads.append(
                    echo_ad(
                        a.body,
                        object_id=remote_id(a.address),
                        ad_set=live_s,
                        asset_ids=asset_ids,
                    )
                )
    return live
