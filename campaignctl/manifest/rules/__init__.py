"""The API's documented rules, checked offline on typed manifests.

Each rule has a stable id (``Diagnostic.rule``). Checked elsewhere: field
shapes, lengths, patterns, enums and UUIDs (the models in ``spec/``), names
unique among siblings and accounts and currencies (``workspace.py``), asset
files (``assets.py``).
"""

from __future__ import annotations

from campaignctl.errors import Diagnostic
from campaignctl.manifest.rules import ad as ad_rules
from campaignctl.manifest.rules import ad_set as ad_set_rules
from campaignctl.manifest.rules import targets as target_rules
from campaignctl.manifest.rules.base import Context, Findings, Where
from campaignctl.manifest.spec import AdSetSpec, CampaignSpec

__all__ = ["Context", "Where", "check_campaign"]


def check_campaign(
    campaign: CampaignSpec, where: Where, ctx: Context
) -> list[Diagnostic]:
    """Every rule finding for one campaign, its ad sets and ads."""
    out = Findings()
    for index, ad_set in enumerate(campaign.ad_sets):
        _check_ad_set(campaign, ad_set, where.sub("ad_sets", index), ctx, out)
    return out.items


def _check_ad_set(
    campaign: CampaignSpec, ad_set: AdSetSpec, where: Where, ctx: Context, out: Findings
) -> None:
    ad_set_rules.check_schedule(ad_set, where, ctx, out)
    ad_set_rules.check_money(ad_set, where, ctx, out)
    ad_set_rules.check_objective(campaign, ad_set, where, out)
    ad_set_rules.check_frequency_caps(ad_set, where, out)
    ad_set_rules.check_category(ad_set, where, out)
    target_rules.check_placements(ad_set, where, out)
    target_rules.check_brand_safety(ad_set, where, out)
    target_rules.check_video_formats(campaign, ad_set, where, out)
    target_rules.check_video_views(campaign, ad_set, where, out)
    target_rules.check_app_installs(campaign, ad_set, where, out)
    for index, ad in enumerate(ad_set.ads):
        ad_rules.check_ad(ad_set, ad, where.sub("ads", index), out)
