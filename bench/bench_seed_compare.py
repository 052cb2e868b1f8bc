"""Is an uncached ``compare`` of the seed pair as fast as it was at a baseline commit?

The working tree's ``src`` and the baseline's (``git archive``; by default where this branch left
``main``, so that later work on main does not move the yardstick) each run in
their own interpreter, rounds interleaved so that a busy machine slows both alike. Each round
loads the models, compares once to warm up, then times ``compare(wire, rewrite)`` with nothing
cached (a fresh analyzer; ``clear_cache()`` where the baseline has a module cache). The row is
the median seconds of all timed compares, this tree against the baseline.

    python bench/bench_seed_compare.py [--baseline main] [--rounds 3] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from rows import result

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PAIR = ("004_ad8205b13b026261.txt", "000_5106ceb30cf12f44.txt")

#: run inside each interpreter: prints one JSON list of seconds per timed compare
TIMER = """
import json, sys, time
import storylens.compare as c
from storylens.read import read_path
a, b = (read_path(p)[0] for p in sys.argv[1:3])
def once():
    if hasattr(c, "clear_cache"):
        c.clear_cache()
    start = time.perf_counter()
    c.compare(a, b)
    return time.perf_counter() - start
once()
print(json.dumps([once() for _ in range(int(sys.argv[3]))]))
"""


def _baseline_src(ref: str, into: Path) -> str:
    """``src`` of ``ref`` unpacked under ``into``; returns the commit it names."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = into / "src.tar"
    with open(archive, "wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return commit


def _times(src: Path, repeats: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(src), "HF_HUB_OFFLINE": "1"}
    env["TRANSFORMERS_OFFLINE"] = "1"
    seeds = [str(SEEDS / name) for name in PAIR]
    done = subprocess.run(
        [sys.executable, "-c", TIMER, *seeds, str(repeats)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(x) for x in json.loads(done.stdout.strip().splitlines()[-1])]


def _branch_point() -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def main(baseline: str | None = None, rounds: int = 3, repeats: int = 3) -> list[dict[str, Any]]:
    if not all((SEEDS / name).exists() for name in PAIR):
        raise SystemExit(f"bench_seed_compare: needs the seed pair in {SEEDS}")
    baseline = baseline or _branch_point()
    here: list[float] = []
    base: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        commit = _baseline_src(baseline, Path(tmp))
        for _ in range(rounds):
            base += _times(Path(tmp) / "src", repeats)
            here += _times(ROOT / "src", repeats)
    return [
        result(
            "compare seed pair, nothing cached (median)",
            "seconds",
            statistics.median(here),
            f"uncached at {commit}",
            statistics.median(base),
        )
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=None, help="git ref (default: merge-base with main)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for row in main(args.baseline, args.rounds, args.repeats):
        print(row)
