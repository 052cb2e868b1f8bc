"""How fast does `iter_articles` read HTML pages, against trafilatura alone on the same pages?

Generates realistic pages (figures with credits, bylines, share/subscribe boilerplate, cross-heads,
attribution lines) in a temporary folder. Speed: articles/s of the whole storylens read
(decoding, figures, trafilatura, furniture pass, language) vs ``trafilatura.extract``. Quality:
share of pages whose body text is free of the planted furniture, for both.

    python bench/bench_read.py [--pages 2000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import trafilatura

from storylens.errors import Problem
from storylens.read import iter_articles

_PROSE = (
    "government officials said on Tuesday that the new plan would cut emissions raise taxes "
    "on fuel and fund rail projects across the country while critics warned of higher prices "
    "for families farmers and small businesses in rural areas the minister told reporters"
)
WORDS = _PROSE.split(" ")
AGENCIES = ("Reuters", "AFP", "AP Photo", "Getty Images", "EPA")
FURNITURE = ("Share this article", "Subscribe to our newsletter", "contributed to this report")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + "."


def make_page(i: int, rng: random.Random) -> str:
    paragraphs = [
        " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(6, 14))
    ]
    body: list[str] = [f'<p class="byline">By Reporter {i} and Second Writer</p>']
    for n, para in enumerate(paragraphs):
        body.append(f"<p>{para}</p>")
        if n == 2:
            credit = f"Photographer {i}/{rng.choice(AGENCIES)}"
            body.append(
                f'<figure><img src="{i}.jpg"><figcaption>Caption number {i} shows the scene '
                f'<span class="credit">{credit}</span></figcaption></figure>'
            )
        if n == 4:
            body.append("<p>Share this article</p>")
        if n == 5:
            body.append(f"<h2>Section {i}</h2>")
    body.append(f"<p>{rng.choice(AGENCIES[:2])} contributed to this report.</p>")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story {i}</title>'
        f'<meta property="og:title" content="Plan to cut emissions, story {i}">'
        f'<meta property="og:site_name" content="Outlet {i % 7}">'
        f'<meta property="article:published_time" content="2021-03-{1 + i % 28:02d}T10:00:00Z">'
        "</head><body><header><nav><a href='/'>Home</a><a href='/world'>World</a></nav></header>"
        f"<main><article><h1>Plan to cut emissions, story {i}</h1>{''.join(body)}</article>"
        "</main><aside><p>Subscribe to our newsletter</p></aside><footer>© 2021</footer>"
        "</body></html>"
    )


def _clean(text: str) -> bool:
    return not any(piece in text for piece in FURNITURE)


def main(pages: int = 2000, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(pages):
            (folder / f"page{i:05d}.html").write_text(make_page(i, rng), encoding="utf-8")
        files = sorted(folder.glob("*.html"))

        start = time.perf_counter()
        ours = [a for a in iter_articles([str(folder)]) if not isinstance(a, Problem)]
        ours_s = time.perf_counter() - start

        start = time.perf_counter()
        theirs = [trafilatura.extract(p.read_bytes().decode("utf-8")) or "" for p in files]
        theirs_s = time.perf_counter() - start

    ours_rate, theirs_rate = len(ours) / ours_s, len(theirs) / theirs_s
    ours_clean = sum(_clean(a.text) for a in ours) / pages
    theirs_clean = sum(_clean(t) for t in theirs) / pages
    captions = sum(1 for a in ours if a.captions and a.captions[0].credit) / pages
    return [
        {
            "name": "read: HTML pages",
            "metric": "articles/s",
            "value": round(ours_rate, 1),
            "baseline": "trafilatura.extract alone",
            "baseline_value": round(theirs_rate, 1),
            "ratio": round(ours_rate / theirs_rate, 3),
        },
        {
            "name": "read: body free of furniture",
            "metric": "share of pages",
            "value": round(ours_clean, 3),
            "baseline": "trafilatura.extract alone",
            "baseline_value": round(theirs_clean, 3),
            "ratio": round(ours_clean / theirs_clean, 3) if theirs_clean else None,
        },
        {
            "name": "read: figure captions with credit kept",
            "metric": "share of pages",
            "value": round(captions, 3),
            "baseline": "trafilatura.extract alone (drops figures)",
            "baseline_value": 0.0,
            "ratio": None,
        },
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    for row in main(pages=args.pages):
        print(row)
