"""Run every benchmark in bench/, print one table and write bench/results.json.

Each ``bench/bench_*.py`` has a ``main()`` returning result dicts
``{name, metric, value, baseline, baseline_value, ratio}``; speeds are ratios against a baseline
measured in the same run because these machines are noisy.

    python bench/run.py                 # every benchmark
    python bench/run.py read compare    # only bench_read.py and bench_compare.py; their
                                        # rows in results.json are replaced, the rest kept
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(HERE))
    spec.loader.exec_module(module)
    return module


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return "" if value is None else str(value)


def main(only: list[str]) -> int:
    console = Console(stderr=True)
    results: list[dict[str, Any]] = []
    failed: list[str] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem.removeprefix("bench_") not in only:
            continue
        console.print(f"[bold]{path.name}[/bold] …")
        start = time.perf_counter()
        try:
            results.extend({**r, "bench": path.stem} for r in _load(path).main())
        except Exception:  # one broken bench must not hide the others
            failed.append(path.name)
            console.print(traceback.format_exc(), style="red")
        console.print(f"  done in {time.perf_counter() - start:.0f} s")
    table = Table(title="storylens benchmarks")
    for column in ("name", "metric", "value", "baseline", "baseline value", "ratio"):
        table.add_column(column, justify="right" if column[0] in "vbr" else "left")
    for r in results:
        table.add_row(
            r["name"],
            r["metric"],
            _fmt(r["value"]),
            _fmt(r.get("baseline")),
            _fmt(r.get("baseline_value")),
            _fmt(r.get("ratio")),
        )
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    if only and RESULTS.exists():
        # a partial run replaces its own benches' rows and keeps the others'
        ran = {r["bench"] for r in results} | {f"bench_{name}" for name in only}
        kept = [r for r in json.loads(RESULTS.read_text()) if r.get("bench") not in ran]
        results = kept + results
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    console.print(f"wrote {RESULTS}")
    if failed:
        console.print(f"failed: {', '.join(failed)}", style="red")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
