"""bench/scale.py runs from a fresh clone: a tiny size, every step but the apply.

The figures are not asserted (benchmarks print them); what is asserted is what
the benchmark itself checks and counts: the seeded account, a plan with no
changes in a child process against a served sandbox, and the server's count
of requests equal to the minimum.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_scale_benchmark_runs_and_reads_the_minimum_pages() -> None:
    command = [sys.executable, str(ROOT / "bench" / "scale.py"), "--sizes", "1"]
    command += ["--base", "2", "--skip-apply", "--rollout-rows", "20", "--repeat", "1"]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("  1x |"))
    cells = [cell.strip() for cell in row.split("|")]
    assert cells[:4] == ["1x", "2", "20", "40"]
    assert cells[11] == "5 = 5"
    minimum = "min 1 + ⌈2/50⌉ + ⌈20/50⌉ + ⌈40/50⌉ + ⌈3/50⌉ = 5"
    assert "seeded 65 objects" in done.stdout
    assert minimum in done.stdout
    assert "render + validate a rollout of 20 rows" in done.stdout
