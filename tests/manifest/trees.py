"""Inline test inputs: file trees, tiny media files and a valid base manifest."""

from __future__ import annotations

import io
import wave
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

NOW = datetime(2030, 1, 1, tzinfo=UTC)
ACCOUNT = "00000000-0000-4000-a000-000000000001"

PROJECT = f"""\
accounts:
  sandbox: {{id: {ACCOUNT}, currency: USD}}
"""

# A valid manifest; tests replace single lines (numbers are 1-based).
BASE = """\
apiVersion: campaignctl/v1
kind: Campaign
account: sandbox
name: Summer Launch 2030
objective: REACH
ad_sets:
  - name: US Rock Fans
    category: ADV_21_182
    format: AUDIO
    schedule: {start: 2030-06-01T00:00:00Z, end: 2030-06-30T00:00:00Z}
    budget: {daily: 150 USD}
    bid: {max_cpm: 12 USD}
    frequency_caps: {day: 3, week: 10}
    targets:
      ages: [18-24, 25-34]
      geo: {country: US}
      platforms: [ios, android]
      placements: [music]
    ads:
      - name: Spot A
        tagline: New album out now
        advertiser_name: Nightjar Records
        audio: assets/spot.wav
        companion: assets/cover.png
        logo: assets/logo.png
        call_to_action: {key: LISTEN_NOW, url: https://example.com/listen}
"""


def wav_bytes(seconds: float = 1.0, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(seconds * rate))
    return buffer.getvalue()


def image_bytes(width: int = 64, height: int = 64, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def media_files() -> dict[str, bytes]:
    return {
        "assets/spot.wav": wav_bytes(),
        "assets/cover.png": image_bytes(64, 64),
        "assets/logo.png": image_bytes(32, 32),
        "assets/canvas.png": image_bytes(90, 160),
    }


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``root``; returns root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def project(root: Path, manifest: str = BASE, **extra: str | bytes) -> Path:
    """A project with campaignctl.yaml, media and ``manifest`` as campaign.yaml."""
    files: dict[str, str | bytes] = {
        "campaignctl.yaml": PROJECT,
        "campaign.yaml": manifest,
        **media_files(),
    }
    files.update(extra)
    return write_tree(root, files)


def replace_line(text: str, number: int, new: str) -> str:
    """``text`` with line ``number`` (1-based) replaced by ``new`` (may be several)."""
    lines = text.splitlines()
    lines[number - 1 : number] = new.splitlines()
    return "\n".join(lines) + "\n"
