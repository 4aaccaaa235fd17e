"""Regenerate the rollout example's tiny creative files (run from this directory).

Real ads use 15-30 s spots and 640x640 artwork; these are small so the
repository stays light. The sandbox checks them by content like Spotify does.
"""

import math
import wave

from PIL import Image, ImageDraw

SPOTS = {  # language → tone (Hz): one localised spot per language that has one
    "en": 440.0,
    "es": 466.16,
    "pt": 493.88,
    "de": 523.25,
    "fr": 554.37,
    "ja": 587.33,
}


def tone(path: str, *, hz: float, seconds: float = 2.0, rate: int = 8000) -> None:
    frames = bytes(
        128 + int(60 * math.sin(2 * math.pi * hz * i / rate) * min(1, i / 800))
        for i in range(int(seconds * rate))
    )
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(frames)


def artwork(path: str, *, size: int, colour: tuple[int, int, int], label: str) -> None:
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        (size // 6, size // 6, size * 5 // 6, size * 5 // 6), outline="white", width=6
    )
    draw.text((size // 12, size // 12), label, fill="white")
    image.save(path, optimize=True)


if __name__ == "__main__":
    for language, hz in SPOTS.items():
        tone(f"spot-{language}.wav", hz=hz)
    tone("spot-tour.wav", hz=659.25)
    artwork("cover.png", size=320, colour=(20, 24, 82), label="MIDNIGHT")
    artwork("cover-jp.png", size=320, colour=(82, 20, 40), label="MIDNIGHT JP")
    artwork("cover-br.png", size=320, colour=(20, 82, 40), label="MIDNIGHT BR")
    artwork("logo.png", size=256, colour=(10, 10, 10), label="NIGHTJAR")
