"""Nothing else changes: the seeds and every reading fixture give the JSON they gave before.

The golden files were written by ``storylens read`` before the extraction work of issue 17. A
change that legitimately alters one must regenerate it (``python tests/read/test_golden.py``)
and say why in its commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from storylens.model import Article
from storylens.read import ReadOptions, iter_articles

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
FIXTURES = HERE / "fixtures"
SEEDS = HERE.parents[1].parent / "shared" / "seeds"
CSV_FIELDS = {"title": "headline", "text": "story", "url": "web_address", "id": "ident"}

#: golden name -> (input, options); seeds live in ../shared and are skipped when it is absent
CASES: dict[str, tuple[Path, ReadOptions]] = {
    "seed_000": (SEEDS / "000_5106ceb30cf12f44.txt", ReadOptions()),
    "seed_004": (SEEDS / "004_ad8205b13b026261.txt", ReadOptions()),
    "page_html": (FIXTURES / "page.html", ReadOptions()),
    "wire_md": (FIXTURES / "wire.md", ReadOptions()),
    "articles_jsonl": (FIXTURES / "articles.jsonl", ReadOptions()),
    "custom_csv": (FIXTURES / "custom.csv", ReadOptions(fields=CSV_FIELDS)),
    "feed_atom": (FIXTURES / "feed.atom", ReadOptions()),
    "feed_rss": (FIXTURES / "feed.rss", ReadOptions()),
}


def _read(path: Path, options: ReadOptions) -> list[dict[str, Any]]:
    rows = []
    for item in iter_articles([str(path)], options):
        if isinstance(item, Article):
            row = item.to_dict()
            # the source names the file as given; only its name is stable across checkouts
            row["source"] = (row["source"] or "").replace(str(path), path.name)
            rows.append(row)
    return rows


@pytest.mark.parametrize("name", sorted(CASES))
def test_reading_gives_the_golden_json(name: str) -> None:
    path, options = CASES[name]
    if not path.exists():
        pytest.skip(f"{path} is absent: run from a checkout with ../shared beside it")
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert _read(path, options) == expected


def write_goldens() -> None:
    for name, (path, options) in CASES.items():
        text = json.dumps(_read(path, options), ensure_ascii=False, indent=2) + "\n"
        (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(write_goldens())
