"""Property: any valid manifest, once applied, plans no changes.

Hypothesis writes manifests the way users do (readable targeting, money in
currency units), the real loader validates them, apply creates everything in a
fresh in-process sandbox through the real provider, and the next plan — read
back with list endpoints only — must be empty. The sandbox shuffles set-valued
arrays and fills server defaults, so this exercises the whole normaliser.
"""

from __future__ import annotations

import io
import tempfile
import wave
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from campaignctl.apply.executor import apply_plan
from campaignctl.commands.planning import make_plan
from campaignctl.manifest import load_workspace
from campaignctl.output import Output
from campaignctl.provider.connection import open_api
from campaignctl.sandbox import (
    CLIENT_ID,
    CLIENT_SECRET,
    DEFAULT_ACCOUNT_ID,
    REFRESH_TOKEN,
    SandboxConfig,
    SyncASGITransport,
    catalogue,
    create_app,
)

ENV = {
    "CAMPAIGNCTL_API_URL": "http://sandbox.test/ads/v3",
    "CAMPAIGNCTL_TOKEN_URL": "http://sandbox.test/api/token",
    "SPOTIFY_ADS_CLIENT_ID": CLIENT_ID,
    "SPOTIFY_ADS_CLIENT_SECRET": CLIENT_SECRET,
    "SPOTIFY_ADS_REFRESH_TOKEN": REFRESH_TOKEN,
}
FIRST_DAY = date(2031, 1, 1)
GENRES = sorted(catalogue.ids("genres"))
LANGUAGES = sorted(catalogue.ids("languages"))
COUNTRIES = ["US", "GB", "DE", "SE", "FR", "BR", "NO", "JP", "MX", "AU"]
US_REGIONS = sorted(
    g["id"]
    for g in catalogue.data()["geos"]
    if g["type"] == "REGION" and g["country_code"] == "US"
)


def _wav(hz: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(bytes((128 + (i * hz // 100) % 40) for i in range(8000)))
    return buffer.getvalue()


def _png(size: int, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, "PNG")
    return buffer.getvalue()


FILES = {
    "a.wav": _wav(440),
    "b.wav": _wav(523),
    "cover.png": _png(64, (200, 20, 20)),
    "logo.png": _png(32, (0, 0, 0)),
}

text = st.text(
    st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=20
)
money = st.decimals(min_value=1, max_value=99999, places=2).map(lambda d: f"{d} USD")
enums_any_case = st.sampled_from


@st.composite
def schedules(draw: st.DrawFn, *, lifetime: bool) -> dict[str, str]:
    start = FIRST_DAY + timedelta(days=draw(st.integers(0, 300)))
    schedule = {"start": f"{start.isoformat()}T{draw(st.integers(0, 23)):02d}:00:00Z"}
    if lifetime or draw(st.booleans()):
        end = start + timedelta(days=draw(st.integers(1, 360)))
        schedule["end"] = end.isoformat()
    return schedule


@st.composite
def target_specs(draw: st.DrawFn) -> dict[str, Any]:
    placements = draw(st.sampled_from([["music"], ["music", "podcast"], ["MUSIC"]]))
    targets: dict[str, Any] = {"placements": placements}
    country = draw(st.sampled_from(COUNTRIES))
    if draw(st.booleans()):
        geo: dict[str, Any] = {"country": country}
        if country == "US" and draw(st.booleans()):
            geo["regions"] = draw(
                st.lists(
                    st.sampled_from(US_REGIONS), min_size=1, max_size=3, unique=True
                )
            )
        targets["geo"] = geo
    optional: dict[str, st.SearchStrategy[Any]] = {
        "ages": st.lists(
            st.sampled_from(["18-24", "25-34", "35-44", "45-54", "55+", "13-17"]),
            min_size=1,
            max_size=3,
            unique=True,
        ),
        "genders": st.lists(
            st.sampled_from(["female", "male", "non_binary"]), min_size=1, unique=True
        ),
        "genres": st.lists(
            st.sampled_from(GENRES), min_size=1, max_size=6, unique=True
        ),
        "platforms": st.lists(
            st.sampled_from(["ios", "android", "desktop"]), min_size=1, unique=True
        ),
        "language": st.sampled_from(LANGUAGES),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            targets[key] = draw(strategy)
    return targets


@st.composite
def frequency(draw: st.DrawFn) -> dict[str, int]:
    caps = {
        "day": st.integers(1, 5),
        "week": st.integers(1, 35),
        "month": st.integers(1, 50),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(caps)), min_size=1, unique=True))
    return {unit: draw(caps[unit]) for unit in chosen}


@st.composite
def ad_specs(draw: st.DrawFn, name: str) -> dict[str, Any]:
    ad: dict[str, Any] = {
        "name": name,
        "tagline": f"Out now {draw(text)}"[:40].strip(),
        "advertiser_name": "Nightjar Records",
        "audio": draw(st.sampled_from(["a.wav", "b.wav"])),
        "companion": "cover.png",
        "logo": "logo.png",
        "call_to_action": {"url": f"https://example.com/{draw(st.integers(0, 999))}"},
    }
    if draw(st.booleans()):
        ad["call_to_action"]["key"] = draw(
            st.sampled_from(["LISTEN_NOW", "learn_more", "SHOP_NOW"])
        )
    if draw(st.booleans()):
        ad["call_to_action"]["language"] = draw(
            st.sampled_from(["ENGLISH", "SPANISH_MEXICO", "SWEDISH"])
        )
    if draw(st.booleans()):
        ad["delivery"] = draw(st.sampled_from(["ON", "OFF"]))
    if draw(st.booleans()):
        ad["tracking"] = [{"partner": "IAS", "url": "https://track.example/x"}]
    return ad


@st.composite
def ad_set_specs(draw: st.DrawFn, name: str) -> dict[str, Any]:
    lifetime = draw(st.booleans())
    ad_set: dict[str, Any] = {
        "name": name,
        "category": draw(st.sampled_from(["ADV_21_182", "ADV_1_1", "ADV_9_77"])),
        "format": "AUDIO",
        "schedule": draw(schedules(lifetime=lifetime)),
        "budget": {"lifetime" if lifetime else "daily": draw(money)},
        "bid": {"max_cpm": draw(money)},
        "targets": draw(target_specs()),
        "ads": [draw(ad_specs(f"Ad {i}")) for i in range(draw(st.integers(1, 2)))],
    }
    if draw(st.booleans()):
        ad_set["pacing"] = draw(st.sampled_from(["even", "asap"]))
    if draw(st.booleans()):
        ad_set["frequency_caps"] = draw(frequency())
    if draw(st.booleans()):
        ad_set["delivery"] = draw(st.sampled_from(["ON", "OFF"]))
    return ad_set


@st.composite
def campaigns(draw: st.DrawFn) -> dict[str, Any]:
    campaign: dict[str, Any] = {
        "apiVersion": "campaignctl/v1",
        "kind": "Campaign",
        "account": DEFAULT_ACCOUNT_ID,
        "name": f"Campaign {draw(text)}",
        "objective": draw(
            st.sampled_from(["REACH", "EVEN_IMPRESSION_DELIVERY", "reach"])
        ),
        "ad_sets": [
            draw(ad_set_specs(f"Ad set {i}")) for i in range(draw(st.integers(1, 2)))
        ],
    }
    if draw(st.booleans()):
        campaign["purchase_order"] = f"PO-{draw(st.integers(10, 10**8))}"
    if draw(st.booleans()):
        campaign["status"] = draw(st.sampled_from(["ACTIVE", "PAUSED"]))
    return campaign


def _write_project(root: Path, manifest: dict[str, Any]) -> None:
    for name, data in FILES.items():
        (root / name).write_bytes(data)
    (root / "campaignctl.yaml").write_text("accounts: {}\n")
    (root / "campaign.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(manifest=campaigns())
def test_any_valid_manifest_applied_then_plans_no_changes(
    manifest: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        _write_project(root, manifest)
        workspace = load_workspace([root], now=datetime.now(UTC))
        app = create_app(SandboxConfig(rate_limit=0, processing_ms=0, seed=7))
        out = Output(stdout=io.StringIO(), stderr=io.StringIO())
        try:
            api = open_api(
                sandbox=False,
                project_root=root,
                parallelism=4,
                out=out,
                environ=ENV,
                transport=SyncASGITransport(app),
            )
            with api:
                plan = make_plan(workspace, api, parallelism=4)
                result = apply_plan(plan, api, root=root, parallelism=4)
                assert result.ok, [r.message for r in result.results if r.message]
                again = make_plan(workspace, api, parallelism=4)
                assert [a for a in again.actions if a.action.value != "no-op"] == []
        finally:
            app.state.sandbox.close()
