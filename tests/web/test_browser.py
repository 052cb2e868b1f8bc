"""Debian's chromium through Playwright: search, open a story, tick two articles, compare."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storylens.web import create_app

from .live import running
from .stored import XSS, sample_articles

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, seeds: tuple[Path, Path]) -> Iterator[str]:
    """A live server over a store holding the seed story and an election story."""
    from storylens.stories.store import StoryStore

    store = tmp_path_factory.mktemp("browser") / "stories.db"
    with StoryStore(store) as db:
        db.add(sample_articles(*seeds))
    with running(create_app(store, token="browser-token")) as url:
        yield url


def test_search_story_and_compare(browser: Any, site: str, artifacts: Path) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(site + "/")
    assert page.locator("ol.stories li").count() >= 2
    page.screenshot(path=str(artifacts / "web-1-stories.png"), full_page=True)

    page.fill("input[name=q]", "Valdoria")
    page.click("form.search button")
    page.wait_for_url("**/?q=Valdoria*")
    headlines = page.locator("ol.stories a.headline")
    assert headlines.count() >= 1
    assert "Valdoria" in page.content() or "Ruiz" in page.content()
    page.screenshot(path=str(artifacts / "web-2-search.png"), full_page=True)

    headlines.first.click()
    page.wait_for_url("**/stories/**")
    assert page.locator("svg.chart circle").count() >= 1
    # the hostile headline is on this page as text, and it never ran
    assert page.get_by_text(XSS, exact=False).count() >= 1
    assert alerts == []
    boxes = page.locator("input[name=pick]")
    assert boxes.count() >= 2
    button = page.locator("#compare-button")
    assert button.is_disabled()
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert button.is_enabled()
    if boxes.count() > 2:
        assert boxes.nth(2).is_disabled()
    page.screenshot(path=str(artifacts / "web-3-story.png"), full_page=True)

    button.click()
    page.wait_for_url("**/compare?a=*", timeout=120_000)
    page.wait_for_selector(".report", timeout=120_000)
    report = page.locator(".report").inner_text()
    assert "Ana Ruiz wins Valdoria election" in report
    assert "Valdoria election: Ruiz wins" in report
    page.screenshot(path=str(artifacts / "web-4-compare.png"), full_page=True)
    assert alerts == []
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.close()
