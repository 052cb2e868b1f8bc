"""Does reading a real web page keep the whole article and nothing else, and how fast?

On ``../shared/data/extraction-dev`` (200 saved pages with snippets that must be kept, ``with``,
and snippets of boilerplate that must be left out, ``without``; see its README), for
``storylens`` (the whole HTML reader: decoding, structured data, figures, trafilatura, furniture
pass, language) and for ``trafilatura.extract()`` alone on the same bytes:

- ``with`` kept and ``without`` dropped, on ``text`` alone and on text + standfirst + headings;
- pages/s, the two readers interleaved page by page so load on a shared machine hits both alike;
- pages where storylens finds no body but trafilatura finds one;
- word-bag precision / recall / F1 (mean per page) against the whole gold bodies of the small
  hand-written pages in ``tests/read/fixtures/extraction`` (extraction-dev has snippets only):
  a small honest check, not a benchmark.

    python bench/bench_extraction.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import trafilatura

from storylens.model import Article
from storylens.read.htmlpage import read_html
from storylens.read.options import ReadOptions
from storylens.read.sources import Source

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "extraction-dev"
PAGES = REPO / "tests" / "read" / "fixtures" / "extraction"
_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _ours(key: str, data: bytes) -> tuple[str, str]:
    """(text, text + standfirst + headings); empty when the reader reports a problem."""
    items = list(read_html(Source(key, f"{key}.html", data), ReadOptions()))
    article = items[0] if items and isinstance(items[0], Article) else None
    if article is None:
        return "", ""
    full = "\n".join([article.standfirst or "", article.text, *article.headings])
    return article.text, full


def _theirs(data: bytes) -> str:
    return trafilatura.extract(data) or ""


def snippet_scores(gold: dict[str, Any], texts: dict[str, str]) -> tuple[float, float]:
    """(share of ``with`` snippets found, share of ``without`` snippets absent)."""
    kept = [_norm(s) in texts[k] for k, g in gold.items() for s in g["with"]]
    dropped = [_norm(s) not in texts[k] for k, g in gold.items() for s in g["without"]]
    return sum(kept) / len(kept), sum(dropped) / len(dropped)


def word_bag(found: str, gold: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the words of ``found`` against those of ``gold``."""
    ours, theirs = Counter(_WORD.findall(found.lower())), Counter(_WORD.findall(gold.lower()))
    common = sum((ours & theirs).values())
    precision = common / sum(ours.values()) if ours else 0.0
    recall = common / sum(theirs.values()) if theirs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def _fixture_word_bags() -> list[dict[str, Any]]:
    gold = json.loads((PAGES / "gold.json").read_text(encoding="utf-8"))
    ours, theirs = [], []
    for name, page in gold.items():
        data = (PAGES / name).read_bytes()
        text, _ = _ours(name, data)
        ours.append(word_bag(text, page["body"]))
        theirs.append(word_bag(_theirs(data), page["body"]))
    rows = []
    for i, metric in enumerate(("precision", "recall", "F1")):
        mine = sum(score[i] for score in ours) / len(ours)
        base = sum(score[i] for score in theirs) / len(theirs)
        rows.append(_row(f"fixture pages: word-bag {metric}, text", "mean per page", mine, base))
    return rows


def _row(name: str, metric: str, ours: float, theirs: float) -> dict[str, Any]:
    return {
        "name": name,
        "metric": metric,
        "value": round(ours, 3),
        "baseline": "trafilatura.extract alone",
        "baseline_value": round(theirs, 3),
        "ratio": round(ours / theirs, 3) if theirs else None,
    }


def main(repeat: int = 2) -> list[dict[str, Any]]:
    if not (DEV / "gold.json").exists():
        raise FileNotFoundError(f"{DEV} is absent: run from a checkout with ../shared beside it")
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    pages = {k: gzip.decompress((DEV / "html" / f"{k}.html.gz").read_bytes()) for k in gold}
    _ours(*next(iter(pages.items())))  # imports and lazy tables load outside the timing
    _theirs(next(iter(pages.values())))
    ours_s = theirs_s = 0.0
    text: dict[str, str] = {}
    full: dict[str, str] = {}
    theirs: dict[str, str] = {}
    for _ in range(repeat):
        for key, data in pages.items():
            start = time.perf_counter()
            text[key], full[key] = _ours(key, data)
            ours_s += time.perf_counter() - start
            start = time.perf_counter()
            theirs[key] = _theirs(data)
            theirs_s += time.perf_counter() - start
    text, full, theirs = ({k: _norm(v) for k, v in d.items()} for d in (text, full, theirs))
    kept, dropped = snippet_scores(gold, text)
    kept_full, dropped_full = snippet_scores(gold, full)
    base_kept, base_dropped = snippet_scores(gold, theirs)
    empty = sum(1 for k in pages if not text[k] and theirs[k])
    n = len(pages) * repeat
    return [
        _row("extraction-dev: with kept, text", "share of snippets", kept, base_kept),
        _row("extraction-dev: without dropped, text", "share of snippets", dropped, base_dropped),
        _row("extraction-dev: with kept, text+standfirst+headings", "share", kept_full, base_kept),
        _row(
            "extraction-dev: without dropped, +standfirst+headings",
            "share",
            dropped_full,
            base_dropped,
        ),
        _row("extraction-dev: pages read", "pages/s", n / ours_s, n / theirs_s),
        {
            "name": "extraction-dev: empty body where trafilatura finds one",
            "metric": "pages",
            "value": empty,
            "baseline": None,
            "baseline_value": None,
            "ratio": None,
        },
        *_fixture_word_bags(),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    for row in main(repeat=args.repeat):
        print(row)
