"""Debian's chromium through Playwright: the story view of a 22-outlet story and the seed story."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storylens.model import Article
from storylens.web import create_app

from .live import running
from .stored import sample_articles

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTLETS = 22


def tornado(i: int) -> Article:
    """One of 22 outlets' reports of one tornado; the toll they give rises with the hours."""
    toll = 6 + 4 * (i // 6)
    return Article(
        id=f"tornado-{i:02d}",
        title=f"Tornado kills {toll} in Millbrook",
        outlet=f"outlet-{i:02d}-{'long-regional-name' if i % 5 == 0 else 'news'}.example",
        published=f"2023-03-07T{8 + i // 2:02d}:{(i % 2) * 30:02d}:00+00:00",
        text=(
            f"At least {toll} people were killed when a tornado struck the town of Millbrook on "
            "Tuesday, county officials said.\n\n"
            "The storm flattened homes along the river and cut power to thousands of residents."
            f"\n\nReporter {i} spoke to a family who lost their barn number {i} in the storm."
        ),
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, seeds: tuple[Path, Path]) -> Iterator[str]:
    from storylens.stories.grouping import StoryGrouper
    from storylens.stories.store import StoryStore

    store = tmp_path_factory.mktemp("story-browser") / "stories.db"
    with StoryStore(store, grouper=StoryGrouper(verify=False)) as db:
        db.add(sample_articles(*seeds) + [tornado(i) for i in range(OUTLETS)])
    with running(create_app(store, token="browser-token")) as url:
        yield url


def _story_of(page: Any, site: str, article_id: str, query: str) -> str:
    stories = page.request.get(f"{site}/api/stories?q={query}").json()["stories"]
    for story in stories:
        full = page.request.get(f"{site}/api/stories/{story['id']}").json()
        if article_id in {a["id"] for a in full["articles"]}:
            return str(story["id"])
    raise AssertionError(f"no story holds {article_id}")


def test_matrix_numbers_and_lineage(browser: Any, site: str, artifacts: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed: list[str] = []
    # every stylesheet and script the page asks for is served (the browser's own favicon aside)
    page.on(
        "response",
        lambda r: failed.append(r.url) if r.status >= 400 and "favicon" not in r.url else None,
    )
    sid = _story_of(page, site, "tornado-00", "Millbrook")
    page.goto(f"{site}/stories/{sid}", timeout=180_000)

    heads = page.locator("table.sl-matrix th.sl-outlet-col")
    assert heads.count() == OUTLETS
    # readable at 20+ outlets: narrow columns, names written upwards, none overlapping
    boxes = [heads.nth(i).bounding_box() for i in range(OUTLETS)]
    assert all(b is not None and b["width"] <= 36 and b["height"] >= 60 for b in boxes)
    assert all(a["x"] + a["width"] <= b["x"] + 1 for a, b in itertools.pairwise(boxes))
    before = page.locator("table.sl-matrix").screenshot(path=str(artifacts / "story-1-matrix.png"))

    # sortable: the first fact is carried by all 22; a second click on "outlets" puts the
    # facts only one outlet carries on top
    first_row = page.locator("table.sl-matrix tbody tr").first
    assert first_row.locator("td").nth(2).inner_text() == str(OUTLETS)
    page.locator("table.sl-matrix thead th").nth(3).locator("button").click()
    page.locator("table.sl-matrix thead th").nth(3).locator("button").click()
    assert page.locator("table.sl-matrix thead th").nth(3).get_attribute("aria-sort") == "ascending"
    assert page.locator("table.sl-matrix tbody tr").first.locator("td").nth(2).inner_text() == "1"
    after = page.locator("table.sl-matrix").screenshot(path=str(artifacts / "story-2-sorted.png"))
    assert before != after and len(after) > 10_000

    # the rising toll: a chart and the same in words
    numbers = page.locator("figure.sl-numbers")
    assert numbers.count() >= 1
    assert "rising over time" in numbers.first.inner_text()
    assert (
        numbers.first.locator("svg circle").count()
        == numbers.first.locator("table.sl-values tbody tr").count()
        >= 3
    )
    shot = numbers.first.screenshot(path=str(artifacts / "story-3-numbers.png"))
    assert len(shot) > 5_000
    page.screenshot(path=str(artifacts / "story-4-page.png"), full_page=True)
    assert not failed, failed
    page.close()


def test_seed_lineage_graph(browser: Any, site: str, artifacts: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sid = _story_of(page, site, "8f039e64ece7714e", "Iraq")
    page.goto(f"{site}/stories/{sid}", timeout=180_000)
    lineage = page.locator("figure.sl-lineage")
    assert lineage.locator("svg path.sl-arc").count() == 1
    words = lineage.locator("ul.sl-lineage-list").inner_text()
    assert "Al Jazeera: derived from Reuters; credits Reuters" in words
    shot = lineage.screenshot(path=str(artifacts / "story-5-lineage.png"))
    assert len(shot) > 2_000
    # the four quotes both ran are marked in both outlets' columns
    both = page.locator("table.sl-matrix tbody tr.sl-kind-quote").filter(
        has=page.locator("td.sl-verbatim")
    )
    assert both.count() >= 4
    page.close()
