"""Manifests of the report tests' project (what ``delivering`` creates)."""

from __future__ import annotations

PROJECT = """\
accounts:
  sandbox:
    id: 00000000-0000-4000-a000-000000000001
    currency: USD
defaults:
  account: sandbox
  ad:
    advertiser_name: Nightjar Records
"""
CAMPAIGN = """\
apiVersion: campaignctl/v1
kind: Campaign
name: Summer Launch 2030
objective: REACH
ad_sets:
  - name: US Rock Fans 18-34
    category: ADV_21_182
    format: AUDIO
    schedule: {start: 2030-01-01T01:00:00Z, end: 2030-03-01T00:00:00Z}
    budget: {daily: 150 USD}
    bid: {max_cpm: 30 USD}
    targets:
      ages: [18-34]
      geo: {country: US}
      placements: [music]
    ads:
      - name: Spot 1
        tagline: New album out now
        audio: assets/spot-a.wav
        companion: assets/cover.png
        logo: assets/logo.png
        call_to_action: {key: LISTEN_NOW, url: "https://example.com/listen"}
      - name: Spot 2
        tagline: New album out now
        audio: assets/spot-b.wav
        companion: assets/cover.png
        logo: assets/logo.png
        call_to_action: {key: LISTEN_NOW, url: "https://example.com/listen"}
"""
DAILY_ADS = """\
apiVersion: campaignctl/v1
kind: Report
name: daily-ads
level: ad
metrics: [impressions, spend, clicks, ctr, reach, frequency, completes]
granularity: day
backfill: {backfill}
statuses: all
"""


def project_files() -> dict[str, str]:
    return {
        "campaignctl.yaml": PROJECT,
        "launch.yaml": CAMPAIGN,
        "reports.yaml": DAILY_ADS.format(backfill="2030-01-01"),
    }


def report(name: str, **fields: object) -> str:
    """A Report document with ``fields`` (lists and strings as YAML flow)."""
    lines = ["apiVersion: campaignctl/v1", "kind: Report", f"name: {name}"]
    for key, value in fields.items():
        if isinstance(value, list | tuple):
            value = "[" + ", ".join(str(v) for v in value) + "]"
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"
