"""Inline rollout projects for tests: a template, a CSV and a Rollout."""

from __future__ import annotations

from pathlib import Path

from campaignctl.errors import Diagnostic
from tests.manifest.trees import ACCOUNT, media_files, write_tree

PROJECT = f"""\
accounts:
  sandbox: {{id: {ACCOUNT}, currency: USD}}
defaults:
  account: sandbox
  ad: {{advertiser_name: Nightjar Records, logo: assets/logo.png}}
"""

ROLLOUT = """\
apiVersion: campaignctl/v1
kind: Rollout
name: World launch
template: ad-set.yaml.j2
values: markets.csv
key: market
each: ad_set
vars: {url: "https://example.com/listen"}
campaign:
  name: World Launch
  objective: REACH
  prune: true
  defaults:
    ad_set:
      category: ADV_21_182
      format: AUDIO
      bid: {max_cpm: 9 USD}
      targets: {placements: [music]}
"""

TEMPLATE = """\
name: {{ row.country | country_name }}
schedule: {start: {{ row.start | date }}, end: {{ row.start | date(days=30) }}}
budget: {daily: {{ row.daily_budget | money('USD') }}}
targets:
  geo: {country: {{ row.country }}}
ads:
  - name: Spot
    tagline: {{ row.tagline | yaml }}
    audio: {{ row.audio }}
    companion: assets/cover.png
    call_to_action: {url: "{{ vars.url }}?m={{ row.market }}"}
"""

CSV = """\
market,country,daily_budget,start,audio,tagline
se,SE,90,2034-03-01,assets/spot.wav,Out now
no,NO,60,2034-03-01,assets/spot.wav,Ute nå
dk,DK,50,2034-03-01,assets/spot.wav,Ude nu
"""


def rollout_project(
    root: Path,
    *,
    rollout: str = ROLLOUT,
    template: str = TEMPLATE,
    csv: str = CSV,
    **extra: str | bytes,
) -> Path:
    files: dict[str, str | bytes] = {
        "campaignctl.yaml": PROJECT,
        "launch.yaml": rollout,
        "ad-set.yaml.j2": template,
        "markets.csv": csv,
        **media_files(),
    }
    files.update(extra)
    return write_tree(root, files)


def texts(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[str]:
    return [str(d) for d in diagnostics]
