"""How fast does `storylens serve` answer under concurrent clients, next to /api/health?

Starts the server on loopback in a subprocess over a small store, runs a bounded number of
concurrent clients for a bounded number of requests per endpoint, and reports requests/s and
p95 latency for /api/compare and /api/stories; the baseline is /api/health in the same run.
Then: how long a 700-word compare takes while two maximum-length (200,000-character) compares
run, against the same compare on an idle server (issue 16: within 2 s).

    python bench/bench_web.py [--clients 4] [--requests 200] [--compare-requests 24]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

TOKEN = "bench-token"
TEXT_A = (
    "Floods hit the city of Porto on Monday after three days of rain. Mayor Rui Costa said 300 "
    'people had left their homes.\n\n"We have never seen the river this high," Costa said.'
)
TEXT_B = (
    "The mayor of Porto, Rui Costa, said on Monday that 300 residents were evacuated as the "
    "Douro burst its banks.\n\nForecasters expect more rain on Wednesday."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _records() -> list[dict[str, Any]]:
    """A few dozen short articles in a handful of stories, so that /api/stories has pages."""
    out = []
    for story in range(8):
        for copy in range(4):
            out.append(
                {
                    "title": f"Event {story}: report {copy} on the council vote in town {story}",
                    "text": f"The council of town {story} voted {story * 7 + 3} to {copy + 2} on "
                    f"Tuesday to approve plan {story}.\n\nMayor Lee {story} welcomed the result.",
                    "outlet": f"Outlet {copy}",
                    "published": f"2024-03-{10 + story:02d}T0{copy}:00:00Z",
                }
            )
    return out


_serial = itertools.count()


def _fresh(body: dict[str, Any]) -> dict[str, Any]:
    """A pair no earlier request sent: the library caches analyses by article id."""
    n = next(_serial)
    return {side: {**body[side], "text": f"{body[side]['text']} Update {n}."} for side in body}


def _start(store: Path, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import sys, uvicorn; from storylens.web import create_app; "
        "uvicorn.run(create_app(sys.argv[1], token=sys.argv[2]), host='127.0.0.1', "
        "port=int(sys.argv[3]), log_level='warning')"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code, str(store), TOKEN, str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"the server exited: {err[-500:]}")
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start in time")


def _load(
    call: Callable[[httpx.Client], httpx.Response], clients: int, requests: int, budget_s: float
) -> dict[str, float]:
    """``requests`` calls spread over ``clients`` threads, stopping early after ``budget_s``."""
    latencies: list[float] = []
    failures = 0
    stop_at = time.monotonic() + budget_s

    def worker(n: int) -> None:
        nonlocal failures
        with httpx.Client(timeout=120) as client:
            for _ in range(n):
                if time.monotonic() > stop_at:
                    return
                t0 = time.perf_counter()
                r = call(client)
                latencies.append(time.perf_counter() - t0)
                failures += r.status_code != 200

    share = [requests // clients + (i < requests % clients) for i in range(clients)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, share))
    elapsed = time.perf_counter() - t0
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else 0.0
    return {
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p95_ms": p95 * 1000,
        "median_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "n": len(latencies),
        "failures": failures,
    }


def _words(n: int, seed: int) -> str:
    """``n`` words of news-like prose, different for each ``seed`` (analyses are cached)."""
    sentences = [
        f"Officials in town {seed} said {i} families left their homes as the river rose on "
        f"day {i % 7}."
        if i % 3
        else f'"We have not seen water like this since {1990 + i}," '
        f"Mayor Lee {seed} told reporters."
        for i in range(n // 8 + 1)
    ]
    text = " ".join(sentences)
    return " ".join(text.split()[:n])


def _long_text(seed: int, chars: int = 200_000) -> str:
    paragraphs = []
    while sum(len(p) + 2 for p in paragraphs) < chars:
        paragraphs.append(_words(120, seed * 1000 + len(paragraphs)))
    return "\n\n".join(paragraphs)[:chars]


def starvation(base: str) -> dict[str, float]:
    """Seconds a fresh 700-word compare takes alone, and while two maximum-length compares
    run (the long ones are left to the server, which the caller stops)."""

    def short(seed: int) -> float:
        body = {"a": {"text": _words(700, seed)}, "b": {"text": _words(700, seed + 1)}}
        t0 = time.perf_counter()
        httpx.post(base + "/api/compare", json=body, timeout=300).raise_for_status()
        return time.perf_counter() - t0

    alone = statistics.median(short(10 + 2 * i) for i in range(3))

    def long_compare(seed: int) -> None:
        body = {"a": {"text": _long_text(seed)}, "b": {"text": _long_text(seed + 1)}}
        # the server is stopped under it once the figure is taken
        with contextlib.suppress(httpx.HTTPError):
            httpx.post(base + "/api/compare", json=body, timeout=600)

    for seed in (100, 200):
        threading.Thread(target=long_compare, args=(seed,), daemon=True).start()
    time.sleep(5)  # both are past reading and into the models
    loaded = statistics.median(short(50 + 2 * i) for i in range(3))
    return {"alone": alone, "loaded": loaded}


def main(clients: int = 4, requests: int = 200, compare_requests: int = 24) -> list[dict]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        proc = _start(Path(tmp) / "bench.db", port)
        try:
            _wait_up(base, proc)
            auth = {"Authorization": f"Bearer {TOKEN}"}
            r = httpx.post(base + "/api/articles", json=_records(), headers=auth, timeout=300)
            r.raise_for_status()
            body = {"a": {"text": TEXT_A, "outlet": "A"}, "b": {"text": TEXT_B, "outlet": "B"}}
            # one warm-up compare so that model loading is not counted as latency
            httpx.post(base + "/api/compare", json=body, timeout=300).raise_for_status()
            runs = {
                "health": _load(lambda c: c.get(base + "/api/health"), clients, requests, 60),
                "stories": _load(
                    lambda c: c.get(base + "/api/stories", params={"limit": 20}),
                    clients,
                    requests,
                    60,
                ),
                "compare": _load(
                    lambda c: c.post(base + "/api/compare", json=_fresh(body)),
                    clients,
                    compare_requests,
                    90,
                ),
            }
            starved = starvation(base)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    health = runs["health"]
    results = []
    for name in ("stories", "compare"):
        run = runs[name]
        results.append(
            {
                "name": f"web /api/{name} ({clients} clients, n={run['n']}, "
                f"failures={run['failures']})",
                "metric": "requests/s",
                "value": round(run["rps"], 2),
                "baseline": "/api/health",
                "baseline_value": round(health["rps"], 2),
                "ratio": round(run["rps"] / health["rps"], 4) if health["rps"] else None,
            }
        )
        results.append(
            {
                "name": f"web /api/{name} ({clients} clients)",
                "metric": "p95 latency ms",
                "value": round(run["p95_ms"], 1),
                "baseline": "/api/health",
                "baseline_value": round(health["p95_ms"], 1),
                "ratio": round(run["p95_ms"] / health["p95_ms"], 2) if health["p95_ms"] else None,
            }
        )
    results.append(
        {
            "name": "web /api/compare, 700 words, while two 200,000-character compares run",
            "metric": "latency s (median of 3)",
            "value": round(starved["loaded"], 2),
            "baseline": "the same compare on an idle server",
            "baseline_value": round(starved["alone"], 2),
            "ratio": round(starved["loaded"] / starved["alone"], 2) if starved["alone"] else None,
        }
    )
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--compare-requests", type=int, default=24)
    args = parser.parse_args()
    for row in main(args.clients, args.requests, args.compare_requests):
        print(row)
