"""Quality gate: does reading a web page keep the article's snippets and drop the boilerplate?

Two sets: ``../shared/data/extraction-dev`` (200 real pages; in CI its absence is a failure) and
the hand-written pages in ``fixtures/extraction`` that always run. The floors in ``floors.json``
sit just below what the reader measured; raise them with the reader, and never lower one without
saying why in the commit.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

from storylens.model import Article
from storylens.read.htmlpage import read_html
from storylens.read.options import ReadOptions
from storylens.read.sources import Source

HERE = Path(__file__).resolve().parent
FLOORS = json.loads((HERE / "floors.json").read_text())
SUBSET = HERE / "fixtures" / "extraction"
DEV = HERE.parents[1].parent / "shared" / "data" / "extraction-dev"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _read(key: str, data: bytes) -> Article | None:
    items = list(read_html(Source(key, f"{key}.html", data), ReadOptions()))
    return items[0] if items and isinstance(items[0], Article) else None


def _views(article: Article | None) -> tuple[str, str]:
    """(text, text + standfirst + headings), whitespace made single spaces."""
    if article is None:
        return "", ""
    full = "\n".join([article.standfirst or "", article.text, *article.headings])
    return _norm(article.text), _norm(full)


def snippet_scores(gold: dict[str, Any], texts: dict[str, str]) -> dict[str, float]:
    kept = [_norm(s) in texts[k] for k, g in gold.items() for s in g["with"]]
    dropped = [_norm(s) not in texts[k] for k, g in gold.items() for s in g["without"]]
    return {"with_kept": sum(kept) / len(kept), "without_dropped": sum(dropped) / len(dropped)}


def test_scores_count_found_and_absent_snippets() -> None:
    gold = {"a": {"with": ["kept one", "lost one"], "without": ["menu", "footer"]}}
    scores = snippet_scores(gold, {"a": "the kept one and the menu"})
    assert scores == {"with_kept": 0.5, "without_dropped": 0.5}


def load_gold(folder: Path) -> dict[str, Any]:
    """The set's gold snippets; in CI a missing set fails the gate instead of skipping it."""
    if not (folder / "gold.json").exists():
        message = f"{folder} is absent: run from a checkout with ../shared beside it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return json.loads((folder / "gold.json").read_text(encoding="utf-8"))


def test_missing_dev_set_fails_in_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="is absent"):
        load_gold(tmp_path / "extraction-dev")


@pytest.fixture(scope="module")
def dev() -> dict[str, Any]:
    gold = load_gold(DEV)
    articles = {
        key: _read(key, gzip.decompress((DEV / "html" / f"{key}.html.gz").read_bytes()))
        for key in gold
    }
    views = {key: _views(article) for key, article in articles.items()}
    return {
        "gold": gold,
        "empty": sorted(k for k, a in articles.items() if a is None or not a.text),
        "text": snippet_scores(gold, {k: v[0] for k, v in views.items()}),
        "full": snippet_scores(gold, {k: v[1] for k, v in views.items()}),
    }


def test_dev_set_is_whole(dev: dict[str, Any]) -> None:
    assert len(dev["gold"]) == FLOORS["dev_pages"]


def test_dev_text_keeps_the_article_and_drops_boilerplate(dev: dict[str, Any]) -> None:
    assert dev["text"]["with_kept"] >= FLOORS["dev_with_kept_text"], dev["text"]
    assert dev["text"]["without_dropped"] >= FLOORS["dev_without_dropped_text"], dev["text"]


def test_dev_text_standfirst_and_headings_hold_their_floors(dev: dict[str, Any]) -> None:
    full = dev["full"]
    assert full["with_kept"] >= FLOORS["dev_with_kept_text_standfirst_headings"], full
    assert full["without_dropped"] >= FLOORS["dev_without_dropped_text_standfirst_headings"], full


def test_every_dev_page_has_a_body(dev: dict[str, Any]) -> None:
    # trafilatura alone finds a body on every one of these pages
    assert len(dev["empty"]) <= FLOORS["dev_pages_without_body"], dev["empty"]


def test_small_committed_pages_hold_their_floors() -> None:
    gold = json.loads((SUBSET / "gold.json").read_text(encoding="utf-8"))
    texts = {name: _views(_read(name, (SUBSET / name).read_bytes()))[0] for name in gold}
    scores = snippet_scores(gold, texts)
    assert scores["with_kept"] >= FLOORS["subset_with_kept"], (scores, texts)
    assert scores["without_dropped"] >= FLOORS["subset_without_dropped"], (scores, texts)
