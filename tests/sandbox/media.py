"""Small, valid creative files built in memory (and broken ones)."""

from __future__ import annotations

import io
import struct
import wave

from PIL import Image


def png(width: int = 640, height: int = 640) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(width: int = 1200, height: int = 628) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 30, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def wav(ms: int = 1000, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * (rate * ms // 1000))
    return buffer.getvalue()


def mp4(width: int = 1920, height: int = 1080, ms: int = 15000) -> bytes:
    """A minimal ISO media file: ftyp + moov(mvhd, trak(tkhd, mdia)) + mdat."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2mp41")
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = _box(
        b"mvhd",
        bytes(4)
        + struct.pack(">IIII", 0, 0, 1000, ms)
        + struct.pack(">IH", 0x10000, 0x100)
        + bytes(10)
        + matrix
        + bytes(24)
        + struct.pack(">I", 2),
    )
    tkhd = _box(
        b"tkhd",
        b"\x00\x00\x00\x03"
        + struct.pack(">IIIII", 0, 0, 1, 0, ms)
        + bytes(8)
        + struct.pack(">hhhH", 0, 0, 0, 0)
        + matrix
        + struct.pack(">II", width << 16, height << 16),
    )
    mdhd = _box(
        b"mdhd", bytes(4) + struct.pack(">IIII", 0, 0, 1000, ms) + b"\x55\xc4\0\0"
    )
    hdlr = _box(b"hdlr", bytes(8) + b"vide" + bytes(12) + b"VideoHandler\0")
    moov = _box(b"moov", mvhd + _box(b"trak", tkhd + _box(b"mdia", mdhd + hdlr)))
    return ftyp + moov + _box(b"mdat", bytes(64))


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload
