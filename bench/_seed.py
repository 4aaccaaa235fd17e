"""What the benchmarks share: projects, bulk seeding, a served sandbox, credentials.

* ``write_account_project``: C campaigns x S ad sets x A ads as plain
  ``kind: Campaign`` manifests (one file per campaign), three asset files.
* ``write_rollout_project``: one template and a CSV of N rows (``kind: Rollout``).
* ``seed_database``: the objects a project describes, stored in a sandbox
  SQLite file as an apply would have left them, so a plan shows no changes.
  One object per kind goes through the sandbox's services (validation,
  defaults); every other one is a copy of it with its own fields, inserted in
  bulk (``campaignctl.sandbox.seeding.clone_objects``): 31,000 objects take
  seconds instead of minutes.
* ``served``: ``campaignctl sandbox serve`` on that file in its own process.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaignctl.manifest import load_workspace  # noqa: E402
from campaignctl.plan.state import DesiredAsset, DesiredState  # noqa: E402
from campaignctl.sandbox import SandboxConfig, create_app, seeding  # noqa: E402
from campaignctl.sandbox.context import Sandbox  # noqa: E402

ACCOUNT = "00000000-0000-4000-a000-000000000001"
CLOCK_START = "2030-01-01T00:00:00Z"  # seeding clock; schedules are in 2034
PAGE = 50
LISTINGS = ("campaigns", "ad_sets", "ads", "assets")
QUICKSTART = ROOT / "examples" / "quickstart" / "assets"
EXAMPLE = ROOT / "examples" / "rollout"


def api_env(server: str) -> dict[str, str]:
    """The environment that points campaignctl at a served sandbox."""
    return {
        "CAMPAIGNCTL_API_URL": f"{server}/ads/v3",
        "CAMPAIGNCTL_TOKEN_URL": f"{server}/api/token",
        "SPOTIFY_ADS_CLIENT_ID": "sandbox-client",
        "SPOTIFY_ADS_CLIENT_SECRET": "sandbox-secret",
        "SPOTIFY_ADS_REFRESH_TOKEN": "sandbox-refresh",
    }


# -- a large account as plain manifests ------------------------------------------------
PROJECT = f"""\
accounts:
  sandbox: {{id: {ACCOUNT}, currency: USD}}
defaults:
  account: sandbox
  ad: {{advertiser_name: Nightjar Records, logo: assets/logo.png}}
"""
COUNTRIES = ("US", "GB", "DE", "SE", "FR", "BR", "MX", "JP")


def write_account_project(
    root: Path, *, campaigns: int, ad_sets: int = 10, ads: int = 2, tag: str = ""
) -> None:
    """``campaigns`` files, each a campaign of ``ad_sets`` ad sets of ``ads`` ads."""
    (root / "assets").mkdir(parents=True)
    for name in ("logo.png", "cover.png", "spot-a.wav"):
        shutil.copy(QUICKSTART / name, root / "assets" / name)
    (root / "campaignctl.yaml").write_text(PROJECT)
    folder = root / "campaigns"
    folder.mkdir()
    for c in range(campaigns):
        text = _campaign_text(c, ad_sets=ad_sets, ads=ads, tag=tag)
        (folder / f"c{c:05d}.yaml").write_text(text)


def _campaign_text(c: int, *, ad_sets: int, ads: int, tag: str) -> str:
    lines = [
        "apiVersion: campaignctl/v1",
        "kind: Campaign",
        f"name: {tag}Campaign {c:05d}",
        "objective: REACH",
        "prune: true",
        "ad_sets:",
    ]
    for s in range(ad_sets):
        n = c * ad_sets + s
        lines += [
            f"  - name: Market {s:03d}",
            "    category: ADV_21_182",
            "    format: AUDIO",
            "    schedule: {start: 2034-03-01T00:00:00Z, end: 2034-05-31T00:00:00Z}",
            f"    budget: {{daily: {50 + n % 200} USD}}",
            "    bid: {max_cpm: 12.50 USD}",
            "    frequency_caps: {day: 3, week: 10}",
            "    targets:",
            "      ages: [18-24, 25-34]",
            f"      geo: {{country: {COUNTRIES[n % len(COUNTRIES)]}}}",
            "      genres: [indie, rock]",
            "      platforms: [ios, android]",
            "      placements: [music]",
            "    ads:",
        ]
        for a in range(ads):
            url = f"https://example.com/nightjar?c={c}&s={s}&a={a}"
            lines += [
                f"      - name: Spot {a}",
                f"        tagline: The new album, part {a + 1}. Out at midnight.",
                "        audio: ../assets/spot-a.wav",
                "        companion: ../assets/cover.png",
                f'        call_to_action: {{key: LISTEN_NOW, url: "{url}"}}',
            ]
    return "\n".join(lines) + "\n"


# -- a templated rollout ------------------------------------------------------------
ROLLOUT = """\
apiVersion: campaignctl/v1
kind: Rollout
name: Bench rollout
template: ad-set.yaml.j2
values: markets.csv
key: market
each: ad_set
vars: {url: "https://example.com/nightjar/midnight"}
campaign:
  name: Bench Campaign
  objective: REACH
  prune: true
  defaults:
    ad_set:
      category: ADV_21_182
      format: AUDIO
      bid: {max_cpm: 9 USD}
      frequency_caps: {day: 3, week: 10}
      targets: {ages: [18-24, 25-34], placements: [music]}
"""
TEMPLATE = """\
name: {{ row.name | yaml }}
schedule:
  start: {{ row.start | date }}
  end: {{ row.start | date(days=90) }}
budget: {daily: {{ row.daily_budget | money('USD') }}}
targets:
  geo: {country: {{ row.country }}}
  language: {{ row.language }}
ads:
  - name: Lead Single
    tagline: {{ row.tagline | yaml }}
    audio: {{ row.audio }}
    companion: assets/cover.png
    call_to_action: {key: LISTEN_NOW, url: "{{ vars.url }}?market={{ row.market }}"}
"""


def write_rollout_project(root: Path, rows: int) -> None:
    """One rollout: ``rows`` ad sets (one ad each) from a template and a CSV."""
    (root / "assets").mkdir(parents=True)
    for name in ("logo.png", "cover.png", "spot-en.wav"):
        shutil.copy(EXAMPLE / "assets" / name, root / "assets" / name)
    (root / "campaignctl.yaml").write_text(PROJECT)
    (root / "launch.yaml").write_text(ROLLOUT)
    (root / "ad-set.yaml.j2").write_text(TEMPLATE)
    lines = ["market,name,country,language,daily_budget,start,audio,tagline"]
    for index in range(rows):
        name = "Bench set" if index == 0 else f"Bench set #{index}"
        lines.append(
            f"m{index:05d},{name},US,en,{50 + index % 200},2034-03-01,"
            "assets/spot-en.wav,The new album. Out at midnight."
        )
    (root / "markets.csv").write_text("\n".join(lines) + "\n")


# -- seeding ----------------------------------------------------------------------
@dataclass(frozen=True)
class Seeded:
    """Ids of the stored objects, per listing, in manifest order."""

    ids: Mapping[str, Sequence[str]]

    def count(self, listing: str) -> int:
        return len(self.ids[listing])

    def minimum_requests(self) -> int:
        """1 + ⌈C/50⌉ + ⌈S/50⌉ + ⌈A/50⌉ + ⌈assets/50⌉ (an empty list: 1 page)."""
        return 1 + sum(pages(self.count(listing)) for listing in LISTINGS)

    def formula(self) -> str:
        parts = " + ".join(f"⌈{self.count(x):,}/50⌉" for x in LISTINGS)
        return f"1 + {parts} = {self.minimum_requests():,}"


def pages(total: int) -> int:
    return max(1, math.ceil(total / PAGE))


def seed_database(database: Path, root: Path) -> Seeded:
    """Store what the project at ``root`` describes in the SQLite file ``database``."""
    config = SandboxConfig(
        db=str(database), clock_start=CLOCK_START, rate_limit=0, processing_ms=0
    )
    app = create_app(config)
    try:
        return seed_desired(app.state.sandbox, load_workspace([root]).desired, root)
    finally:
        app.state.sandbox.close()


def seed_desired(sb: Sandbox, desired: DesiredState, root: Path) -> Seeded:
    """Store every object of ``desired`` as apply would (see the module doc)."""
    assets = {a.digest: _stored_asset(sb, a, root) for a in desired.assets}
    campaigns = desired.campaigns
    campaign_ids = _seed_kind(sb, "campaign", [(c.body, None) for c in campaigns])
    ad_sets = [
        (s, parent)
        for c, parent in zip(campaigns, campaign_ids, strict=True)
        for s in c.ad_sets
    ]
    ad_set_ids = _seed_kind(sb, "ad_set", [(s.body, p) for s, p in ad_sets])
    ads = [(a, p) for (s, _), p in zip(ad_sets, ad_set_ids, strict=True) for a in s.ads]
    ad_bodies = [
        ({**a.body, "assets": {k: assets[v] for k, v in a.body["assets"].items()}}, p)
        for a, p in ads
    ]
    ad_ids = _seed_kind(sb, "ad", ad_bodies)
    return Seeded(
        {
            "campaigns": campaign_ids,
            "ad_sets": ad_set_ids,
            "ads": ad_ids,
            "assets": list(assets.values()),
        }
    )


def _stored_asset(sb: Sandbox, asset: DesiredAsset, root: Path) -> str:
    body = {"name": asset.name, "asset_type": asset.asset_type}
    if asset.asset_subtype:
        body["asset_subtype"] = asset.asset_subtype
    content = (root / asset.path).read_bytes()
    return str(
        seeding.create_asset(sb, body, content=content, account_id=ACCOUNT)["id"]
    )


CREATE = {
    "campaign": seeding.create_campaign,
    "ad_set": seeding.create_ad_set,
    "ad": seeding.create_ad,
}


def _seed_kind(
    sb: Sandbox, kind: str, bodies: Sequence[tuple[Mapping[str, Any], str | None]]
) -> list[str]:
    """The first body through the services, the rest as copies of it."""
    if not bodies:
        return []
    link = seeding.PARENT_FIELD.get(kind)
    (first, parent), *rest = bodies
    request = {**first, link: parent} if link else dict(first)
    template = CREATE[kind](sb, request, account_id=ACCOUNT)
    copies = [seeding.Copy(p, _changes(first, body)) for body, p in rest]
    return [template["id"], *seeding.clone_objects(sb, kind, template["id"], copies)]


def _changes(template: Mapping[str, Any], body: Mapping[str, Any]) -> dict[str, Any]:
    """Fields of ``body`` that differ from the template's, objects key by key."""
    if set(template) != set(body):
        raise ValueError(f"fields differ: {sorted(set(template) ^ set(body))}")
    changes = {}
    for key, value in body.items():
        was = template[key]
        if value == was:
            continue
        both = isinstance(value, Mapping) and isinstance(was, Mapping)
        changes[key] = _changes(was, value) if both else value
    return changes


# -- serving ----------------------------------------------------------------------
@dataclass(frozen=True)
class Served:
    url: str  # http://127.0.0.1:PORT
    pid: int


@contextmanager
def served(
    database: Path | str,
    *,
    rate_limit: float = 0,
    latency_ms: int = 0,
    code: Path | None = None,
) -> Iterator[Served]:
    """``campaignctl sandbox serve`` on ``database`` in its own process.

    ``latency_ms`` adds that much to every API call (a far-away API);
    ``code``: a directory holding another ``campaignctl`` package to run.
    """
    command = [sys.executable, "-m", "campaignctl", "sandbox", "serve", "--port", "0"]
    command += ["--db", str(database), "--rate-limit", str(rate_limit)]
    command += ["--latency-ms", str(latency_ms)]
    env = {**os.environ, "PYTHONPATH": str(code)} if code else None
    server = subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, cwd=code or ROOT, env=env
    )
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
        found = re.search(r"listening on (http://\S+)", first)
        assert found, first
        yield Served(found.group(1), server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
