"""Typed manifest documents: what users write, validated strictly.

These models describe the manifest format (and generate ``schemas/``);
``manifest/desired.py`` maps them to API-shaped bodies.
"""

from campaignctl.manifest.spec.ad import AdSpec, CallToAction, Tracking
from campaignctl.manifest.spec.ad_set import AdSetSpec, Bid, Budget, Schedule
from campaignctl.manifest.spec.campaign import CampaignSpec
from campaignctl.manifest.spec.project import AccountSpec, Policy, ProjectConfig
from campaignctl.manifest.spec.targets import Targets

__all__ = [
    "AccountSpec",
    "AdSetSpec",
    "AdSpec",
    "Bid",
    "Budget",
    "CallToAction",
    "CampaignSpec",
    "Policy",
    "ProjectConfig",
    "Schedule",
    "Targets",
    "Tracking",
]
