"""Targeting and format rules: placements, platforms, video formats, brand safety.

Sources: BRIEF §2.1 (VIDEO_VIEWS, APP_INSTALLS, CLICKS), §2.2 Targets table,
§9.2 gotcha 4, §11 rule 6; spec ``Targets.placements.x-spotify-requires``.
"""

from __future__ import annotations

from campaignctl.manifest.rules.base import Findings, Where
from campaignctl.manifest.spec import AdSetSpec, CampaignSpec


def check_placements(ad_set: AdSetSpec, where: Where, out: Findings) -> None:
    placements = ad_set.targets.placements
    if not placements:
        out.error(
            where.at("targets", "placements"),
            "targets.placements needs at least one of music or podcast",
            rule="targets.placements",
        )
    elif placements == ("PODCAST",):
        out.error(
            where.at("targets", "placements"),
            "podcast cannot be the only placement",
            hint="write placements: [music, podcast]",
            rule="targets.placements",
        )


def check_brand_safety(ad_set: AdSetSpec, where: Where, out: Findings) -> None:
    safety = ad_set.targets.brand_safety
    if safety is None:
        return
    if safety.level is not None and safety.topics:
        out.error(
            where.at("targets", "brand_safety"),
            "brand_safety sets both level and topics; the API takes one or the other",
            hint="use level for every topic, or topics for some",
            rule="targets.brand-safety",
        )
    elif safety.level is None and not safety.topics:
        out.error(
            where.at("targets", "brand_safety"),
            "brand_safety needs level or topics",
            rule="targets.brand-safety",
        )


def check_video_formats(
    campaign: CampaignSpec, ad_set: AdSetSpec, where: Where, out: Findings
) -> None:
    formats = ad_set.video_formats
    if formats is None:
        return
    if ad_set.format != "VIDEO":
        out.error(
            where.at("video_formats"),
            "video_formats is only for VIDEO ad sets",
            rule="adset.video-formats",
        )
        return
    only = {"VIDEO_VIEWS": "OPT_IN", "CLICKS": "IN_STREAM"}.get(campaign.objective)
    if only and set(formats) != {only}:
        out.error(
            where.at("video_formats"),
            f"{campaign.objective} video ad sets allow only {only.lower()}",
            hint=f"write video_formats: [{only.lower()}] or leave it out",
            rule="adset.video-formats",
        )


def check_video_views(
    campaign: CampaignSpec, ad_set: AdSetSpec, where: Where, out: Findings
) -> None:
    if campaign.objective != "VIDEO_VIEWS":
        return
    if set(ad_set.targets.placements) - {"MUSIC"}:
        out.error(
            where.at("targets", "placements"),
            "VIDEO_VIEWS ad sets run in music only",
            hint="write placements: [music]",
            rule="adset.video-views",
        )
    platforms = ad_set.targets.platforms
    if platforms is None or "DESKTOP" in platforms:
        out.error(
            where.at("targets", "platforms"),
            "VIDEO_VIEWS ad sets cannot run on desktop"
            + ("; omitted platforms mean all three" if platforms is None else ""),
            hint="write platforms: [android, ios]",
            rule="adset.video-views",
        )


def check_app_installs(
    campaign: CampaignSpec, ad_set: AdSetSpec, where: Where, out: Findings
) -> None:
    if campaign.objective != "APP_INSTALLS":
        return
    if ad_set.mobile_app_id is None:
        out.error(
            where.at("name"),
            "APP_INSTALLS ad sets need mobile_app_id",
            hint="add mobile_app_id: <the app's UUID>",
            rule="adset.app-installs",
        )
    platforms = ad_set.targets.platforms
    if platforms not in (("IOS",), ("ANDROID",)):
        out.error(
            where.at("targets", "platforms"),
            "APP_INSTALLS ad sets target exactly one of ios or android"
            + ("; omitted platforms mean all three" if platforms is None else ""),
            hint="write platforms: [ios] or platforms: [android]",
            rule="adset.app-installs",
        )
