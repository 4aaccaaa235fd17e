"""Creative files referenced by ads: confined, read once, judged by content.

A file's type comes from its bytes (``campaignctl/media.py``), never its
extension, and must suit the slot it fills. Its remote name is
content-addressed: ``<slug of the stem, ≤ 60>-<sha256[:12]><ext of the type>``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from campaignctl.media import (
    EXTENSION_OF,
    MAX_AUDIO_MS,
    MAX_UPLOAD_BYTES,
    MediaError,
    MediaInfo,
    inspect_media,
)
from campaignctl.plan.address import slugify

MAX_CHUNKS = 1000  # ChunkedUploadComplete.number_of_sections
MAX_ASSET_BYTES = MAX_CHUNKS * MAX_UPLOAD_BYTES
MAX_STEM = 60
# slot → asset types it takes
SLOT_TYPES = {
    "audio": ("AUDIO",),
    "video": ("VIDEO",),
    "image": ("IMAGE",),
    "companion": ("IMAGE",),
    "logo": ("IMAGE",),
    "canvas": ("IMAGE", "VIDEO"),
}
_KIND_NAMES = {"AUDIO": "an audio", "VIDEO": "a video", "IMAGE": "an image"}


@dataclass(frozen=True)
class AssetFile:
    """A readable creative file inside the project."""

    relative: str  # POSIX path relative to the project root
    digest: str  # sha256 hex of the content
    size: int
    media: MediaInfo

    def remote_name(self) -> str:
        stem = slugify(Path(self.relative).stem)[:MAX_STEM].rstrip("-") or "asset"
        return f"{stem}-{self.digest[:12]}{EXTENSION_OF[self.media.file_type]}"


@dataclass(frozen=True)
class Problem:
    message: str
    hint: str | None = None


@dataclass
class AssetFiles:
    """Reads each referenced file once, confined to ``root``."""

    root: Path
    _cache: dict[Path, AssetFile | Problem] = field(default_factory=dict)
    _read: dict[tuple[Path, str], AssetFile | Problem] = field(default_factory=dict)

    def read(self, written: str, manifest: Path) -> AssetFile | Problem:
        """The file ``written`` in ``manifest`` (each file read once)."""
        key = (manifest, written)
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = self._resolved(written, manifest)
        return found

    def _resolved(self, written: str, manifest: Path) -> AssetFile | Problem:
        target = (manifest.parent / written).resolve()
        if not target.is_relative_to(self.root):
            return Problem(
                f"{written} is outside the project directory {self.root}",
                "keep creative files inside the project (where campaignctl.yaml is)",
            )
        if target not in self._cache:
            self._cache[target] = self._load(target, written)
        return self._cache[target]

    def _load(self, target: Path, written: str) -> AssetFile | Problem:
        try:
            size = target.stat().st_size
            if not target.is_file():
                return Problem(f"{written} is not a file")
            if size > MAX_ASSET_BYTES:
                return Problem(
                    f"{written} is {size:,} bytes; the API takes at most "
                    f"{MAX_ASSET_BYTES:,} (1000 chunks of 20 MB)"
                )
            data = target.read_bytes()
        except FileNotFoundError:
            return Problem(
                f"file not found: {written}", "paths are relative to the manifest"
            )
        except OSError as error:
            return Problem(f"cannot read {written}: {error.strerror or error}")
        try:
            media = inspect_media(data)
        except MediaError as error:
            return Problem(f"{written} is not a usable creative: {error}")
        relative = target.relative_to(self.root).as_posix()
        return AssetFile(relative, hashlib.sha256(data).hexdigest(), len(data), media)


def slot_problems(slot: str, written: str, file: AssetFile) -> list[Problem]:
    """Why ``file`` cannot fill ``slot`` (empty when it can)."""
    media = file.media
    wanted = SLOT_TYPES[slot]
    if media.asset_type not in wanted:
        expected = " or ".join(_KIND_NAMES[t] for t in wanted)
        return [
            Problem(
                f"{slot}: {written} is {_KIND_NAMES[media.asset_type]} file "
                f"({media.file_type}) by its content, not {expected} file",
                "campaignctl judges files by their content, not their extension",
            )
        ]
    problems = []
    if media.asset_type == "AUDIO" and (media.duration_ms or 0) > MAX_AUDIO_MS:
        seconds = (media.duration_ms or 0) / 1000
        problems.append(
            Problem(
                f"{slot}: {written} lasts {seconds:.1f} s; audio ads last at most 31 s"
            )
        )
    if slot == "canvas" and media.aspect_ratio != "VERTICAL_9_16":
        size = f"{media.width}x{media.height}" if media.width else "of unknown size"
        problems.append(
            Problem(
                f"canvas: {written} is {size}, not 9:16",
                "canvas files are vertical 9:16",
            )
        )
    return problems
