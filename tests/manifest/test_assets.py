"""Asset files: type by content, slots, limits, confinement, content addressing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from campaignctl.manifest import inspect_workspace, load_workspace
from campaignctl.manifest.assets import MAX_ASSET_BYTES
from tests.manifest.trees import BASE, NOW, image_bytes, project, wav_bytes

LOGO_LINE = "        logo: assets/logo.png"


def _errors(root: Path) -> list[str]:
    inspection = inspect_workspace([root], now=NOW)
    return [
        f"{d.location.line}:{d.location.col}: {d.message}"
        for d in inspection.errors
        if d.location
    ]


@pytest.mark.parametrize(
    ("slot_line", "files", "expected"),
    [
        pytest.param(
            "        logo: assets/fake.png",
            {"assets/fake.png": wav_bytes()},
            "25:15: logo: assets/fake.png is an audio file (WAV) by its content, not "
            "an image file",
            id="png-that-is-a-wav",
        ),
        pytest.param(
            "        logo: assets/empty.png",
            {"assets/empty.png": b""},
            "25:15: assets/empty.png is not a usable creative: the file is empty",
            id="empty",
        ),
        pytest.param(
            "        logo: assets/noise.png",
            {"assets/noise.png": b"hello, not an image at all" * 10},
            "25:15: assets/noise.png is not a usable creative: "
            "not a PNG, JPEG, MP3, OGG, WAV, MP4 or QuickTime file",
            id="garbage",
        ),
        pytest.param(
            "        logo: assets/missing.png",
            {},
            "25:15: file not found: assets/missing.png",
            id="missing",
        ),
        pytest.param(
            "        logo: assets",
            {},
            "25:15: assets is not a file",
            id="directory",
        ),
        pytest.param(
            "        logo: assets/spot.wav\n        canvas: assets/cover.png",
            {},
            "25:15: logo: assets/spot.wav is an audio file (WAV) by its content, not "
            "an image file",
            id="logo-audio",
        ),
    ],
)
def test_slot_files_are_judged_by_content(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    slot_line: str,
    files: dict[str, bytes],
    expected: str,
) -> None:
    project(tmp_path, BASE.replace(LOGO_LINE, slot_line), **files)
    monkeypatch.chdir(tmp_path)
    errors = _errors(Path())
    assert expected in errors


def test_audio_longer_than_31_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = BASE.replace("audio: assets/spot.wav", "audio: assets/long.wav")
    project(tmp_path, manifest, **{"assets/long.wav": wav_bytes(seconds=32, rate=1000)})
    monkeypatch.chdir(tmp_path)
    assert _errors(Path()) == [
        "23:16: audio: assets/long.wav lasts 32.0 s; audio ads last at most 31 s"
    ]


def test_image_in_audio_slot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = BASE.replace("audio: assets/spot.wav", "audio: assets/cover.png")
    project(tmp_path, manifest)
    monkeypatch.chdir(tmp_path)
    assert _errors(Path()) == [
        "23:16: audio: assets/cover.png is an image file (PNG) by its content, "
        "not an audio file"
    ]


def test_paths_must_stay_inside_the_project(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    (tmp_path / "outside.png").write_bytes(image_bytes())
    manifest = BASE.replace("assets/logo.png", "../outside.png")
    project(root, manifest)
    (root / "assets" / "link.png").symlink_to(tmp_path / "outside.png")
    linked = BASE.replace("assets/logo.png", "assets/link.png").replace(
        "Summer", "Winter"
    )
    absolute = BASE.replace("assets/logo.png", str(tmp_path / "outside.png")).replace(
        "Summer", "Autumn"
    )
    (root / "b.yaml").write_text(linked)
    (root / "c.yaml").write_text(absolute)
    inspection = inspect_workspace([root], now=NOW)
    real_root = root.resolve()
    assert [
        (d.location.file.rsplit("/", 1)[-1], d.message)
        for d in inspection.errors
        if d.location
    ] == [
        ("b.yaml", f"assets/link.png is outside the project directory {real_root}"),
        (
            "c.yaml",
            f"{tmp_path / 'outside.png'} is outside the project directory {real_root}",
        ),
        (
            "campaign.yaml",
            f"../outside.png is outside the project directory {real_root}",
        ),
    ]


def test_size_limit_is_checked_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, BASE.replace("assets/logo.png", "assets/huge.png"))
    with (tmp_path / "assets" / "huge.png").open("wb") as sparse:
        sparse.truncate(MAX_ASSET_BYTES + 1)
    monkeypatch.chdir(tmp_path)
    assert _errors(Path()) == [
        f"25:15: assets/huge.png is {MAX_ASSET_BYTES + 1:,} bytes; the API takes at "
        f"most "
        f"{MAX_ASSET_BYTES:,} (1000 chunks of 20 MB)"
    ]


def test_remote_names_come_from_content_not_extension(tmp_path: Path) -> None:
    jpeg = image_bytes(fmt="JPEG")
    wav = wav_bytes()
    stem = "Cover Art (Final) v2! " + "x" * 80
    manifest = (
        BASE.replace("assets/logo.png", "'assets/Logo Mark.jpeg'")
        .replace("assets/spot.wav", "assets/spot.mp3")
        .replace("assets/cover.png", f"'assets/{stem}.PNG'")
    )
    project(
        tmp_path,
        manifest,
        **{
            "assets/Logo Mark.jpeg": jpeg,
            "assets/spot.mp3": wav,
            f"assets/{stem}.PNG": image_bytes(),
        },
    )
    assets = load_workspace([tmp_path], now=NOW).desired.assets
    digest = {a.path: a.digest for a in assets}
    assert [(a.name, a.media_type, a.asset_type) for a in assets] == [
        (f"spot-{hashlib.sha256(wav).hexdigest()[:12]}.wav", "audio/wav", "AUDIO"),
        (
            "cover-art-final-v2-"
            + "x" * 41
            + f"-{digest[f'assets/{stem}.PNG'][:12]}.png",
            "image/png",
            "IMAGE",
        ),
        (
            f"logo-mark-{hashlib.sha256(jpeg).hexdigest()[:12]}.jpg",
            "image/jpeg",
            "IMAGE",
        ),
    ]
    assert all(len(a.name) <= 120 for a in assets)


def test_each_file_is_read_once(tmp_path: Path) -> None:
    second_ad = "\n".join(BASE.splitlines()[19:26]).replace("Spot A", "Spot B")
    many_ads = BASE + second_ad + "\n"
    project(tmp_path, many_ads)
    workspace = load_workspace([tmp_path], now=NOW)
    spot_a, spot_b = workspace.desired.campaigns[0].ad_sets[0].ads
    assert spot_a.body["assets"] == spot_b.body["assets"]
    assert len(workspace.desired.assets) == 3
    assert workspace.root.is_absolute()
