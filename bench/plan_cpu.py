"""Planning CPU for 1k/3k/10k/30k unchanged objects (printed, not asserted).

Run from the repository root: ``.venv/bin/python bench/plan_cpu.py``.
Each size is a converged account (the server's echo of the manifests: set
arrays shuffled, defaults filled, read-only fields added), so every object
is a no-op; the figure is the CPU time of ``build_plan`` alone.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from campaignctl.plan.planner import build_plan
from campaignctl.plan.state import DesiredState, LiveState
from tests.plan.builders import (
    NOW,
    ad,
    ad_set,
    campaign,
    converged,
    desired_state,
)

AD_SETS_PER_CAMPAIGN = 10
ADS_PER_AD_SET = 2
PER_CAMPAIGN = 1 + AD_SETS_PER_CAMPAIGN * (1 + ADS_PER_AD_SET)


def account_of(objects: int) -> tuple[DesiredState, LiveState, int]:
    campaigns = []
    for c in range(max(1, objects // PER_CAMPAIGN)):
        ad_sets = tuple(
            ad_set(
                f"Ad set {s}",
                ads=tuple(ad(f"Spot {a}") for a in range(ADS_PER_AD_SET)),
            )
            for s in range(AD_SETS_PER_CAMPAIGN)
        )
        campaigns.append(campaign(f"Campaign {c:05d}", ad_sets=ad_sets))
    desired = desired_state(*campaigns)
    live = converged(desired).state()
    return desired, live, len(campaigns) * PER_CAMPAIGN


def main() -> None:
    print(f"{'objects':>8}  {'plan CPU':>9}  {'per object':>10}")
    for size in (1_000, 3_000, 10_000, 30_000):
        desired, live, count = account_of(size)
        start = time.process_time()
        plan = build_plan(desired, live, now=NOW)
        spent = time.process_time() - start
        assert not plan.has_changes, "a converged account must plan no changes"
        print(f"{count:>8}  {spent:>8.2f}s  {spent / count * 1e6:>8.1f}µs")


if __name__ == "__main__":
    main()
