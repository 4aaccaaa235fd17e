"""The provider against the real sandbox: in-process and over real HTTP.

Uses the shared fixtures of ``tests/conftest.py`` (``sandbox_config``,
``sandbox_app``, ``sandbox_server``); a test changes the sandbox by
parametrizing ``sandbox_config``.
"""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from starlette.applications import Starlette

from campaignctl.errors import ApiError, NotFoundError, ServerError, TransportError
from campaignctl.output import Output
from campaignctl.provider.api import SpotifyAdsApi
from campaignctl.provider.call import Call
from campaignctl.provider.connection import open_api
from campaignctl.provider.snapshot import read_live_state
from campaignctl.sandbox import DEFAULT_ACCOUNT_ID, SandboxConfig, SyncASGITransport

from .fakes import FakeTime

ACCOUNT = DEFAULT_ACCOUNT_ID
ORIGIN = "http://sandbox.test"
SANDBOX_ENV = {
    "SPOTIFY_ADS_CLIENT_ID": "sandbox-client",
    "SPOTIFY_ADS_CLIENT_SECRET": "sandbox-secret",
    "SPOTIFY_ADS_REFRESH_TOKEN": "sandbox-refresh",
}
FROZEN = "2030-01-01T00:00:00Z"


def config(**changes: Any) -> SandboxConfig:
    """The shared test sandbox config with ``changes``."""
    base = {"clock_start": FROZEN, "rate_limit": 0, "processing_ms": 0}
    return SandboxConfig(**{**base, **changes})


def env_for(origin: str) -> dict[str, str]:
    return {
        **SANDBOX_ENV,
        "CAMPAIGNCTL_API_URL": f"{origin}/ads/v3",
        "CAMPAIGNCTL_TOKEN_URL": f"{origin}/api/token",
    }


def connect(app: Starlette, **options: Any) -> SpotifyAdsApi:
    """Our client on the sandbox app in-process, through its real /api/token."""
    return open_api(
        sandbox=False,
        project_root=Path(),
        parallelism=options.pop("parallelism", 4),
        out=options.pop("out", Output(stderr=io.StringIO())),
        environ=env_for(ORIGIN),
        transport=SyncASGITransport(app),
        rate_per_s=options.pop("rate_per_s", 0),
        **options,
    )


def stats(api: SpotifyAdsApi) -> dict[str, Any]:
    """The sandbox's own request counters (``GET /_sandbox/stats``)."""
    url = f"{ORIGIN}/_sandbox/stats"
    call = Call("GET", "/_sandbox/stats", url, op="sandboxStats", idempotent=True)
    return api.client.send(call)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 640), (200, 40, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80" * 8000)
    return buffer.getvalue()


def ready_asset(api: SpotifyAdsApi, name: str, asset_type: str) -> str:
    body = {"name": name, "asset_type": asset_type}
    if asset_type == "AUDIO":
        body["asset_subtype"] = "USER_UPLOADED_AUDIO"
    asset = api.create_asset(ACCOUNT, body)
    data, mime = (wav(), "audio/wav") if asset_type == "AUDIO" else (png(), "image/png")
    api.upload_asset(
        ACCOUNT,
        asset["id"],
        data=data,
        media_type=mime,
        asset_type=asset_type,
        filename=name,
    )
    return str(api.wait_asset_ready(ACCOUNT, asset["id"], timeout_s=10)["id"])


def build_campaign(
    api: SpotifyAdsApi, name: str, assets: dict[str, str], *, ad_sets: int, ads: int
) -> None:
    campaign = api.create_campaign(ACCOUNT, {"name": name, "objective": "REACH"})
    for s in range(ad_sets):
        ad_set = api.create_ad_set(
            ACCOUNT,
            {
                "name": f"{name} set {s}",
                "campaign_id": campaign["id"],
                "category": "ADV_21_182",
                "asset_format": "AUDIO",
                "start_time": "2030-02-01T00:00:00Z",
                "end_time": "2030-02-28T00:00:00Z",
                "budget": {"micro_amount": 150_000_000, "type": "DAILY"},
                "bid_strategy": "MAX_BID",
                "bid_micro_amount": 12_000_000,
                "targets": {
                    "placements": ["MUSIC"],
                    "geo_targets": {"country_code": "US"},
                },
            },
        )
        for a in range(ads):
            api.create_ad(
                ACCOUNT,
                {
                    "name": f"{name} set {s} ad {a}",
                    "ad_set_id": ad_set["id"],
                    "tagline": "New album out now",
                    "advertiser_name": "Nightjar Records",
                    "assets": assets,
                    "call_to_action": {
                        "key": "LISTEN_NOW",
                        "clickthrough_url": "https://example.com/listen",
                    },
                },
            )


# -- in-process ----------------------------------------------------------------
def test_embedded_sandbox_persists_in_the_project(tmp_path: Path) -> None:
    out = Output(stderr=io.StringIO())
    with open_api(sandbox=True, project_root=tmp_path, parallelism=2, out=out) as api:
        created = api.create_campaign(
            ACCOUNT, {"name": "Persisted", "objective": "REACH"}
        )
    with open_api(sandbox=True, project_root=tmp_path, parallelism=2, out=out) as api:
        found = api.list_campaigns(ACCOUNT)

    assert (tmp_path / ".campaignctl" / "sandbox.db").is_file()
    assert found == [created]


def test_campaigns_page_through_and_match_the_server_count(
    sandbox_app: Starlette,
) -> None:
    with connect(sandbox_app) as api:
        for i in range(53):
            api.create_campaign(
                ACCOUNT, {"name": f"Campaign {i:02d}", "objective": "REACH"}
            )
        found = api.list_campaigns(ACCOUNT)
        renamed = api.update_campaign(ACCOUNT, found[0]["id"], {"name": "Renamed 00"})
        named = api.list_campaigns(ACCOUNT, name="renamed")
        server, ours = stats(api)["requests"], api.request_counts()

    assert sorted(c["name"] for c in found) == [f"Campaign {i:02d}" for i in range(53)]
    assert named == [renamed]
    assert server == {"createCampaign": 53, "getCampaigns": 3, "updateCampaign": 1}
    assert ours == {**server, "token": 1, "sandboxStats": 1}


def test_status_codes_follow_the_spec(sandbox_app: Starlette) -> None:
    stderr = io.StringIO()
    with connect(sandbox_app, out=Output(stderr=stderr, verbosity=2)) as api:
        assets = {
            "asset_id": ready_asset(api, "spot.wav", "AUDIO"),
            "companion_asset_id": ready_asset(api, "cover.png", "IMAGE"),
            "logo_asset_id": ready_asset(api, "logo.png", "IMAGE"),
        }
        mark = len(stderr.getvalue())
        build_campaign(api, "Codes", assets, ad_sets=1, ads=1)
        lines = stderr.getvalue()[mark:].splitlines()

    assert [line.rsplit(" (", 1)[0] for line in lines] == [
        f"POST /ad_accounts/{ACCOUNT}/campaigns → 200",
        f"POST /ad_accounts/{ACCOUNT}/ad_sets → 201",
        f"POST /ad_accounts/{ACCOUNT}/ads → 201",
    ]


def test_image_asset_upload_and_wait(sandbox_app: Starlette) -> None:
    with connect(sandbox_app) as api:
        asset = api.create_asset(
            ACCOUNT, {"name": "cover-3fa9c2d1e0b4.png", "asset_type": "IMAGE"}
        )
        uploaded = api.upload_asset(
            ACCOUNT,
            asset["id"],
            data=png(),
            media_type="image/png",
            asset_type="IMAGE",
            filename="cover-3fa9c2d1e0b4.png",
        )
        ready = api.wait_asset_ready(ACCOUNT, asset["id"], timeout_s=10)
        listed = api.list_assets(ACCOUNT, name="cover-3fa9c2d1e0b4")

    assert (asset["status"], uploaded["status"], ready["status"]) == (
        "WAITING_UPLOAD",
        "PROCESSING",
        "READY",
    )
    assert listed == [ready]


def test_chunked_upload_against_the_sandbox(sandbox_app: Starlette) -> None:
    from campaignctl.provider.upload import UploadLimits

    with connect(sandbox_app) as api:
        api = SpotifyAdsApi(
            api.client,
            uploads=UploadLimits(single_max_bytes=1024, chunk_unit_bytes=1024),
        )
        asset = api.create_asset(
            ACCOUNT, {"name": "big-cover.png", "asset_type": "IMAGE"}
        )
        data = png()
        done = api.upload_asset(
            ACCOUNT,
            asset["id"],
            data=data,
            media_type="image/png",
            asset_type="IMAGE",
            filename="big-cover.png",
        )
        ready = api.wait_asset_ready(ACCOUNT, asset["id"], timeout_s=10)
        counts = api.request_counts()

    assert done["status"] == "PROCESSING"
    assert ready["status"] == "READY"
    assert (
        counts["startUploadChunkedAsset"] == counts["completeUploadChunkedAsset"] == 1
    )
    assert counts["transferChunkedAsset"] >= 1


def test_sandbox_errors_are_readable(sandbox_app: Starlette) -> None:
    with connect(sandbox_app) as api:
        with pytest.raises(NotFoundError) as missing:
            api.get_asset(ACCOUNT, "00000000-0000-4000-a000-0000000000ff")
        with pytest.raises(ApiError) as invalid:
            api.create_campaign(ACCOUNT, {"name": "x", "objective": "REACH"})

    assert missing.value.detail.sp_trace_id
    assert missing.value.status == 404
    assert invalid.value.status == 400
    assert invalid.value.detail.messages
    assert invalid.value.detail.sp_trace_id


def test_snapshot_costs_exactly_the_page_formula(sandbox_app: Starlette) -> None:
    with connect(sandbox_app) as api:
        assets = {
            "asset_id": ready_asset(api, "spot.wav", "AUDIO"),
            "companion_asset_id": ready_asset(api, "cover.png", "IMAGE"),
            "logo_asset_id": ready_asset(api, "logo.png", "IMAGE"),
        }
        build_campaign(api, "Managed", assets, ad_sets=2, ads=2)
        build_campaign(api, "Other", assets, ad_sets=1, ads=1)
        for i in range(49):
            api.create_campaign(
                ACCOUNT, {"name": f"Filler {i:02d}", "objective": "REACH"}
            )

        before = stats(api)["requests_total"]
        full = read_live_state(api, [ACCOUNT]).accounts[ACCOUNT]
        middle = stats(api)["requests_total"]
        scoped = read_live_state(api, [ACCOUNT], campaign_names=["managed"])
        after = stats(api)["requests_total"]

    # full: 1 + P(51 campaigns) 2 + P(3 assets) 1 + P(3 ad sets) 1 + P(5 ads) 1
    assert middle - before == 6
    # scoped: 1 + 2 + 1 + ad sets of 1 campaign 1 + ads of 2 ad sets 1
    assert after - middle == 6
    assert (
        len(full.campaigns),
        len(full.ad_sets),
        len(full.ads),
        len(full.assets),
    ) == (
        51,
        3,
        5,
        3,
    )
    managed = scoped.accounts[ACCOUNT]
    assert {s["name"] for s in managed.ad_sets} == {"Managed set 0", "Managed set 1"}
    assert {a["name"] for a in managed.ads} == {
        f"Managed set {s} ad {a}" for s in range(2) for a in range(2)
    }
    assert managed.campaigns == full.campaigns
    assert managed.assets == full.assets


@pytest.mark.parametrize("sandbox_config", [config(fail_rate=0.3, seed=7)])
def test_reads_survive_injected_5xx(sandbox_app: Starlette) -> None:
    time = FakeTime()
    with connect(sandbox_app, timing=time.timing()) as api:
        found = [api.list_campaigns(ACCOUNT) for _ in range(10)]
        counts = api.request_counts()

    assert found == [[]] * 10
    assert time.sleeps
    assert counts["getCampaigns"] == 10 + len(time.sleeps)  # one retry per sleep


@pytest.mark.parametrize("sandbox_config", [config(ambiguous_rate=1.0, seed=1)])
def test_ambiguous_writes_are_flagged_and_found_by_name(sandbox_app: Starlette) -> None:
    kinds: set[str] = set()
    with connect(sandbox_app) as api:
        for i in range(8):
            name = f"Ambiguous {i}"
            with pytest.raises((ServerError, TransportError)) as caught:
                api.create_campaign(ACCOUNT, {"name": name, "objective": "REACH"})
            error = caught.value
            assert isinstance(error, ServerError | TransportError)
            assert error.ambiguous is True
            kinds.add(type(caught.value).__name__)
            assert [c["name"] for c in api.list_campaigns(ACCOUNT, name=name)] == [name]
        counts = api.request_counts()

    assert counts["createCampaign"] == 8  # never retried
    assert kinds == {"ServerError", "TransportError"}  # 5xx and dropped connections


# -- over real HTTP ------------------------------------------------------------
@pytest.mark.parametrize("sandbox_config", [config(fail_rate=0.2, seed=3)])
def test_over_http_retries_and_renews_expired_tokens(
    sandbox_server: str, tmp_path: Path
) -> None:
    origin = sandbox_server.removesuffix("/ads/v3")
    time = FakeTime()
    stderr = io.StringIO()
    with open_api(
        sandbox=False,
        project_root=tmp_path,
        parallelism=4,
        out=Output(stderr=stderr, verbosity=1),
        environ=env_for(origin),
        timing=time.timing(),
        rate_per_s=0,  # every sleep below is then a retry
    ) as api:
        first = [api.get_ad_account(ACCOUNT)["id"] for _ in range(5)]
        expired = httpx.post(f"{origin}/_sandbox/advance", json={"days": 1})
        second = [api.get_ad_account(ACCOUNT)["id"] for _ in range(5)]
        counts = api.request_counts()

    assert expired.status_code == 200  # a day later every token has expired
    assert first == second == [ACCOUNT] * 5
    assert counts["token"] == 2
    assert counts["getAdAccount"] == 10 + 1 + len(time.sleeps)  # + the one 401
    assert "401, token renewed, retrying once" in stderr.getvalue()


@pytest.mark.parametrize("sandbox_config", [config(rate_limit=0.1)])
def test_over_http_429_is_honoured(sandbox_server: str, tmp_path: Path) -> None:
    time = FakeTime(advance=False)  # the server's window runs on real time
    with open_api(
        sandbox=False,
        project_root=tmp_path,
        parallelism=1,
        out=Output(stderr=io.StringIO()),
        environ=env_for(sandbox_server.removesuffix("/ads/v3")),
        timing=time.timing(),
        rate_per_s=0,
    ) as api:
        for _ in range(3):  # the limit: 0.1/s x 30 s = 3 per window
            api.get_ad_account(ACCOUNT)
        with pytest.raises(ApiError) as caught:
            api.get_ad_account(ACCOUNT)

    assert caught.value.status == 429
    assert len(time.sleeps) == 5  # six attempts, each told to wait
    assert all(1 <= s <= 30 for s in time.sleeps)
