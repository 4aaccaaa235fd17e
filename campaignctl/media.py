"""Creative files: what a file is, judged by its content, never its extension.

The only module that touches puremagic (type sniffing), mutagen (audio and
video duration) and Pillow (image size). Used offline by manifest validation
and by the sandbox when an upload finishes processing.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from fractions import Fraction

import mutagen
import puremagic
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # single multipart upload (spec: 20 MB)
MAX_AUDIO_MS = 31_000  # ad product catalog: audio creatives ≤ 31 s

# file type → (asset type, MIME type sent on upload)
FILE_TYPES: dict[str, tuple[str, str]] = {
    "PNG": ("IMAGE", "image/png"),
    "JPEG": ("IMAGE", "image/jpeg"),
    "MP3": ("AUDIO", "audio/mpeg"),
    "OGG": ("AUDIO", "audio/ogg"),
    "WAV": ("AUDIO", "audio/wav"),
    "MP4": ("VIDEO", "video/mp4"),
    "QUICKTIME": ("VIDEO", "video/quicktime"),
}
# MIME types the upload endpoint accepts (spec UploadAssetRequest encoding)
UPLOAD_MIME_TYPES = frozenset(
    {
        "image/png",
        "image/jpeg",
        "audio/ogg",
        "audio/mp3",
        "audio/wav",
        "audio/mpeg",
        "audio/x-wav",
        "video/mp4",
        "video/quicktime",
    }
)
MIME_FILE_TYPES = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "audio/ogg": "OGG",
    "audio/mp3": "MP3",
    "audio/mpeg": "MP3",
    "audio/wav": "WAV",
    "audio/x-wav": "WAV",
    "video/mp4": "MP4",
    "video/quicktime": "QUICKTIME",
}
_EXTENSIONS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".jfif": "JPEG",
    ".jpe": "JPEG",
    ".mp3": "MP3",
    ".ogg": "OGG",
    ".oga": "OGG",
    ".wav": "WAV",
    ".mp4": "MP4",
    ".m4v": "MP4",
    ".mov": "QUICKTIME",
}
EXTENSION_OF = {
    "PNG": ".png",
    "JPEG": ".jpg",
    "MP3": ".mp3",
    "OGG": ".ogg",
    "WAV": ".wav",
    "MP4": ".mp4",
    "QUICKTIME": ".mov",
}


class MediaError(ValueError):
    """The content is not a supported, readable creative file."""


@dataclass(frozen=True)
class MediaInfo:
    file_type: str  # PNG JPEG MP3 OGG WAV MP4 QUICKTIME
    asset_type: str  # IMAGE AUDIO VIDEO
    media_type: str  # MIME type for the upload
    duration_ms: int | None = None
    width: int | None = None
    height: int | None = None

    @property
    def aspect_ratio(self) -> str | None:
        """The spec's ``AspectRatio`` bucket, or None when unknown/other."""
        if not self.width or not self.height:
            return None
        return aspect_ratio_of(self.width, self.height)


_RATIOS = {
    Fraction(16, 9): "HORIZONTAL_16_9",
    Fraction(191, 100): "HORIZONTAL_1_91_1",
    Fraction(12, 10): "HORIZONTAL_1_2_1",
    Fraction(1, 1): "SQUARE",
    Fraction(9, 16): "VERTICAL_9_16",
}


def aspect_ratio_of(width: int, height: int) -> str | None:
    """Nearest spec aspect ratio within 2 %, else None."""
    ratio = width / height
    for exact, name in _RATIOS.items():
        if abs(ratio - float(exact)) / float(exact) <= 0.02:
            return name
    return None


def sniff_file_type(data: bytes) -> str:
    """The file type from the content's magic bytes."""
    if _is_iso_media(data):
        return "QUICKTIME" if data[8:12] == b"qt  " else "MP4"
    try:
        candidates = puremagic.magic_string(data[:8192])
    except puremagic.PureError:
        candidates = []
    for candidate in candidates:
        file_type = _EXTENSIONS.get(candidate.extension.lower())
        if file_type:
            return file_type
    raise MediaError("not a PNG, JPEG, MP3, OGG, WAV, MP4 or QuickTime file")


def inspect_media(data: bytes) -> MediaInfo:
    """Identify and read a creative file; raises MediaError if unusable."""
    if not data:
        raise MediaError("the file is empty")
    file_type = sniff_file_type(data)
    asset_type, media_type = FILE_TYPES[file_type]
    if asset_type == "IMAGE":
        width, height = _image_size(data)
        return MediaInfo(file_type, asset_type, media_type, width=width, height=height)
    if file_type == "WAV":
        _check_riff_complete(data)
    duration = _duration_ms(data)
    if asset_type == "VIDEO":
        video_width, video_height = _video_size(data)
        return MediaInfo(
            file_type, asset_type, media_type, duration, video_width, video_height
        )
    return MediaInfo(file_type, asset_type, media_type, duration_ms=duration)


def _image_size(data: bytes) -> tuple[int, int]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return image.size
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as error:
        raise MediaError(f"unreadable image: {error}") from error


def _duration_ms(data: bytes) -> int:
    try:
        parsed = mutagen.File(io.BytesIO(data))
    except Exception as error:  # mutagen raises many unrelated types
        raise MediaError(f"unreadable audio/video: {error}") from error
    length = getattr(getattr(parsed, "info", None), "length", 0) or 0
    if length <= 0:
        raise MediaError("unreadable audio/video: no playable frames")
    return round(length * 1000)


def _check_riff_complete(data: bytes) -> None:
    (declared,) = struct.unpack("<I", data[4:8])
    if len(data) < declared + 8:
        raise MediaError(
            f"truncated WAV file: header declares {declared + 8} bytes, "
            f"found {len(data)}"
        )


def _is_iso_media(data: bytes) -> bool:
    return len(data) >= 12 and data[4:8] == b"ftyp"


def _video_size(data: bytes) -> tuple[int | None, int | None]:
    """Width and height from the first video track header (``tkhd``)."""
    index = data.find(b"tkhd")
    while index != -1:
        version = data[index + 4] if index + 4 < len(data) else 0
        offset = index + (92 if version == 1 else 80)
        if offset + 8 <= len(data):
            width, height = struct.unpack(">II", data[offset : offset + 8])
            if width and height:
                return width >> 16, height >> 16
        index = data.find(b"tkhd", index + 4)
    return None, None
