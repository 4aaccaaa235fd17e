"""Ad rules: which asset slots an ad set's format needs (BRIEF §2.3, §11 rule 8).

The files themselves (type by content, size, duration, 9:16) are checked in
``manifest/assets.py``.
"""

from __future__ import annotations

from campaignctl.manifest.rules.base import Findings, Where
from campaignctl.manifest.spec import AdSetSpec, AdSpec

PRIMARY_SLOTS = {"audio": "AUDIO", "video": "VIDEO", "image": "IMAGE"}


def primary_slots(ad: AdSpec) -> list[str]:
    """The primary slots the ad fills, in declaration order."""
    return [slot for slot in PRIMARY_SLOTS if getattr(ad, slot) is not None]


def check_ad(ad_set: AdSetSpec, ad: AdSpec, where: Where, out: Findings) -> None:
    _check_primary(ad_set, ad, where, out)
    if ad_set.format == "AUDIO" and ad.companion is None:
        out.error(
            where.at("name"),
            "AUDIO ads need a companion image",
            hint="add companion: path/to/image.png",
            rule="ad.companion",
        )
    if ad.canvas is not None and ad_set.format != "AUDIO":
        out.error(
            where.key("canvas"),
            "canvas is only for AUDIO ad sets",
            rule="ad.canvas",
        )
    schedule = ad.schedule
    if schedule and schedule.start and schedule.end and schedule.end <= schedule.start:
        out.error(
            where.at("schedule", "end"),
            "schedule.end must be after schedule.start",
            rule="ad.schedule-order",
        )


def _check_primary(ad_set: AdSetSpec, ad: AdSpec, where: Where, out: Findings) -> None:
    slots = primary_slots(ad)
    wanted = ad_set.format.lower()
    if not slots:
        out.error(
            where.at("name"),
            "the ad has no primary file; set one of audio, video or image",
            hint=f"the ad set is {ad_set.format}: write {wanted}: path/to/file",
            rule="ad.primary",
        )
        return
    for slot in slots[1:]:
        out.error(
            where.key(slot),
            "set only one of audio, video or image",
            rule="ad.primary",
        )
    if slots[0] != wanted:
        out.error(
            where.key(slots[0]),
            f"{slots[0]} is not allowed in {ad_set.format} ad sets",
            hint=f"write {wanted}: instead",
            rule="ad.primary-format",
        )
