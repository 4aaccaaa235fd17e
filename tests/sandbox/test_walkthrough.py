"""The seed walkthrough (reference-docs/001 "Build a campaign"), translated to v3.

v2 → v3 changes applied: accounts are discovered through businesses; ad sets
need ``targets.placements`` and a ``geo_targets.country_code`` (``dma_ids`` is
gone); image assets take no ``asset_subtype``; ads need a ``logo_asset_id``.
The same walk runs in-process and over real HTTP (uvicorn).
"""

from __future__ import annotations

import httpx

from . import media

FREQUENCY_CAPS = [
    {"frequency_unit": "DAY", "max_impressions": 3, "frequency_period": 1},
    {"frequency_unit": "WEEK", "max_impressions": 5, "frequency_period": 1},
    {"frequency_unit": "MONTH", "max_impressions": 15, "frequency_period": 1},
]


def walk(client: httpx.Client, root: str) -> dict[str, str]:
    """Build a campaign end to end; returns the paths of what it created."""
    # Step 1: find the ad account (v3: businesses → ad accounts)
    business = client.get("businesses").json()["businesses"][0]
    accounts = client.get(f"businesses/{business['id']}/ad_accounts").json()[
        "ad_accounts"
    ]
    account = accounts[0]["id"]
    assert client.get(f"ad_accounts/{account}").json()["currency_code"] == "USD"
    base = f"ad_accounts/{account}"

    # Step 2: create a campaign
    campaign = client.post(
        f"{base}/campaigns",
        json={"name": "My Test Campaign", "objective": "EVEN_IMPRESSION_DELIVERY"},
    )
    assert campaign.status_code == 200
    campaign_id = campaign.json()["id"]

    # Step 3: targeting look-ups
    genres = client.get("targets/genres", params={"ids": ["rock", "blues"]}).json()[
        "genres"
    ]
    playlists = client.get("targets/playlists", params={"ids": ["holidays", "cooking"]})
    geos = client.get(
        "targets/geos", params={"country_code": "US", "q": "wisconsin"}
    ).json()
    tampa = client.get("targets/geos", params={"q": "tampa", "types": ["CITY"]}).json()
    assert [g["id"] for g in genres] == ["blues", "rock"]
    assert len(playlists.json()["playlists"]) == 2
    region = geos["geos"][0]
    assert (region["id"], region["type"]) == ("5279468", "REGION")

    # Step 5: create an ad set
    ad_set = client.post(
        f"{base}/ad_sets",
        json={
            "name": "My Test Ad Set",
            "start_time": "2030-02-01T00:00:00Z",
            "end_time": "2030-02-08T00:00:00Z",
            "frequency_caps": FREQUENCY_CAPS,
            "bid_micro_amount": 5_000_000,
            "category": "ADV_1_1",
            "budget": {"micro_amount": 15_000_000, "type": "DAILY"},
            "targets": {
                "age_ranges": [{"min": 18, "max": 65}],
                "playlist_ids": ["holidays", "cooking"],
                "genders": ["MALE"],
                "geo_targets": {
                    "country_code": "US",
                    "region_ids": [region["id"]],
                    "city_ids": [tampa["geos"][0]["id"]],
                },
                "genre_ids": ["rock", "blues"],
                "platforms": ["IOS"],
                "placements": ["MUSIC"],
            },
            "bid_strategy": "MAX_BID",
            "campaign_id": campaign_id,
            "asset_format": "AUDIO",
        },
    )
    assert ad_set.status_code == 201, ad_set.text
    ad_set_id = ad_set.json()["id"]

    # Step 6: create and upload assets, then poll until READY
    def asset(kind: str, name: str, data: bytes, mime: str) -> str:
        body = {"asset_type": kind, "name": name}
        if kind == "AUDIO":
            body["asset_subtype"] = "USER_UPLOADED_AUDIO"
        created = client.post(f"{base}/assets", json=body).json()
        uploaded = client.post(
            f"{base}/assets/{created['id']}/upload",
            files={"media": (name, data, mime)},
            data={"asset_type": kind},
        )
        assert uploaded.json()["status"] == "PROCESSING"
        assert client.get(f"{base}/assets/{created['id']}").json()["status"] == "READY"
        return str(created["id"])

    companion = asset("IMAGE", "myLogoImage.png", media.png(), "image/png")
    logo = asset("IMAGE", "logo.png", media.png(), "image/png")
    audio = asset("AUDIO", "spot.wav", media.wav(ms=15_000), "audio/wav")

    # Step 7: create the ad
    ad = client.post(
        f"{base}/ads",
        json={
            "advertiser_name": "My Advertiser",
            "assets": {
                "asset_id": audio,
                "companion_asset_id": companion,
                "logo_asset_id": logo,
            },
            "call_to_action": {"clickthrough_url": "https://www.spotify.com"},
            "name": "My Test Ad",
            "tagline": "Music for everyone",
            "ad_set_id": ad_set_id,
        },
    )
    assert ad.status_code == 201, ad.text
    assert ad.json()["status"] == "PENDING_APPROVAL"

    # review, then the flight starts (the access token expires meanwhile)
    assert client.post(f"{root}/_sandbox/advance", json={"days": 31}).status_code == 200
    return {
        "campaign": f"{base}/campaigns/{campaign_id}",
        "ad_set": f"{base}/ad_sets/{ad_set_id}",
        "ad": f"{base}/ads/{ad.json()['id']}",
    }


def statuses(client: httpx.Client, created: dict[str, str]) -> dict[str, str]:
    return {kind: client.get(url).json()["status"] for kind, url in created.items()}


EXPECTED = {"campaign": "ACTIVE", "ad_set": "ACTIVE", "ad": "ACTIVE"}


def test_walkthrough_in_process(sandbox_client: httpx.Client) -> None:
    client = httpx.Client(
        transport=sandbox_client._transport,
        base_url="http://sandbox.test/ads/v3/",
        auth=sandbox_client.auth,
    )
    assert statuses(client, walk(client, "http://sandbox.test")) == EXPECTED


def test_walkthrough_over_http(sandbox_server: str) -> None:
    root = sandbox_server.removesuffix("/ads/v3")

    def login() -> httpx.Client:
        token = httpx.post(
            f"{root}/api/token",
            data={"grant_type": "refresh_token", "refresh_token": "sandbox-refresh"},
            auth=("sandbox-client", "sandbox-secret"),
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.Client(base_url=sandbox_server + "/", headers=headers)

    with login() as client:
        created = walk(client, root)
        assert client.get(created["ad"]).status_code == 401  # 31 days later
    with login() as client:
        assert statuses(client, created) == EXPECTED
    stats = httpx.get(f"{root}/_sandbox/stats").json()
    assert stats["requests"]["uploadAsset"] == 3
    assert stats["requests_total"] == sum(stats["requests"].values())
